"""A new user's trial of the people import, on how files are read: a CSV whose Chinese turned into `?` is refused
(nothing written), Excel's text-forcing wrappers (`="00101"`, `'13800138000`) are read as the text inside."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.tabular.problems import file_message
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
        assert "question marks in the header, row 1 (“??”)" in file_message(refused.value)


def test_a_question_mark_for_unknown_is_no_evidence_outside_the_names_and_units(world):
    """A lone `?` title, `??` in the notes: what a person types for "unknown", imported as typed."""
    text = "Name,Title,Department,Notes\r\nAlice Wong,?,IT,??\r\nBob Lee,CIO,IT,? ask\r\n"
    result = _import(world, text.encode())
    assert result.created == 2
    assert Person.objects.get(account=world.cn, name="Alice Wong").notes == "??"


def test_excel_text_wrappers_of_a_csv_are_read_as_the_text_inside(world):
    """Chinese OA exports write `="00101"` so that Excel keeps the leading zeros; others an apostrophe."""
    text = (
        'ID,Name,Phone,Notes\r\n="00101",刘建国,="13800138000",\r\n'
        "'00102,张伟,'13800138001,'Brien's friend\r\n"
        '"=""00103""",王芳,"=""+86 138 0013 8002""",="say ""hi"""\r\n'
    )
    _import(world, text.encode("utf-8-sig"))
    people = Person.objects.filter(account=world.cn, name__in=["刘建国", "张伟", "王芳"])
    stored = sorted(people.values_list("external_id", "phone", "notes"))
    assert stored == [
        ("00101", "13800138000", ""),
        ("00102", "13800138001", "'Brien's friend"),  # an apostrophe before text is the text's
        ("00103", "+86 138 0013 8002", 'say "hi"'),
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
