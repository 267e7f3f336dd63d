"""A tester's findings in the people import (2026-12-02): refused uploads left on disk, note rows read as
people and people read as footers, duplicated headers, phones ending in `.0`, the upload's file picker, the
date-order choice's example."""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from battlemap.io import jobs as io_jobs
from battlemap.io.tabular import jobs as import_jobs
from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.readers import ReadError
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from tests import factories as f
from tests.trust import hostile

from .test_realworld_tabular import _people


@pytest.fixture
def account(db):
    return f.account(owner=f.user("tester"), slug="hdny", name="华东能源")


@pytest.fixture
def waiting(monkeypatch, tmp_path):
    """The folder of uploads waiting for a confirmation, this test's own."""
    folder = tmp_path / "imports"
    monkeypatch.setattr(io_jobs, "JOBS", folder)
    monkeypatch.setattr(import_jobs, "UPLOADS", folder)
    return folder


def _upload(client, name: str, data: bytes):
    return client.post(
        "/accounts/guodian/io/import/", {"file": SimpleUploadedFile(name, data)}, HTTP_ACCEPT_LANGUAGE="en"
    )


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\xff\xfe\x81" * 100


@pytest.mark.parametrize(
    "name, data",
    [
        ("rows.csv", ("姓名,职务\r\n" + "王五,经理\r\n" * 5).encode()),
        ("far.xlsx", hostile.far_cell()),
        ("bomb.xlsx", hostile.huge_shared_string(20)),
        ("laughs.xlsx", hostile.entity_expansion()),
        ("wide.csv", hostile.wide_csv(1_000)),
        ("photo.csv", PNG),
    ],
    ids=["too-many-rows", "far-cell", "zip-bomb", "xml-bomb", "too-many-columns", "png-named-csv"],
)
def test_a_refused_upload_is_deleted_at_once(owner_client, waiting, name, data):
    with override_settings(IMPORT_MAX_ROWS=3):
        response = _upload(owner_client, name, data)
    assert response.status_code == 400
    assert sorted(p.name for p in waiting.iterdir()) == []  # neither the file nor its .owner


def test_an_upload_waiting_for_confirmation_stays_until_confirmed(owner_client, waiting):
    response = _upload(owner_client, "ok.csv", "姓名,职务\r\n王五,经理\r\n".encode())
    assert response.status_code == 200
    token = response.context["form"]["token"]
    assert sorted(p.name for p in waiting.iterdir()) == [token, f"{token}.owner"]
    form = {k: v for k, v in response.context["form"].items()}
    assert owner_client.post("/accounts/guodian/io/import/confirm/", form).status_code in (200, 302)
    assert list(waiting.iterdir()) == []


# ---- notes and footers: one rule wherever they stand ----

NOTE_LIST = "姓名,职务,部门,手机\r\n张三,经理,销售部,13800000001\r\n\r\n备注：以下为新入职\r\n"
NOTE_LIST += "李四,专员,销售部,13800000002\r\n赵六,工程师,技术部,13800000004\r\n"


def test_a_note_row_among_the_people_is_no_person_and_is_listed(account):
    result = people_import(account=account, data=(NOTE_LIST + "合计：3人,,,\r\n").encode(), filename="l.csv")
    assert set(_people(account)) == {"张三", "李四", "赵六"}
    assert (result.notes, result.footer) == ([(4, "备注：以下为新入职")], [(7, "合计：3人")])
    with translation.override("en"):
        lines = summary_lines(result)
    assert "Note rows among the people skipped (no person's name reads so): 4: “备注：以下为新入职”." in lines


def test_a_name_alone_after_a_blank_row_at_the_end_is_a_person(account):
    result = people_import(account=account, data=(NOTE_LIST + "\r\n孙七,,,\r\n").encode(), filename="l.csv")
    assert set(_people(account)) == {"张三", "李四", "赵六", "孙七"}
    assert result.footer == [] and result.created == 4


def test_a_note_naming_a_unit_is_a_note_not_the_unit_of_the_people_below(account):
    data = "姓名,职务,手机\r\n张三,经理,13800000001\r\n备注：以下为销售部\r\n李四,专员,13800000002\r\n"
    result = people_import(account=account, data=data.encode(), filename="l.csv")
    assert (result.sections, result.notes) == ([], [(3, "备注：以下为销售部")])
    assert _people(account)["李四"].org_unit is None


@pytest.mark.parametrize(
    "line",
    [
        "说明：见附件",
        "Note: imported from HR",
        "Source: Workday",
        "Generated 2026-11-30",
        "共 3 人",
        "Total 3",
    ],
)
def test_a_note_or_footer_line_is_no_person_wherever_it_stands(account, line):
    data = f"姓名,职务\r\n张三,经理\r\n{line}\r\n李四,专员\r\n".encode()
    result = people_import(account=account, data=data, filename="l.csv")
    assert set(_people(account)) == {"张三", "李四"} and result.notes == [(3, line)]


# ---- a header the file repeats ----

REPEATED = "姓名,职务,职务,部门,部门,上级\r\n李一,经理,总监,销售部,市场部,\r\n王二,专员,,销售部,,李一\r\n"


def test_a_repeated_header_whose_columns_differ_is_refused_naming_them(account):
    with pytest.raises(ReadError) as info:
        people_import(account=account, data=REPEATED.encode(), filename="dup.csv")
    assert file_message(info.value, "en").startswith(
        "Columns with the same header hold different values: “职务” in columns B, C (row 2: 经理, 总监); "
        "“部门” in columns D, E (row 2: 销售部, 市场部)."
    )
    assert "“职务”在第 B、C 列" in file_message(info.value, "zh")
    assert not _people(account)


def test_the_command_refuses_a_repeated_header_naming_it(account, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_bytes(REPEATED.encode())
    with translation.override("en"), pytest.raises(CommandError) as info:
        call_command("import", str(path), account=account.slug)
    assert "“职务” in columns B, C" in str(info.value)


def test_a_repeated_header_with_one_value_a_row_reads_the_filled_column(account):
    data = "姓名,职务,职务,部门,部门\r\n李一,经理,,销售部,\r\n王二,,专员,,市场部\r\n赵三,主任,主任,,\r\n"
    result = people_import(account=account, data=data.encode(), filename="dup.csv")
    titles = {n: p.title for n, p in _people(account).items()}
    assert titles == {"李一": "经理", "王二": "专员", "赵三": "主任"}
    assert _people(account)["王二"].org_unit.name == "市场部"
    assert (result.ignored_columns, result.suspicious_columns) == ([], [])


def test_the_preview_names_the_repeated_columns_and_lets_the_user_choose_one(owner_client, world):
    page = _upload(owner_client, "dup.csv", REPEATED.encode())
    text = page.content.decode()
    assert page.status_code == 400 and "“职务” in columns B, C (row 2: 经理, 总监)" in text
    assert (
        "looks like a manager" not in text
    )  # both 部门 columns are read (or refused as repeated), not "not used"
    assert [field for _letter, _h, _shown, field in page.context["header_fields"]] == [
        "name", "title", "title", "department", "department", "manager",
    ]  # fmt: skip
    form = {k: v for k, v in page.context["form"].items() if k != "columns"}
    chosen = ["name", "title", "notes", "department", "ignore", "manager"]
    headers = ["姓名", "职务", "职务", "部门", "部门", "上级"]
    again = owner_client.post(
        "/accounts/guodian/io/import/recheck/",
        {**form, "header": headers, "field": chosen},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert again.status_code == 200, again.context.get("problems")
    assert [field for _l, _h, _s, field in again.context["header_fields"]] == chosen
    confirm = {**form, "columns": again.context["form"]["columns"]}
    owner_client.post("/accounts/guodian/io/import/confirm/", confirm)
    li = world.cn.people.get(name="李一")
    assert (li.title, li.notes, li.org_unit.name) == ("经理", "总监", "销售部")


# ---- phones a spreadsheet wrote as floats ----


def test_a_phone_written_as_digits_and_point_zero_is_read_as_the_digits(account):
    data = b"Name,Title,Phone,Email\r\nDan Ho,CEO,13800138000.0,dan@x.example\r\nEve Li,CFO,+8613900000002.00,\r\n"
    people_import(account=account, data=data, filename="f.csv")
    assert {n: p.phone for n, p in _people(account).items()} == {
        "Dan Ho": "13800138000",
        "Eve Li": "+8613900000002",
    }


@pytest.mark.parametrize("phone", ["1.38E+10", "1.3800138E10"])
def test_a_phone_in_scientific_notation_is_still_refused_by_row(account, phone):
    data = f"Name,Title,Phone\r\nDan Ho,CEO,{phone}\r\n".encode()
    with pytest.raises(ImportFailed) as info:
        people_import(account=account, data=data, filename="f.csv")
    assert [(p.row, p.column, p.code) for p in info.value.problems] == [(2, "phone", "scientific")]


def test_scientific_notation_with_a_decimal_comma_is_refused_by_row(account):
    """German Excel's "CSV (;)" writes 13800000000 as 1,38E+10: a trial's file stored it as the phone and the id."""
    data = "sep=;\r\nName;Title;Phone;Id\r\nJens Ulm;CFO;1,38E+10;4,5E+11\r\n".encode("cp1252")
    with pytest.raises(ImportFailed) as info:
        people_import(account=account, data=data, filename="f.csv")
    found = sorted((p.row, p.column, p.code) for p in info.value.problems)
    assert found == [(2, "external_id", "scientific"), (2, "phone", "scientific")]  # as Excel numbers it


@pytest.mark.parametrize("status", ["在职", "active"])
def test_a_leaving_day_beside_an_active_status_is_refused_by_row(account, status):
    """A trial's row `H Eight,x,在职,2026-01-01` was saved active without its leaving day, and without a word."""
    data = f"Name,Title,Status,Left On\r\nH Eight,x,{status},2026-01-01\r\n".encode()
    with pytest.raises(ImportFailed) as info:
        people_import(account=account, data=data, filename="f.csv")
    [problem] = info.value.problems
    assert (problem.row, problem.column, problem.code) == (2, "left_on", "left_on_active")
    assert "2026-01-01" in problem.message("en") and "status" in problem.message("en")
    assert "H Eight" not in _people(account)


# ---- the upload's file picker offers every format the import reads ----


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods(rows: list[list[str]]) -> bytes:
    """A LibreOffice Calc (.ods) workbook of one sheet of text cells, as small as the format allows."""
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>'
            for c in row
        )
        + "</table:table-row>"
        for row in rows
    )
    office = "urn:oasis:names:tc:opendocument:xmlns"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}:office:1.0" '
        f'xmlns:table="{office}:table:1.0" xmlns:text="{office}:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="通讯录">{cells}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("META-INF/manifest.xml", MANIFEST)
        book.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_the_file_picker_offers_ods_and_an_ods_file_imports_on_the_web(owner_client, world):
    page = owner_client.get("/accounts/guodian/io/import/").content.decode()
    accept = re.search(r'name="file" accept="([^"]+)"', page)[1].split(",")
    assert {".csv", ".txt", ".xlsx", ".xls", ".et", ".ods"} <= set(accept)
    preview = _upload(owner_client, "通讯录.ods", _ods([["姓名", "职务"], ["周游", "经理"]]))
    assert preview.status_code == 200 and preview.context["table"].sheet == "通讯录"
    owner_client.post("/accounts/guodian/io/import/confirm/", preview.context["form"])
    assert world.cn.people.get(name="周游").title == "经理"


# ---- the date-order choice quotes the file's own dates ----


def test_the_date_order_choice_quotes_an_ambiguous_date_of_the_file(owner_client):
    data = "姓名,职务,离职日期\r\n周游,经理,05/03/2026\r\n吴芳,专员,04/02/2026\r\n".encode()
    page = _upload(owner_client, "dates.csv", data)
    text = page.content.decode()
    assert page.status_code == 400 and "Dates such as 05/03/2026" in text
    assert "03/11/2026" not in text
    form = {k: v for k, v in page.context["form"].items() if k != "columns"}
    again = owner_client.post(
        "/accounts/guodian/io/import/recheck/",
        {
            **form,
            "date_order": "dmy",
            "header": ["姓名", "职务", "离职日期"],
            "field": ["name", "title", "left_on"],
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert again.status_code == 200 and "形如 05/03/2026 的日期" in again.content.decode()


# ---- the command's summary names the other encodings that read the file, as the preview does ----


def test_the_command_names_the_other_encodings_that_read_a_windows_1252_file(account, tmp_path):
    path = tmp_path / "kontakte.csv"
    path.write_bytes("Name,Title\r\nJürgen Müller,CFO\r\nHeinz Groß,CEO\r\n".encode("cp1252"))
    out = io.StringIO()
    with translation.override("en"):
        call_command("import", str(path), account=account.slug, dry_run=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert "(CSV, encoding Windows-1252)" in lines[1]
    also = next(line for line in lines if line.startswith("The file also reads as "))
    assert "Windows-1250" in also and "--encoding" in also
