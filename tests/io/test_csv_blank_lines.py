"""Blank lines of a CSV cost nothing: a reviewer's 20 MB of newlines took 3.1 GB and 103 s of a web worker (every
empty record kept as a list, and the lines split into lists up to three times by the bound checks), a cell of
20 million line breaks 2.5 GB before its refusal. They are skipped as they are read (`readers._read_records`,
`limits._filled_lines`), and the rows keep the numbers the user sees. Memory is measured, not time."""

from __future__ import annotations

import tracemalloc

import pytest

from battlemap.io.tabular import limits
from battlemap.io.tabular.readers import ReadError, read_table

BLANK_LINES = 2_000_000
HEAD = "姓名,职务,手机\n张三,经理,13800000000\n"


def _peak(data: bytes):
    tracemalloc.start()
    try:
        table = read_table(data, "blank.csv")
        return table, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_two_million_blank_lines_are_read_in_bounded_memory_and_rows_keep_their_numbers(db):
    text = (
        HEAD
        + "\n" * BLANK_LINES
        + ",,\r\n" * 1000
        + '李四,"主任\n（兼）",13800000001\n\n王五,科员,13800000002\n'
    )
    data = text.encode()

    table, peak = _peak(data)

    assert [row[0] for row in table.rows] == ["张三", "李四", "王五"]
    assert table.row_numbers == [2, BLANK_LINES + 1003, BLANK_LINES + 1005]
    # the file's bytes, its text and a few copies of it; a list per blank line was ~150 bytes a line (300 MB)
    assert peak < 12 * len(data), f"{peak:,} bytes for a file of {len(data):,}"


def test_a_row_past_the_bound_after_blank_lines_is_named_by_its_own_number(db, settings):
    settings.IMPORT_MAX_ROWS = 2
    data = (HEAD + "\n" * 1000 + "李四,主任,13800000001\n王五,科员,13800000002\n").encode()

    with pytest.raises(ReadError) as refused:
        read_table(data, "blank.csv")

    assert str(refused.value) == "limit_rows:2" and refused.value.params["row"] == 1004


def test_a_cell_of_millions_of_line_breaks_is_refused_in_bounded_memory(db):
    data = (HEAD + '李四,"' + "\n" * BLANK_LINES + '",13800000001\n').encode()

    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as refused:
            read_table(data, "cell.csv")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert str(refused.value) == f"limit_cell:{limits.limits().cell_chars}"
    assert refused.value.params["row"] == 3
    assert peak < 12 * len(data), f"{peak:,} bytes for a file of {len(data):,}"
