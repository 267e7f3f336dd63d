"""A CSV cell past IMPORT_MAX_CELL_CHARS is refused while the file is read, before its line reaches the csv
module: a 45 MB file of one long cell grew a web worker by 408 MB before "单元格超过 32767 个字符" (the text was
copied whole into an `io.StringIO`, 4 bytes a character, and the line handed to the csv module whole). The
reader is handed the lines one at a time (`limits.csv_lines`); what it is handed is counted here."""

from __future__ import annotations

import csv

import pytest

from battlemap.io.tabular import readers
from battlemap.io.tabular.readers import ReadError, read_table

HEAD = "姓名,职务,备注\n张三,经理,\n"
LONG = 1_000_000  # characters of the long cell: 100 times the bound set below


@pytest.fixture
def handed(monkeypatch, settings):
    """The longest line and the characters the csv module was handed, over every reader of the read."""
    settings.IMPORT_MAX_CELL_CHARS = 10_000
    seen = {"longest": 0, "chars": 0}
    real = csv.reader

    def counting(lines, *args, **kwargs):
        def counted():
            for line in lines:
                seen["longest"] = max(seen["longest"], len(line))
                seen["chars"] += len(line)
                yield line

        return real(counted(), *args, **kwargs)

    monkeypatch.setattr(readers.csv, "reader", counting)
    return seen


def test_a_long_cell_is_refused_naming_its_row_before_its_line_is_read(handed):
    rows_after = "李四,主任,\n" * 1000
    data = (HEAD + "王五,科员," + "长" * LONG + "\n" + rows_after).encode()

    with pytest.raises(ReadError) as refused:
        read_table(data, "long.csv")

    assert str(refused.value) == "limit_cell:10000" and refused.value.params["row"] == 3
    # the two lines before it, never the long line nor the rows after it
    assert handed["longest"] < 100 and handed["chars"] < 100


def test_a_file_of_one_long_cell_is_refused_as_row_1(handed):
    with pytest.raises(ReadError) as refused:
        read_table(("x" * LONG).encode(), "one.csv")

    assert str(refused.value) == "limit_cell:10000" and refused.value.params["row"] == 1
    assert handed["chars"] == 0


def test_a_cell_at_the_bound_and_line_ends_of_every_kind_are_read(handed):
    """A cell of exactly the bound is read; a quoted cell over two lines, "\r\n" and a bare "\r" (Excel's "CSV
    (Macintosh)") end lines as before."""
    data = ("姓名,备注\r\n张三," + "a" * 10_000 + '\r李四,"第一行\n第二行"\n王五,x').encode()

    table = read_table(data, "ok.csv")

    assert [row[0] for row in table.rows] == ["张三", "李四", "王五"]
    assert len(table.rows[0][1]) == 10_000 and table.rows[1][1] == "第一行\n第二行"
    assert table.row_numbers == [2, 3, 4]
