"""A sales-ops admin's findings (2026-12-01, second round): values longer than the map keeps, files whose
encoding is not sure, one person twice in a file, what a re-import replaces, leaving dates. Each is refused
by row and column, or lands right, on every road (service, web preview, CLI, API)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests.api.conftest import _client_for


def _own_export(account, lang: str = "en") -> tuple[bytes, str]:
    """Battlemap's XLSX export of `account` and the name of its People sheet."""
    from django.utils.translation import pgettext

    from battlemap.io.export import export_account

    with translation.override(lang):
        sheet = pgettext("export", "People")
    return export_account(account, fmt="xlsx", lang=lang), sheet


def _messages(account, data: bytes, filename: str = "people.csv") -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        people_import(account=account, data=data, filename=filename)
    return [p.message("en") for p in failed.value.problems]


@pytest.mark.parametrize(
    "header, value, expected",
    [
        ("备注", "x" * 32767, "row 2, Notes: at most 20,000 characters (it has 32,767)"),
        ("部门", "部" * 300, "row 2, Department: at most 200 characters (it has 300)"),
        ("职务", "总" * 300, "row 2, Title: at most 200 characters (it has 300)"),
        ("手机", "1" * 100, "row 2, Phone: at most 60 characters (it has 100)"),
        ("工号", "E" * 300, "row 2, External id: at most 120 characters (it has 300)"),
        ("部门", "集团>" + "部" * 201, "row 2, Department: at most 200 characters (it has 201)"),
    ],
    ids=["notes", "department", "title", "phone", "external-id", "department-path-part"],
)
def test_a_value_longer_than_the_map_keeps_is_refused_by_row_and_column(world, header, value, expected):
    data = f"姓名,{header}\n张大,{value}\n".encode()
    assert _messages(world.cn, data) == [expected]
    assert not Person.objects.filter(name="张大").exists()


def test_the_company_of_an_external_person_longer_than_the_map_keeps_is_refused(world):
    data = ("姓名,公司\n甲,国电\n乙,国电\n丙," + "公" * 300 + "\n").encode()
    assert _messages(world.cn, data) == ["row 4, Company: at most 200 characters (it has 300)"]


NOTES = ("姓名,备注\n张大," + "x" * 32767 + "\n").encode()
REFUSED = "row 2, Notes: at most 20,000 characters (it has 32,767)"


def test_notes_too_long_are_refused_on_the_web_preview_the_cli_and_the_api(
    world, owner_client, tmp_path, capsys
):
    upload = io.BytesIO(NOTES)
    upload.name = "people.csv"
    response = owner_client.post(f"/accounts/{world.cn.slug}/io/import/", {"file": upload})
    assert (
        response.status_code == 400
    )  # the owner reads Chinese: 第 2 行，备注：最多 20,000 个字符（现有 32,767 个）
    page = response.content.decode()
    assert "第 2 行" in page and "20,000" in page and "32,767" in page

    path = tmp_path / "people.csv"
    path.write_bytes(NOTES)
    with pytest.raises(CommandError):
        call_command("import", str(path), "--account", world.cn.slug, "--lang", "en")
    err = capsys.readouterr().err
    assert REFUSED in err and "Traceback" not in err

    owner_api = _client_for(world.owner)
    headers = {"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "en"}
    body = {"file": SimpleUploadedFile("people.csv", NOTES)}
    response = owner_api.client.post(f"/api/accounts/{world.cn.slug}/import", body, headers=headers)
    assert response.status_code == 422
    assert REFUSED in str(response.json()) and "rows.2.notes" in str(response.json())
    assert not Person.objects.filter(name="张大").exists()


# ---- central-European, Cyrillic and Japanese CSVs: read right, or refused naming the readings ----


@pytest.mark.parametrize(
    "text, codec, label, name",
    [
        ("Name;Title;Email\nŁukasz Żółć;Kierownik;lz@x.example\n", "cp1250", "Windows-1250", "Łukasz Żółć"),
        ("Name;Title\nJiří Dvořák;Ředitel\nEva Nováková;Účetní\n", "cp1250", "Windows-1250", "Jiří Dvořák"),
        ("Name,Title\nИван Петров,Директор\n", "cp1251", "Windows-1251", "Иван Петров"),
        ("Name,Title\n山田太郎,部長\n", "cp932", "Shift-JIS", "山田太郎"),
        ("Name;Title\nJürgen Müller;Leiter\nSøren Ørsted;IT\nFrançoise Lefèvre;CFO\n", "cp1252",
         "Windows-1252", "Søren Ørsted"),
        ("Name,Title\nJosé Núñez,Director\n", "cp1252", "Windows-1252", "José Núñez"),
    ],
    ids=["polish", "czech", "russian", "japanese", "western", "spanish"],
)  # fmt: skip
def test_a_legacy_csv_is_read_in_its_own_encoding_never_garbled(world, text, codec, label, name):
    result = people_import(account=world.cn, data=text.encode(codec), filename="people.csv")
    assert result.encoding == label
    assert Person.objects.filter(account=world.cn, name=name).exists()


def test_a_csv_whose_encoding_is_not_sure_is_refused_naming_the_readings_and_read_as_chosen(world):
    from battlemap.io.tabular.file_problems import file_message
    from battlemap.io.tabular.readers import ReadError

    data = "Name,Title\nLefèvre,CFO\n".encode("cp1252")  # Lefčvre in Windows-1250 reads as well
    with pytest.raises(ReadError) as refused:
        people_import(account=world.cn, data=data, filename="people.csv")
    message = file_message(refused.value, "en")
    assert "cannot be told for sure" in message
    assert 'read as Windows-1252 it gives "Lefèvre,CFO"' in message
    assert 'read as Windows-1250 it gives "Lefčvre,CFO"' in message
    assert not Person.objects.filter(account=world.cn, title="CFO").exists()
    people_import(account=world.cn, data=data, filename="people.csv", encoding="cp1252")
    assert Person.objects.get(account=world.cn, title="CFO").name == "Lefèvre"


def test_the_upload_page_and_the_cli_offer_the_central_european_encodings(world, owner_client, tmp_path):
    data = "Name,Title\nLefèvre,CFO\n".encode("cp1252")
    upload = io.BytesIO(data)
    upload.name = "people.csv"
    page = owner_client.post(f"/accounts/{world.cn.slug}/io/import/", {"file": upload})
    assert page.status_code == 400
    for option in ('value="cp1250"', 'value="cp1251"', 'value="cp932"', 'value="big5"', 'value="mac_roman"'):
        assert option in page.content.decode()
    path = tmp_path / "people.csv"
    path.write_bytes(data)
    call_command("import", str(path), "--account", world.cn.slug, "--encoding", "cp1250", "--lang", "en")
    assert Person.objects.get(account=world.cn, title="CFO").name == "Lefčvre"


# ---- one person twice in a file ----


def test_two_rows_of_one_name_that_nothing_tells_apart_are_refused_naming_both(world):
    data = "姓名,职务,部门,邮箱,手机\n张三,经理,市场部,,13922220007\n张三,总监,市场部,,13922220007\n".encode()
    assert _messages(world.cn, data) == [
        'row 3, Name: "张三" is also in row 2 and nothing tells the two rows apart: if they are one person, keep '
        "one row; if two, give each its own e-mail or id"
    ]
    assert not Person.objects.filter(name="张三").exists()


def test_namesakes_with_their_own_e_mails_import_as_two_people_and_import_again_unchanged(world):
    data = "姓名,职务,部门,邮箱\n张三,经理,市场部,zs1@x.example\n张三,总监,市场部,zs2@x.example\n".encode()
    people_import(account=world.cn, data=data, filename="people.csv")
    assert Person.objects.filter(account=world.cn, name="张三").count() == 2
    again = people_import(account=world.cn, data=data, filename="people.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_the_own_export_of_an_account_with_namesakes_imports_back_unchanged(world):
    from tests import factories as f

    for title in (
        "经理",
        "总监",
    ):  # two 张三 in one department, no e-mail, no phone: only the map tells them apart
        f.person(account=world.cn, name="张三", title=title)
    data, sheet = _own_export(world.cn)
    report = people_import(account=world.cn, data=data, filename="export.xlsx", sheet=sheet)
    assert (report.created, report.updated) == (0, 0)
    assert sorted(Person.objects.filter(account=world.cn, name="张三").values_list("title", flat=True)) == [
        "总监",
        "经理",
    ]


# ---- what a re-import replaces ----


def test_a_reimport_names_the_departments_and_managers_it_replaces(world):
    from battlemap.io.tabular.summary import summary_lines

    first = "姓名,部门,上级,邮箱\n甲,市场部,,a@x.example\n乙,销售部,,b@x.example\n丙,市场部,甲,c@x.example\n".encode()
    people_import(account=world.cn, data=first, filename="people.csv")
    moved = "姓名,部门,上级,邮箱\n甲,市场部,,a@x.example\n乙,销售部,,b@x.example\n丙,销售部,乙,c@x.example\n".encode()
    report = people_import(account=world.cn, data=moved, filename="people.csv", dry_run=True)
    assert report.updated == 1
    with translation.override("en"):
        lines = summary_lines(report)
    assert "The file replaces a value of 1 person on the map:" in lines
    assert "Row 4, 丙: Department 市场部 → 销售部; Manager 甲 → 乙" in lines


def test_the_list_of_replaced_values_says_how_many_people_it_leaves_out(world):
    from battlemap.io.tabular.summary import ROWS_NAMED, summary_lines

    n = ROWS_NAMED + 5
    before = "姓名,职务\n" + "".join(f"人{i},旧\n" for i in range(n))
    after = "姓名,职务\n" + "".join(f"人{i},新\n" for i in range(n))
    people_import(account=world.cn, data=before.encode(), filename="people.csv")
    report = people_import(account=world.cn, data=after.encode(), filename="people.csv", dry_run=True)
    with translation.override("en"):
        lines = summary_lines(report)
    assert f"The file replaces values of {n} people on the map:" in lines
    assert "… and 5 more people." in lines


# ---- leaving dates: one rule on every road ----


def _tomorrow():
    import datetime as dt

    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=1)


def test_a_rehired_person_loses_the_leaving_date_on_a_reimport(world):
    people_import(
        account=world.cn, data="姓名,状态,离职日期\n赵六,离职,2025-03-01\n".encode(), filename="a.csv"
    )
    people_import(account=world.cn, data="姓名,状态,离职日期\n赵六,在职,\n".encode(), filename="b.csv")
    person = Person.objects.get(account=world.cn, name="赵六")
    assert (person.status, person.left_on) == ("active", None)


def test_a_rehired_person_loses_the_leaving_date_through_the_service(world):
    import datetime as dt

    from battlemap.people.services import person_update

    person = Person.objects.get(pk=world.cn_boss.pk)
    person = person_update(person=person, version=person.version, status="left", left_on=dt.date(2025, 3, 1))
    person = person_update(person=person, version=person.version, status="active")
    person.refresh_from_db()
    assert (person.status, person.left_on) == ("active", None)


def test_a_leaving_date_after_today_is_refused_on_the_import(world):
    day = _tomorrow().isoformat()
    data = f"姓名,状态,离职日期\n赵六,离职,{day}\n".encode()
    assert _messages(world.cn, data) == [
        f"row 2, Left on: {day} is after today: give the day the person left, up to today"
    ]
    assert not Person.objects.filter(name="赵六").exists()


def test_a_leaving_date_after_today_is_refused_by_the_form_and_the_api(world, owner_client):
    from django.urls import reverse

    day = _tomorrow().isoformat()
    url = reverse("person_new", args=[world.cn.slug])
    page = owner_client.post(url, {"name": "赵六", "status": "left", "left_on": day})
    assert page.status_code == 422 and "field-left_on" in page.content.decode()
    api = _client_for(world.owner)
    response = api.post(
        f"/api/accounts/{world.cn.slug}/people", {"name": "赵六", "status": "left", "left_on": day}
    )
    assert response.status_code == 422 and "left_on" in str(response.json())
    assert not Person.objects.filter(name="赵六").exists()


def test_a_person_who_left_in_a_file_without_a_leaving_date_column_is_told_to_add_one(world):
    data = "姓名,部门,状态\n甲一,测试部,已离职\n".encode()
    assert _messages(world.cn, data) == [
        "row 2, Status: the person left the company, and the file has no leaving date column: add a Left on "
        "(离职日期) column with the day each one left"
    ]


# ---- smaller findings ----


def _xlsx_with_entities(text: str) -> bytes:
    """A workbook whose one long cell is written character by character as `&#NNNNN;`, as some writers do."""
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["姓名", "其他"])
    book.active.append(["张大", "PLACEHOLDER"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if b"PLACEHOLDER" in data:
                data = data.replace(b"PLACEHOLDER", "".join(f"&#{ord(c)};" for c in text).encode())
            dst.writestr(item, data)
    return out.getvalue()


def test_a_cell_of_exactly_32767_chinese_characters_is_within_the_bound_as_in_ascii(world):
    from battlemap.io.tabular.readers import ReadError

    people_import(account=world.cn, data=_xlsx_with_entities("长" * 32767), filename="long.xlsx")
    assert Person.objects.filter(account=world.cn, name="张大").exists()
    with pytest.raises(ReadError, match="limit_cell"):
        people_import(account=world.cn, data=_xlsx_with_entities("长" * 32768), filename="longer.xlsx")


def test_an_outlook_message_renamed_is_named_as_such_with_what_to_export(world, tmp_path):
    from battlemap.io.tabular.file_problems import file_message
    from battlemap.io.tabular.readers import ReadError

    # an OLE file whose directory names the streams of an Outlook message
    data = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 500
        + "__substg1.0_0037001F".encode("utf-16-le")
        + b"\x00" * 100
    )
    for name in ("mail.eml", "people.xlsx"):
        with pytest.raises(ReadError) as refused:
            people_import(account=world.cn, data=data, filename=name)
        message = file_message(refused.value, "en")
        assert (
            message.startswith("The file is an Outlook message (.msg)") and "Export the contacts" in message
        )


def test_the_cli_counts_one_problem_in_the_singular(world, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes("姓名,邮箱\n张大,not-an-email\n".encode())
    with pytest.raises(CommandError, match=r"^1 problem; nothing was imported\.$"):
        call_command("import", str(path), "--account", world.cn.slug, "--lang", "en")


def test_the_accounts_company_is_the_one_of_its_peoples_domains_not_the_most_rows(world):
    from tests import factories as f

    f.person(account=world.en, name="Ann Lee", email="ann.lee@cs.example")
    data = (
        b"First Name,Last Name,Title,Account Name,Email\n"
        b"Al,Smith,Partner,Accenture,al@accenture.example\n"
        b"Bo,Jones,Manager,Accenture,bo@accenture.example\n"
        b"Cy,Brown,Consultant,Accenture,cy@accenture.example\n"
        b"Dan,Wu,CIO,CS Test Corp,dan.wu@cs.example\n"
        b"Eve,Lin,CFO,CS Test Corp,eve.lin@cs.example\n"
    )
    report = people_import(account=world.en, data=data, filename="contacts.csv")
    assert report.account_company == "CS Test Corp"
    assert report.external_people == {"Accenture": ["Al Smith", "Bo Jones", "Cy Brown"]}
    assert not Person.objects.get(account=world.en, name="Dan Wu").external


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_own_export_brings_external_people_back_as_external_with_their_organisation(world, lang):
    from tests import factories as f

    f.person(account=world.cn, name="顾问甲", external=True, organisation="设计院")
    data, sheet = _own_export(world.cn, lang)
    report = people_import(account=world.en, data=data, filename="export.xlsx", sheet=sheet)
    assert report.ignored_columns == [] or all(
        "xtern" not in c and "机构" not in c for c in report.ignored_columns
    )
    copy = Person.objects.get(account=world.en, name="顾问甲")
    assert (copy.external, copy.organisation) == (True, "设计院")
    assert not Person.objects.get(account=world.en, name=world.cn_boss.name).external


def test_the_own_export_imported_with_another_deal_does_not_copy_the_first_deals_roles(
    world, tmp_path, capsys
):
    from battlemap.deals.models import StakeholderRole
    from tests import factories as f

    assert StakeholderRole.objects.filter(deal=world.cn_deal).exists()  # the world has roles in its deal
    second = f.deal(account=world.cn, name="二期")
    path = tmp_path / "export.xlsx"
    data, sheet = _own_export(world.cn)
    path.write_bytes(data)
    with pytest.raises(CommandError):
        call_command("import", str(path), "--account", world.cn.slug, "--deal", str(second.pk), "--sheet", sheet,
                     "--lang", "en")  # fmt: skip
    err = capsys.readouterr().err
    assert (
        f"Deal id: the roles of this row are those of deal {world.cn_deal.pk}, not of the deal chosen" in err
    )
    assert not StakeholderRole.objects.filter(deal=second).exists()
    report = people_import(account=world.cn, data=path.read_bytes(), filename="export.xlsx", sheet=sheet,
                           deal=world.cn_deal)  # fmt: skip
    assert (report.roles_created, report.roles_updated) == (0, 0)  # its own deal: the same roles, unchanged


def test_a_leaving_date_outside_the_years_of_the_map_is_refused_by_row(world):
    data = "姓名,状态,离职日期\n甲,离职,1800-01-01\n".encode()
    assert _messages(world.cn, data) == ["row 2, Left on: 1800-01-01: give a date between 1900 and 2999"]


@pytest.mark.parametrize("email", ["a..b@x.example", "a@b_c.example", "a@x.example."])
def test_an_e_mail_the_map_would_refuse_is_refused_by_row_before_anything_is_written(world, email):
    data = f"姓名,邮箱\n甲,{email}\n".encode()
    assert _messages(world.cn, data) == [f'row 2, Email: "{email}" is not an email address']


def test_the_own_export_with_two_managers_of_one_name_imports_back_keeping_each_reporting_line(world):
    from tests import factories as f

    first, second = (f.person(account=world.cn, name="张三", title=t) for t in ("经理", "总监"))
    f.person(account=world.cn, name="小王", reports_to=first)
    f.person(account=world.cn, name="小李", reports_to=second)
    data, sheet = _own_export(world.cn)
    report = people_import(account=world.cn, data=data, filename="export.xlsx", sheet=sheet)
    assert (report.created, report.updated) == (0, 0)
    assert Person.objects.get(account=world.cn, name="小王").reports_to_id == first.pk
    assert Person.objects.get(account=world.cn, name="小李").reports_to_id == second.pk
