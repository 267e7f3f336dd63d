"""A CSV's lines end as the csv module reads them — "\\n", "\\r\\n" or a bare "\\r" (Excel's "CSV (Macintosh)",
Numbers), mixed in one file too — in the bound checks as in the reader (`limits._filled_lines`): a reviewer's Mac
file of 80 people was one line of 320 commas to the column check, refused for "more than 256 columns", and a CR-only
file was blind to the row bound. Rows keep the numbers the user sees; blank lines still cost nothing."""

from __future__ import annotations

import tracemalloc

import pytest

from battlemap.io.tabular.readers import ReadError, read_table

# the reviewer's cr.csv
ROWS = ["姓名,职务,部门,手机,邮箱"] + [
    f"张{i:03d},经理,销售部,1380000{i:04d},z{i}@hdny.example" for i in range(80)
]


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_a_file_of_eighty_people_reads_as_eighty_rows_whatever_its_line_ends(db, end):
    table = read_table((end.join(ROWS) + end).encode(), "cr.csv")

    assert len(table.rows) == 80
    assert (table.rows[0][0], table.rows[-1][4]) == ("张000", "z79@hdny.example")
    assert table.row_numbers[-1] == 81


def test_a_row_past_the_column_bound_is_named_by_its_number_in_mixed_line_ends(db, settings):
    settings.IMPORT_MAX_COLUMNS = 4
    text = "姓名,职务,手机\r\n张三,经理,138\r\r李四,主任,139\n王五,科员,137,,,备注\r"

    with pytest.raises(ReadError) as refused:
        read_table(text.encode(), "mixed.csv")

    assert str(refused.value) == "limit_columns:4"
    assert (refused.value.params["row"], refused.value.params["column"]) == (5, "F (6)")


def test_a_mac_file_past_the_row_bound_is_refused_naming_the_first_row_past_it(db, settings):
    settings.IMPORT_MAX_ROWS = 2
    text = "姓名,职务\r张三,经理\r\r\r李四,主任\r王五,科员\r"

    with pytest.raises(ReadError) as refused:
        read_table(text.encode(), "cr.csv")

    assert str(refused.value) == "limit_rows:2" and refused.value.params["row"] == 6


def test_two_million_bare_cr_blank_lines_are_read_in_bounded_memory(db):
    blank = 2_000_000
    data = ("姓名,职务,手机\r张三,经理,13800000000\r" + "\r" * blank + "李四,主任,13800000001\r").encode()

    tracemalloc.start()
    try:
        table = read_table(data, "blank.csv")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert [row[0] for row in table.rows] == ["张三", "李四"]
    assert table.row_numbers == [2, blank + 3]
    assert peak < 12 * len(data), f"{peak:,} bytes for a file of {len(data):,}"
