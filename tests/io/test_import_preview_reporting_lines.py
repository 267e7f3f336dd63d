"""The import preview says which reporting lines the file sets — a CSV's Manager column and a phone's vCards alike
— before anything is written: counted, and the first few named (`刘建华 reports to 王建国`). It said "3 created" and
nothing of who would report to whom, so a seller learnt of a wrong manager on the org chart only after the import.
A manager replaced stays among the values replaced. Names invented."""

from __future__ import annotations

import io

from battlemap.people.models import Person
from tests import factories as f
from tests.io.test_import_vcards_managers import ANDROID_EXPORT, IPHONE_EXPORT

CSV = (
    b"Name,Title,Manager\n"
    b"Grace Lee,Maintenance Manager,Jane Doe\n"  # Jane Doe is on the map
    b"Tom Baker,Technician,Grace Lee\n"  # Grace Lee is a row of the file
    b"Amy Wu,Buyer,\n"  # no manager
    b"Sam Hill,Engineer,Jane Doe\n"  # on the map, reporting to no one yet
    b"Rita Moss,Planner,Jane Doe\n"  # on the map, reporting to Tom Baker: a manager replaced
)


def _preview(client, account, data: bytes, filename: str, lang: str):
    upload = io.BytesIO(data)
    upload.name = filename
    page = client.post(f"/accounts/{account.slug}/io/import/", {"file": upload}, HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200
    return page


def test_the_preview_of_a_csvs_manager_column_names_the_reporting_lines_it_sets(owner_client, world):
    f.person(account=world.en, name="Sam Hill")
    f.person(account=world.en, name="Rita Moss", reports_to=f.person(account=world.en, name="Tom Baker"))
    page = _preview(owner_client, world.en, CSV, "people.csv", "en")
    summary = page.context["summary"]
    assert (
        "The file sets 3 reporting lines: Grace Lee reports to Jane Doe; Tom Baker reports to Grace Lee; "
        "Sam Hill reports to Jane Doe"
    ) in summary
    assert "Row 6, Rita Moss: Manager Tom Baker → Jane Doe" in summary  # replaced, said as before
    assert "Tom Baker reports to Grace Lee" in page.content.decode()
    assert Person.objects.get(account=world.en, name="Sam Hill").reports_to is None  # nothing written


def test_the_preview_of_an_iphones_vcards_names_their_managers_in_chinese(owner_client, world):
    page = _preview(owner_client, world.cn, IPHONE_EXPORT, "联系人.vcf", "zh-hans")
    assert (
        "文件设置 3 条汇报关系：刘建华 向 王建国 汇报；欧阳文静 向 刘建华 汇报；钱思远 向 李明 汇报"
    ) in page.context["summary"]


def test_the_preview_names_a_few_reporting_lines_then_says_there_are_more(owner_client, world):
    rows = "".join(f"Person {n:02d},Engineer,Jane Doe\n" for n in range(1, 8))
    page = _preview(owner_client, world.en, f"Name,Title,Manager\n{rows}".encode(), "team.csv", "en")
    line = next(s for s in page.context["summary"] if s.startswith("The file sets"))
    assert line.startswith("The file sets 7 reporting lines: Person 01 reports to Jane Doe;")
    assert "Person 05 reports to Jane Doe; …" in line
    assert "Person 06" not in line


def test_the_preview_of_an_android_export_names_its_managers(owner_client, world):
    page = _preview(owner_client, world.cn, ANDROID_EXPORT, "contacts.vcf", "en")
    assert (
        "The file sets 3 reporting lines: 刘建华 reports to 王建国; 欧阳文静 reports to 刘建华; 钱思远 reports to 李明"
    ) in page.context["summary"]
