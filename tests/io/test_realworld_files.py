"""Small gaps left by issue #14 in reading real files (tests/fixtures/realworld_own/m*): a CSV mixing two
encodings is read line by line and the rows read in the legacy encoding are named (or the lines that no
encoding reads are refused); dotted dates (`31.12.2025`) are day first without asking; odd files of other
kinds are read right or refused naming the row or field."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from battlemap.io import dates
from battlemap.io.mapformat import dumps_map, export_map
from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.readers import ReadError, read_table
from battlemap.io.tabular.services import people_import
from battlemap.io.text import decode
from battlemap.people.models import Person
from tests import factories as f
from tests.io.test_realworld_own import OWN, _run


@pytest.fixture
def account(db):
    return f.account(owner=f.user("own"), slug="own", name="华东能源")


def _people(account) -> dict[str, Person]:
    return {p.name: p for p in Person.objects.filter(account=account)}


def _upload(name: str):
    upload = io.BytesIO((OWN / name).read_bytes())
    upload.name = name
    return upload


# ---- two encodings in one file ----


def test_a_utf8_file_with_rows_pasted_from_gbk_is_read_line_by_line_and_names_those_rows(account):
    result = _run(account, "m1_mixed_utf8_gbk.csv")
    assert (result.encoding, result.legacy, result.legacy_rows) == ("UTF-8 + GB18030", "gb18030", [3, 4])
    people = _people(account)
    assert sorted(people) == sorted(["张伟", "李娜", "王芳", "赵磊"])
    assert people["李娜"].title == "财务总监" and people["王芳"].phone == "13800000003"
    from battlemap.io.tabular.summary import summary_lines

    with translation.override("en"):
        with_rows = [line for line in summary_lines(result) if "rows 3, 4 in GB18030" in line]
    assert with_rows and "UTF-8" in with_rows[0]


def test_the_line_by_line_reading_can_be_asked_for_and_other_choices_refuse_or_show_mojibake():
    data = (OWN / "m1_mixed_utf8_gbk.csv").read_bytes()
    assert decode(data, "utf-8+gbk").legacy_lines == (3, 4)
    with pytest.raises(ReadError) as exc:
        read_table(data, "m.csv", encoding="utf-8")
    assert file_message(exc.value, "en") == 'The file cannot be read as "utf-8": choose another encoding.'
    with pytest.raises(ReadError):
        read_table(data, "m.csv", encoding="gb18030")
    assert read_table(data, "m.csv", encoding="utf-8+gb18030").legacy_rows == [3, 4]


def test_a_valid_utf8_byte_pair_in_a_gbk_line_stays_gbk():
    # 录 in GBK is C2 BC, which is valid UTF-8 (¼): the line reads better as GBK, so it is GBK
    data = "姓名,备注\n张伟,备忘\n".encode() + "李娜,录\n".encode("gbk") + "王芳,记录员\n".encode("gbk")
    decoded = decode(data, by_line=True)
    assert decoded.text.splitlines()[2:] == ["李娜,录", "王芳,记录员"]
    assert decoded.legacy_lines == (3, 4)


def test_a_plain_legacy_file_is_not_read_line_by_line():
    decoded = decode("姓名,职务\n李娜,录\n".encode("gbk"), by_line=True)
    assert (decoded.encoding, decoded.legacy_lines) == ("gb18030", ())


def test_lines_no_encoding_reads_are_named_and_nothing_is_written(account):
    before = dumps_map(export_map(account))
    with pytest.raises(ReadError) as exc:
        people_import(account=account, data=(OWN / "m2_damaged_line.csv").read_bytes(), filename="m2.csv")
    assert file_message(exc.value, "en") == (
        "These lines of the file are in no supported encoding (the others are UTF-8): 3. Save the file again "
        "in one encoding (UTF-8) and upload it again."
    )
    assert "3" in file_message(exc.value, "zh-hans") and "UTF-8" in file_message(exc.value, "zh-hans")
    assert dumps_map(export_map(account)) == before


def test_a_quoted_field_over_two_lines_gives_the_row_not_the_line():
    data = ('Name,Notes\nJosé,"a\nb"\n').encode() + "Jürgen,x\n".encode("cp1252")
    table = read_table(data, "q.csv")
    assert table.legacy == "cp1252" and table.legacy_rows == [3]  # line 4, row 3


def test_the_preview_marks_the_rows_read_in_gbk_and_offers_the_line_by_line_choice(owner_client, world):
    url = f"/accounts/{world.cn.slug}/io/import/"
    page = owner_client.post(url, {"file": _upload("m1_mixed_utf8_gbk.csv")}, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<option value="utf-8+gb18030" selected>UTF-8 + GB18030</option>' in html
    assert "read line by line: rows 3, 4 in GB18030" in html
    assert html.count('class="legacy-row"') == 2 and "李娜" in html
    form = {k: v for k, v in page.context["form"].items() if k != "columns"}
    again = owner_client.post(f"{url}recheck/", {**form, "encoding": "utf-8+gb18030"})
    assert '<option value="utf-8+gb18030" selected>' in again.content.decode()
    done = owner_client.post(f"{url}confirm/", again.context["form"])
    assert done.status_code == 200
    assert Person.objects.filter(account=world.cn, name="李娜").exists()
    zh = owner_client.post(url, {"file": _upload("m1_mixed_utf8_gbk.csv")}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "GB18030" in zh.content.decode() and "逐行" in zh.content.decode()


def test_the_cli_summary_names_the_rows_read_in_gbk(account, capsys):
    with translation.override("en"):
        call_command("import", str(OWN / "m1_mixed_utf8_gbk.csv"), "--account", "own", "--dry-run")
    out = capsys.readouterr().out
    assert "rows 3, 4 in GB18030" in out


# ---- dotted dates ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31.12.2025", "2025-12-31"),
        ("05.03.2025", "2025-03-05"),
        ("5.3.25", "2025-03-05"),
        ("05.03.2025 14:30", "2025-03-05 14:30:00"),
        ("1.2.2026.", "2026-02-01"),  # Polish / Croatian write a dot after the year
    ],
)
def test_dotted_dates_are_day_first_without_asking(text, expected):
    assert str(dates.parse(text)) == expected
    assert str(dates.parse(text, "mdy")) == expected  # a chosen order is for slash dates only
    assert not dates.needs_order([text])


def test_slash_and_dash_dates_still_need_the_order():
    with pytest.raises(dates.AmbiguousDate):
        dates.parse("05/03/2025")
    with pytest.raises(dates.AmbiguousDate):
        dates.parse("05-03-2025")
    assert dates.file_order(["05.03.2025", "13.03.2025", "05/03/2025"]) is None  # dots settle nothing


def test_a_dotted_month_over_12_is_refused_not_turned_around():
    with pytest.raises(ValueError):
        dates.parse("12.31.2025")


def test_a_german_export_with_dotted_dates_lands_day_first(account):
    _run(account, "m3_dotted_dates_de.csv")
    assert {p.name: str(p.left_on) for p in _people(account).values()} == {
        "Jürgen Müller": "2025-12-31",
        "Anna Schmidt": "2025-03-05",
        "Klaus Weber": "2025-03-05",
    }


def test_dotted_dates_beside_ambiguous_slash_dates_only_the_slash_rows_are_refused(account):
    data = b"Name,Status,Left On\nA,left,05.03.2025\nB,left,05/03/2025\n"
    with pytest.raises(ImportFailed) as exc:
        people_import(account=account, data=data, filename="d.csv")
    assert [(p.row, p.code) for p in exc.value.problems] == [(3, "ambiguous_date")]


def test_an_impossible_dotted_date_is_refused_by_row(account):
    data = b"Name,Status,Left On\nA,left,12.31.2025\n"
    with pytest.raises(ImportFailed) as exc:
        people_import(account=account, data=data, filename="d.csv")
    assert exc.value.problems[0].row == 2 and "12.31.2025" in exc.value.problems[0].message("en")


# ---- other odd files ----


def test_a_bom_then_a_sep_line_then_a_blank_row_of_separators(account):
    _run(account, "m4_bom_sep_line.csv")
    people = _people(account)
    assert people["Lefèvre, Françoise"].email == "f.lefevre@acme.example"
    assert set(people) == {"Lefèvre, Françoise", "Ørsted, Søren"}


def test_department_cells_merged_down_belong_to_every_person_beside_them(account):
    result = _run(account, "m7_merged_department_cells.xlsx")
    units = {
        p.name: p.org_unit.name for p in Person.objects.filter(account=account).select_related("org_unit")
    }
    assert units == {
        "张伟": "信息中心",
        "王芳": "信息中心",
        "刘洋": "信息中心",
        "李娜": "财务部",
        "陈静": "财务部",
    }
    assert Person.objects.get(account=account, name="刘洋").phone == "13800000003"
    assert result.recognised["phone"] == "电话"  # the header merged over two columns names the first


def test_an_empty_first_sheet_is_passed_over_and_named(account):
    result = _run(account, "m8_empty_first_sheet.xlsx")
    assert (result.sheet, result.empty_sheets) == ("客户联系人", ["Sheet1"])
    assert set(_people(account)) == {"周敏", "孙强"}
    with translation.override("en"):
        from battlemap.io.tabular.summary import where_lines

        assert "Empty sheets passed over: Sheet1; read sheet 客户联系人." in where_lines(result)


def test_an_old_xls_workbook_is_read_with_its_dates(account):
    _run(account, "m9_legacy_biff.xls")
    people = _people(account)
    assert set(people) == {"吴昊", "郑洁"}
    assert str(people["郑洁"].left_on) == "2025-06-30" and people["吴昊"].left_on is None


def test_an_ole_file_calamine_cannot_read_is_refused_saying_what_to_do():
    # a password-protected XLSX is an OLE container too, as is any damaged .xls
    with pytest.raises(ReadError) as exc:
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "locked.xlsx")
    assert file_message(exc.value, "en").startswith(
        "The workbook cannot be read: it may be password-protected"
    )


def test_a_file_cut_inside_a_quoted_cell_is_refused_naming_the_row(account):
    before = dumps_map(export_map(account))
    with pytest.raises(ReadError) as exc:
        people_import(account=account, data=(OWN / "m10_cut_in_quotes.csv").read_bytes(), filename="m10.csv")
    assert file_message(exc.value, "en").startswith("Row 3: a quoted cell opens and never closes")
    assert dumps_map(export_map(account)) == before
    fine = read_table(b'Name,Title\nBob,24" monitor buyer\n', "ok.csv")  # a stray quote inside a cell
    assert fine.rows == [["Bob", '24" monitor buyer']]


def test_short_gbk_names_that_happen_to_be_valid_utf8_stay_gbk():
    # two level-2 characters whose GBK bytes are also valid two-byte UTF-8 (Arabic letters)
    name = (b"\xd8\xa1\xdd\xb5").decode("gbk")
    assert (b"\xd8\xa1\xdd\xb5").decode("utf-8")  # valid UTF-8 too
    data = "姓名,职务\n李娜,总监\n".encode("gbk") + f"{name},CTO\n".encode("gbk")
    decoded = decode(data, by_line=True)
    assert decoded.encoding == "gb18030" and decoded.text.splitlines()[2] == f"{name},CTO"
    mixed = "姓名,职务\n张伟,总经理\n".encode() + f"{name},CTO\n李娜,总监\n".encode("gbk")  # mixed too
    assert decode(mixed, by_line=True).text.splitlines()[2:] == [f"{name},CTO", "李娜,总监"]


def test_a_long_list_of_rows_is_cut_in_the_message():
    from battlemap.io.tabular.summary import row_list

    with translation.override("en"):
        assert row_list(list(range(2, 1300))).endswith("21, … (1,298 rows)")
        assert row_list([3, 4]) == "3, 4"


def test_a_sep_line_at_the_end_names_the_delimiter_and_is_no_person(account):
    _run(account, "m11_bom_trailing_sep.csv")
    people = _people(account)
    assert set(people) == {"Jürgen Müller", "Anna Schmidt"}
    assert people["Anna Schmidt"].email == "a.schmidt@acme.example"
    comma = read_table(b"Name,Title\r\nAmy,CFO\r\nsep=,\r\n", "c.csv")
    assert comma.rows == [["Amy", "CFO"]]
