"""A sales-ops admin's findings (2026-12-01, second round): values longer than the map keeps, files whose
encoding is not sure, one person twice in a file, what a re-import replaces, leaving dates. Each is refused
by row and column, or lands right, on every road (service, web preview, CLI, API)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests.api.conftest import _client_for


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
        ("部门", "集团/" + "部" * 201, "row 2, Department: at most 200 characters (it has 201)"),
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
    from battlemap.io.tabular.problems import file_message
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
