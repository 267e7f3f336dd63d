"""The XLSX pre-scan counts rows as the table reader does (docs/import.md, Bounds: "a lone space … are no rows"):
a cell whose formula shows "" (`=IF(A2="","",…)` filled down, as Excel saves it: `<f t="shared" si="0"/><v></v>`),
or that shows a shared string "" or " ", is no row. A reviewer's workbook of 2 people with such a formula filled
down to row 120001 was refused for "more than 100000 rows" (`limits_xlsx._Scan`)."""

from __future__ import annotations

import pytest

from battlemap.io.tabular.readers import ReadError, read_table
from tests.trust.hostile import SHEET, SST_HEAD, rewrite, with_shared_string

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
PEOPLE = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>职务</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>显示名</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>经理</t></is></c>'
    '<c r="C2" t="str"><f t="shared" ref="C2:C{last}" si="0">IF(A2="","",A2&amp;B2)</f><v>张三经理</v></c></row>'
    '<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c><c r="B3" t="inlineStr"><is><t>主任</t></is></c>'
    '<c r="C3" t="str"><f t="shared" si="0"/><v>李四主任</v></c></row>'
)


def _workbook(filler: str, last: int) -> bytes:
    """Two people, then column C filled with `filler` (a format of the row number) from row 4 to `last`, and a
    shared string table holding " " (0) and "" (1)."""
    rows = "".join(f'<row r="{r}">{filler.format(r=r)}</row>' for r in range(4, last + 1))
    xml = f'<?xml version="1.0"?><worksheet {MAIN}><sheetData>{PEOPLE.format(last=last)}{rows}</sheetData></worksheet>'
    strings = [
        SST_HEAD.replace(b'count="1" uniqueCount="1"', b'count="2" uniqueCount="2"')
        + b" </t></si><si><t/></si></sst>"
    ]
    return rewrite(with_shared_string(strings), {SHEET: xml.encode()})


def test_a_formula_showing_nothing_filled_down_past_the_row_bound_imports_its_two_people(db):
    data = _workbook('<c r="C{r}" t="str"><f t="shared" si="0"/><v></v></c>', last=120_001)

    table = read_table(data, "formula_filldown.xlsx")

    assert [row[:2] for row in table.rows] == [["张三", "经理"], ["李四", "主任"]]


@pytest.mark.parametrize("index", [0, 1], ids=["space", "empty"])
def test_a_shared_string_that_shows_nothing_is_no_row(db, settings, index):
    settings.IMPORT_MAX_ROWS = 50
    data = _workbook(f'<c r="C{{r}}" t="s"><v>{index}</v></c>', last=200)

    table = read_table(data, "ss.xlsx")

    assert [row[0] for row in table.rows] == ["张三", "李四"]


def test_a_value_past_the_bound_is_still_a_row_named_by_its_number(db, settings):
    settings.IMPORT_MAX_ROWS = 50
    data = _workbook('<c r="C{r}" t="str"><f t="shared" si="0"/><v>x</v></c>', last=200)

    with pytest.raises(ReadError) as refused:
        read_table(data, "filled.xlsx")

    assert str(refused.value) == "limit_rows:50" and refused.value.params["row"] == 52
