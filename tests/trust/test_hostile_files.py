"""Hostile and heavy files are refused before a reader allocates, with an error naming the limit.

Before io/tabular/limits.py each of these made the reader allocate gigabytes (a 2 KB workbook killed the
worker); the files here are generated small."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.readers import ReadError, read_table

from . import hostile

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tabular"


def _refused(data: bytes, name: str, engine: str = "calamine") -> str:
    with pytest.raises(ReadError) as info:
        read_table(data, name, engine=engine)
    return str(info.value)


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_cell_at_xfd1048576_is_refused_before_reading(engine):
    assert _refused(hostile.far_cell(), "far.xlsx", engine) == "limit_rows:100000"


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_dimension_claiming_the_whole_sheet_is_refused(engine):
    assert _refused(hostile.claimed_dimension(), "dim.xlsx", engine) == "limit_rows:100000"


def test_too_many_columns_in_a_workbook():
    with override_settings(IMPORT_MAX_ROWS=10**7):
        assert _refused(hostile.far_cell(), "far.xlsx") == "limit_columns:256"


def test_one_huge_shared_string_is_a_zip_bomb():
    data = hostile.huge_shared_string(20)
    assert len(data) < 100_000
    assert _refused(data, "bomb.xlsx") == "limit_ratio:100"
    with override_settings(IMPORT_MAX_COMPRESSION_RATIO=10**6):
        assert _refused(data, "bomb.xlsx") == "limit_cell:32767"  # found while streaming, never held
    with override_settings(IMPORT_MAX_UNCOMPRESSED_MB=10):
        assert _refused(data, "bomb.xlsx") == "limit_size:10"


def test_a_long_cell_is_refused_and_a_legal_one_read():
    assert _refused(hostile.long_shared_string(40_000), "long.xlsx") == "limit_cell:32767"
    table = read_table(hostile.long_shared_string(30_000), "ok.xlsx")
    assert len(table.headers[0]) == 30_000


def test_a_csv_with_a_million_columns_is_refused_before_splitting():
    assert _refused(hostile.wide_csv(1_000_000), "wide.csv") == "limit_columns:256"
    assert read_table(hostile.wide_csv(200, filled=False), "ok.csv").headers == ["姓名"]


def test_empty_trailing_columns_and_rows_are_no_columns_or_rows_of_the_table():
    """Excel writes a CSV of a sheet formatted wide with hundreds of empty fields on every line, and a sheet
    formatted long with thousands of `,` lines; a bold empty cell at XFD2, a styled one at row 200000 and a
    lone space in column 300 hold nothing either: all were refused as "more than 256 columns / 100000 rows"."""
    assert read_table(hostile.wide_csv(1_000_000, filled=False), "wide.csv").headers == ["姓名"]
    long = ("姓名,职务\r\n王五,经理\r\n" + ",\r\n" * 150_000).encode()
    assert len(read_table(long, "long.csv").rows) == 1
    for name in ("a10b_styled_far_cell", "a10c_space_far_cell", "a10e_styled_far_row"):
        table = read_table((FIXTURES / f"{name}.xlsx").read_bytes(), f"{name}.xlsx")
        assert table.headers == ["姓名", "职务", "邮箱"] and len(table.rows) == 2


def test_past_a_bound_the_first_row_or_column_past_it_is_named():
    wide = ("姓名,职务\r\n王五,经理" + "," * 299 + "x\r\n").encode()
    with pytest.raises(ReadError) as refused:
        read_table(wide, "wide.csv")
    assert file_message(refused.value, "en") == (
        "Row 2 holds a value in column KO (301), past 256 columns, the limit of one import (IMPORT_MAX_COLUMNS)."
    )
    with override_settings(IMPORT_MAX_ROWS=3):
        many = ("姓名\r\n" + ",\r\n" * 5 + "王五\r\n" * 4).encode()
        with pytest.raises(ReadError) as refused:
            read_table(many, "rows.csv")
    assert refused.value.params["row"] == 10  # the blank lines are no rows; the 4th person is past 3
    assert "row 10 is the first past it" in file_message(refused.value, "en")
    with translation.override("en"):
        assert "cell XFD1048576" in file_message(_error(hostile.far_cell(), "far.xlsx"))


def _error(data: bytes, name: str) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_table(data, name)
    return info.value


def test_white_space_between_rows_is_no_long_cell():
    """The lying zip bomb (1 GiB of white space between rows, 3 MB in its headers) holds no cell at all: it
    was refused as "a cell holds more than 32767 characters". White space is refused by its size, or read."""
    assert _refused(hostile.spaced_rows(2), "spaced.xlsx") == "limit_ratio:100"
    with override_settings(IMPORT_MAX_COMPRESSION_RATIO=10**6):
        assert read_table(hostile.spaced_rows(2), "spaced.xlsx").rows == [["王五", "w@x.cn"]]
        with override_settings(IMPORT_MAX_UNCOMPRESSED_MB=1):
            assert _refused(hostile.spaced_rows(2), "spaced.xlsx") == "limit_size:1"


def test_commas_inside_quotes_are_not_columns_and_rows_are_counted():
    quoted = ('姓名,备注\r\n王五,"' + "," * 1000 + '\r\n多行"\r\n').encode()
    assert read_table(quoted, "q.csv").rows[0][0] == "王五"
    with override_settings(IMPORT_MAX_ROWS=3):
        many = ("姓名\r\n" + "王五\r\n" * 4).encode()
        assert _refused(many, "rows.csv") == "limit_rows:3"
        read_table(("姓名\r\n" + "王五\r\n" * 3).encode(), "ok.csv")


@pytest.mark.parametrize("length", [40_000, 200_000], ids=["past-ours", "past-the-csv-module's"])
def test_a_csv_cell_past_the_bound_is_refused_naming_the_limit_and_the_row(length):
    data = ("姓名,职务\r\n王五,经理\r\n" + "张" * length + ",经理\r\n").encode()
    with pytest.raises(ReadError) as info:
        read_table(data, "long.csv")
    assert file_message(info.value, "en") == (
        "Row 3: a cell holds more than 32767 characters, the limit of one cell (IMPORT_MAX_CELL_CHARS)."
    )
    assert "第 3 行" in file_message(info.value, "zh") and "IMPORT_MAX_CELL_CHARS" in file_message(
        info.value, "zh"
    )


def test_random_bytes_named_csv_are_not_a_text_file():
    noise = random.Random(14).randbytes(2_000_000)
    message = file_message(_refused_error(noise, "noise.csv"), "en")
    assert message.startswith("The file is not a text (CSV) file: it holds binary data")
    assert "不是文本（CSV）文件" in file_message(_refused_error(noise, "noise.csv"), "zh")
    # a NUL byte in text that is no UTF-16: binary too (a PNG renamed .csv)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\xff\xfe\x81" * 100
    assert str(_refused_error(png, "photo.csv")) == "binary"


def test_a_text_file_with_a_few_damaged_lines_names_them():
    data = "姓名,职务\r\n王五,经理\r\n".encode() + b"\xff\xfe\x81,x\r\n" + "赵六,主任\r\n".encode() * 3
    assert file_message(_refused_error(data, "mixed.csv"), "en").startswith(
        "These lines of the file are in no supported encoding (the others are UTF-8): 3."
    )


def _refused_error(data: bytes, name: str) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_table(data, name)
    return info.value


def test_the_messages_name_the_limit_in_both_languages():
    assert "IMPORT_MAX_ROWS" in file_message("limit_rows:100000", "en")
    assert "100000" in file_message("limit_rows:100000", "en")
    with translation.override("zh-hans"):
        assert "行" in file_message("limit_rows:100000") and "IMPORT_MAX_ROWS" in file_message(
            "limit_rows:100000"
        )
    assert "zip" in file_message("limit_ratio:100", "en")


def test_web_import_of_a_hostile_file_answers_400_naming_the_limit(owner_client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("far.xlsx", hostile.far_cell())
    response = owner_client.post("/accounts/guodian/io/import/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "IMPORT_MAX_ROWS" in response.content.decode()


def test_the_preview_shows_a_page_of_columns_and_cuts_long_cells(owner_client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    header = ",".join(["姓名"] + [f"c{i}" for i in range(60)])
    row = ",".join(["王五"] + ["y" * 5000] * 60)
    upload = SimpleUploadedFile("wide.csv", f"{header}\r\n{row}\r\n".encode())
    response = owner_client.post("/accounts/guodian/io/import/", {"file": upload})
    page = response.content.decode()
    assert "<th>c18</th>" in page and "<th>c30</th>" not in page
    assert "y" * 201 not in page
    assert len(page) < 200_000


def test_the_import_command_refuses_with_the_limit(world, tmp_path):
    path = tmp_path / "dim.xlsx"
    path.write_bytes(hostile.claimed_dimension())
    with pytest.raises(CommandError, match="100000"):
        call_command("import", str(path), "--account", "guodian", "--lang", "en")
