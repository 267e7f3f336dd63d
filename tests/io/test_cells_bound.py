"""One bound on the cells of a sheet — its rows × the columns they use (`IMPORT_MAX_CELLS`) — for every spreadsheet
format, counted while the file is scanned, before a reader lays the sheet out (docs/security.md, "Tables").

A reviewer's XLSX of 90,000 rows × 120 small numbers (22 MB, within the size, ratio, row and column bounds) took
1.7 GB to read on the command line and held a web worker at 2.5 GB; a table of 100,000 rows × 2 columns with one
note in column IV took 1.4 GB. Both are refused now at about 100 MB (`bench/import_cells.py`). Here the bound is
lowered so that the files stay small."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.tabular import limits
from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.readers import ReadError, read_table
from tests.io.files import xlsx_bytes
from tests.trust.hostile import SHEET, rewrite

BOUND = 1_000


def _xlsx(rows: list[list[object]], *, references: bool = True, far: str | None = None) -> bytes:
    """A workbook of one sheet holding `rows` (row 1 the header), its cells with their references (`r="B2"`)
    or without them, as some exporters write; `far`: one more cell, a note, at that reference."""

    def cell(row: int, column: int, value: object) -> str:
        ref = f' r="{limits.column_letters(column)}{row}"' if references else ""
        if isinstance(value, int):
            return f"<c{ref}><v>{value}</v></c>"
        return f'<c{ref} t="inlineStr"><is><t>{value}</t></is></c>'

    note = f'<c r="{far}" t="inlineStr"><is><t>备注</t></is></c>' if far else ""
    sheet = "".join(
        f"<row>{''.join(cell(r, c, v) for c, v in enumerate(values, start=1))}{note if r == 1 else ''}</row>"
        for r, values in enumerate(rows, start=1)
    )
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    xml = f'<?xml version="1.0"?><worksheet {main}><sheetData>{sheet}</sheetData></worksheet>'
    return rewrite(xlsx_bytes([["姓名"]]), {SHEET: xml.encode()})


def _table(rows: int, columns: int) -> list[list[object]]:
    """A header (姓名, 职务, then numbered columns) and `rows` rows of a name, a title and small numbers."""
    header: list[object] = ["姓名", "职务", *(f"列{n}" for n in range(3, columns + 1))]
    return [header] + [
        [f"王{r}", "工程师", *(r * n % 1000 for n in range(3, columns + 1))] for r in range(rows)
    ]


@pytest.fixture
def bound(settings):
    settings.IMPORT_MAX_CELLS = BOUND
    return BOUND


@pytest.mark.parametrize("references", [True, False])
def test_a_workbook_of_many_small_numbers_is_refused_naming_the_cells_bound(bound, references):
    data = _xlsx(_table(60, 20), references=references)  # 1,220 cells
    with pytest.raises(ReadError) as refused:
        read_table(data, "many_cells.xlsx")
    assert str(refused.value) == "limit_cells:1000"
    said = file_message(refused.value, "en")
    assert "more than 1000 cells" in said and "IMPORT_MAX_CELLS" in said
    with translation.override("zh-hans"):
        assert "单元格" in file_message(refused.value) and "IMPORT_MAX_CELLS" in file_message(refused.value)


def test_a_workbook_within_the_cells_bound_is_read(bound):
    table = read_table(_xlsx(_table(45, 20)), "within.xlsx")  # 920 cells
    assert table.headers[:2] == ["姓名", "职务"] and len(table.rows) == 45


def test_a_note_far_right_of_a_long_table_is_refused_naming_its_cell(bound):
    """110 rows of two columns and a note in T1: a reader lays out 111 rows × 20 columns."""
    data = _xlsx(_table(110, 2), far="T1")
    with pytest.raises(ReadError) as refused:
        read_table(data, "note.xlsx")
    said = file_message(refused.value, "en")
    assert said.startswith("The sheet reaches cell T1") and "IMPORT_MAX_CELLS" in said
    assert read_table(_xlsx(_table(110, 2), far="E1"), "near.xlsx").rows  # 111 × 5 cells


def test_a_csv_past_the_cells_bound_names_the_row_past_it_and_trailing_commas_are_no_cells(bound):
    lines = [",".join(str(c) for c in row) for row in _table(60, 20)]
    with pytest.raises(ReadError) as refused:
        read_table("\n".join(lines).encode(), "many.csv")
    assert str(refused.value) == "limit_cells:1000" and refused.value.params["row"] == 51  # 50 rows: 1,000
    assert "row 51 is the first past it" in file_message(refused.value, "en")
    wide = [",".join(str(c) for c in row) + "," * 30 for row in _table(60, 2)]  # Excel's empty columns
    assert len(read_table("\n".join(wide).encode(), "wide.csv").rows) == 60


def test_a_crm_export_of_100000_rows_of_30_columns_is_within_the_default_bound():
    assert limits.limits().cells >= (100_000 + 1) * 30
