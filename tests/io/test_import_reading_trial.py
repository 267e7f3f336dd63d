"""A new user's trial of the people import, on how files are read: a CSV whose Chinese turned into `?` is refused
(nothing written), Excel's text-forcing wrappers (`="00101"`, `'13800138000`) are read as the text inside."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.readers import ReadError, read_table
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person

pytestmark = pytest.mark.django_db

GOOD = (
    "Name,Title,Department,Email,Phone\r\n"
    "刘建国,董事长,集团领导,liujg@t.example,13800138000\r\n"
    "张伟,信息中心主任,信息中心,zw@t.example,13800138001\r\n"
)


def _import(world, data: bytes, filename: str = "people.csv", **options):
    return people_import(account=world.cn, data=data, filename=filename, user=world.owner, **options)


def _people(world) -> list[tuple[str, str]]:
    return sorted(Person.objects.filter(account=world.cn).values_list("email", "name"))


def test_a_csv_whose_chinese_became_question_marks_is_refused_and_the_map_kept(world):
    """Excel's "CSV (Comma delimited)" on a Western Windows writes 刘建国 as `???`: imported over the account it
    renamed everyone and merged the departments into `????`."""
    _import(world, GOOD.encode("utf-8-sig"))
    before = _people(world)
    lost = GOOD.encode("cp1252", "replace")
    with pytest.raises(ReadError) as refused:
        _import(world, lost)
    assert _people(world) == before  # nothing renamed `???`
    with translation.override("en"):
        message = file_message(refused.value)
    assert "Name, Title, Department of rows 2, 3" in message and "“???”" in message
    assert "CSV UTF-8" in message and "Unicode Text" in message
    assert str(refused.value) == "lost_characters"


def test_a_header_made_of_question_marks_is_refused_as_lost_characters_not_as_no_name_column():
    lost = "姓名,职务,部门\r\n刘建国,董事长,集团领导\r\n".encode("cp1252", "replace")
    with pytest.raises(ReadError) as refused:
        read_table(lost, "people.csv")
    with translation.override("en"):
        said = file_message(refused.value)
    assert "Question marks in place of characters in the header, row 1 (“??”)" in said


def test_a_name_title_or_department_that_lost_only_its_chinese_is_refused(world):
    """A mixed cell keeps its Latin letters and loses its Chinese: `IT ???`, `??(Beijing)`, `?? Bob`."""
    text = "Name,Title,Department\r\nAnn Lee,CTO,IT 信息部\r\n王伟 Bob,VP,北京(Beijing)\r\n"
    with pytest.raises(ReadError) as refused:
        _import(world, text.encode("cp1252", "replace"))
    with translation.override("en"):
        message = file_message(refused.value)
    assert "Name, Department of rows 2, 3" in message and "“IT ???”" in message
    assert not Person.objects.filter(account=world.cn, name__contains="?").exists()


def test_a_question_mark_for_unknown_is_no_evidence_outside_the_names_and_units(world):
    """A lone `?` title, `??` in the notes: what a person types for "unknown", imported as typed."""
    text = "Name,Title,Department,Notes\r\nAlice Wong,?,IT,??\r\nBob Lee,CIO,IT,? ask\r\n"
    result = _import(world, text.encode())
    assert result.created == 2
    assert Person.objects.get(account=world.cn, name="Alice Wong").notes == "??"


def test_excel_text_wrappers_of_a_csv_are_read_as_the_text_inside(world):
    """Chinese OA exports write `="00101"` so that Excel keeps the leading zeros; others an apostrophe."""
    text = (
        'ID,Name,Phone,Notes,Email\r\n="00101",刘建国,="13800138000",,\r\n'
        "'00102,张伟,'13800138001,'Brien's friend,'zw@t.example\r\n"
        '"=""00103""",王芳,"=""+86 138 0013 8002""",="say ""hi""",\r\n'
    )
    _import(world, text.encode("utf-8-sig"))
    people = Person.objects.filter(account=world.cn, name__in=["刘建国", "张伟", "王芳"])
    stored = sorted(people.values_list("external_id", "phone", "notes", "email"))
    assert stored == [  # an apostrophe before text is the text's ('Brien)
        ("00101", "13800138000", "", ""),
        ("00102", "13800138001", "'Brien's friend", "zw@t.example"),
        ("00103", "+86 138 0013 8002", 'say "hi"', ""),
    ]


HTML_XLS = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
    '<head><meta charset="utf-8"></head><body><table><tr><th>姓名</th><th>职务</th><th>手机</th></tr>'
    "<tr><td>刘建国</td><td>董事长</td><td>13800138000</td></tr></table></body></html>"
)
XML_XLS = (
    '<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"><Table>'
    '<Row><Cell><Data ss:Type="String">姓名</Data></Cell></Row></Table></Worksheet></Workbook>'
)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (HTML_XLS.encode(), "web page (HTML)"),
        (b"\xef\xbb\xbf\r\n" + HTML_XLS.encode(), "web page (HTML)"),
        (HTML_XLS.encode("utf-16"), "web page (HTML)"),
        (("<!DOCTYPE html>\n" + HTML_XLS).encode("gbk"), "web page (HTML)"),
        (XML_XLS.encode(), "Excel 2003 XML spreadsheet"),
    ],
)
def test_a_web_page_or_an_xml_spreadsheet_saved_as_xls_is_refused_saying_what_it_is(world, data, said):
    """Many OA systems' "Export to Excel" save an HTML table as .xls: read as CSV, its tags were the header."""
    with pytest.raises(ReadError) as refused:
        _import(world, data, filename="通讯录.xls")
    with translation.override("en"):
        message = file_message(refused.value)
    assert said in message and "save it as Excel Workbook (.xlsx)" in message


def test_an_xlsx_string_cell_is_its_text_the_apostrophe_excel_shows_included():
    """In a workbook the text is what Excel shows: its own quote prefix is a style, never in the text, so a
    string that begins with an apostrophe shows it, and is read with it (only a CSV's is a wrapper)."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["工号", "姓名"])
    book.active.append(["'00101", "刘建国"])
    book.active.append(["00102", "张伟"])
    saved = io.BytesIO()
    book.save(saved)
    assert [r[0] for r in read_table(saved.getvalue(), "people.xlsx").rows] == ["'00101", "00102"]


def _two_departments() -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "信息中心"
    book.active.append(["姓名", "职务", "手机"])
    book.active.append(["王强", "主任", "13800138010"])
    book.active.append(["赵敏", "工程师", "13800138011"])
    finance = book.create_sheet("财务部")
    finance.append(["姓名", "职务", "手机"])
    finance.append(["李娜", "部长", "13800138012"])
    finance.append(["孙悦", "会计", "13800138013"])
    deals = book.create_sheet("商机")  # a header, but of no people: not named
    deals.append(["客户名称", "状态"])
    deals.append(["华东能源", "进行中"])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def _other_sheets_warning(sheet: str = "信息中心") -> str:
    from battlemap.io.tabular.summary import where_lines

    with translation.override("en"):
        return next(line for line in where_lines(read_table(_two_departments(), "people.xlsx", sheet=sheet))
                    if "other sheets" in line)  # fmt: skip


def test_the_command_line_warns_of_another_sheet_of_people_left_out(world, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "two.xlsx"
    path.write_bytes(_two_departments())
    call_command("import", str(path), "--account", world.cn.slug, "--lang", "en")
    out = capsys.readouterr().out
    assert _other_sheets_warning() in out
    assert "财务部" in _other_sheets_warning() and "商机" not in _other_sheets_warning()
    assert "--sheet" in _other_sheets_warning()


def test_the_preview_warns_of_another_sheet_of_people_and_so_when_that_one_is_chosen(owner_client, world):
    import io

    upload = io.BytesIO(_two_departments())
    upload.name = "people.xlsx"
    url = f"/accounts/{world.cn.slug}/io/import/"
    page = owner_client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _other_sheets_warning() in page.replace("&#x27;", "'")
    assert "信息中心" in _other_sheets_warning("财务部")  # importing the second, the first is named


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reading_trial"


@pytest.mark.parametrize("name", ["shown_formats.xlsx", "shown_formats.xls", "shown_formats.ods"])
def test_numbers_are_read_as_the_text_their_format_shows(world, name):
    """Written by openpyxl: 工号 formatted `"A"0000`, 备注 `0%` and `0.0%` (0.15, 0.075) and `0.00` (3), a phone
    `000000000000`; as Excel 97 and .ods by LibreOffice from it (`soffice --headless --convert-to xls|ods`)."""
    _import(world, (FIXTURES / name).read_bytes(), filename=name)
    people = world.cn.people.filter(name__in=["刘建国", "张伟", "王芳"])
    stored = sorted(people.values_list("external_id", "phone", "notes"))
    assert stored == [
        ("A0002", "13800138001", "7.5%"),
        ("A0003", "13800138002", "3"),  # decimals alone: the number as itself, as a number column reads it
        ("A0101", "013800138000", "15%"),
    ]


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (755888866, "0000000000", "0755888866"),  # as before
        (13800138000, "000000000000;@", "013800138000"),
        (101, '"A"0000', "A0101"),
        (101, '[Blue]"No."\\-0000', "No.-0101"),
        (5, '0"人"', "5人"),
        (0.15, "0%", "15%"),
        (0.155, "0.0%", "15.5%"),
        (1234567, '#,##0"元"', "1,234,567元"),
        (-5, "0000;(0000)", "(0005)"),
        (0, '00;-00;"无"', "无"),
        (3, "0.00", None),  # decimals or thousands alone: the number reads as itself
        (1234, "#,##0", None),
        (45000, "yyyy-mm-dd", None),
        (13800138000, "000-0000-0000", None),  # digits with text between them: not read as shown
        (101, "@", None),
        (1.5, "General", None),
    ],
)
def test_the_one_rule_of_a_number_format_shown(value, code, shown):
    from battlemap.io.tabular.shown import shown_text

    assert shown_text(value, code) == shown


def _map_file(lang_name: str = "华东能源") -> str:
    import json

    return json.dumps(
        {"format_version": 1, "account": {"slug": "notepad", "name": lang_name, "lifecycle": "prospect",
         "portrait": {}}, "org_units": [], "people": [{"id": 1, "name": "刘建国"}], "influence_links": [],
         "external_factors": [], "decision_bodies": [], "deals": [], "interactions": []},
        ensure_ascii=False,
    )  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_a_map_file_saved_as_unicode_by_notepad_is_read(db, encoding):
    """Windows Notepad's "Unicode" is UTF-16 with a byte order mark: JSON readers commonly take it."""
    from battlemap.io.mapformat.limits import read_map

    data = read_map(_map_file().encode(encoding))
    assert data["account"]["name"] == "华东能源" and data["people"][0]["name"] == "刘建国"


def test_a_map_file_saved_as_ansi_on_a_chinese_windows_is_refused_naming_the_encoding(db):
    from battlemap.io.mapformat.limits import read_map
    from battlemap.io.mapformat.loading import MapImportError

    with pytest.raises(MapImportError) as refused:
        read_map(_map_file().encode("gbk"))
    with translation.override("en"):
        message = str(refused.value)
    assert "saved in GB18030 (GBK), not in UTF-8" in message and "save it again as UTF-8" in message
    with pytest.raises(MapImportError) as noise, translation.override("en"):
        read_map(bytes(range(128, 256)) * 4)  # no JSON in any encoding: said so, as before
    with translation.override("en"):
        assert str(noise.value) == "This is not a JSON file."
