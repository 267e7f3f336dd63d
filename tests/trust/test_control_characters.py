"""Control characters (Excel's `\\x0b` line break, U+FFFE, U+FFFF, other C0/C1) are cleaned on the way in,
in one place (core.text_fields.clean_text_fields), and the exporters leave out what XML cannot hold.

Before, a name holding them was accepted by the API and the import and then the account's XLSX and
PPTX exports failed with 500."""

from __future__ import annotations

import io

import openpyxl
from pptx import Presentation

from battlemap.core.text import clean_control
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person

DIRTY = "王\x0b五\ufffe\uffff\x01\x1f\x7f\x85X"
CLEAN = "王\n五\nX"  # clean_control: the breaks stay (a note)
# a name is one line (core.text.clean_line), stored as every name is (io.matching.clean_name)
CLEAN_NAME = "王五 X"


def _xlsx_names(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [str(c.value) for c in book.worksheets[0]["B"][1:]]


def _pptx_text(data: bytes) -> str:
    deck = Presentation(io.BytesIO(data))
    return "\n".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    )


def test_clean_control_keeps_text_and_turns_excel_breaks_into_newlines():
    assert clean_control(DIRTY) == CLEAN
    assert clean_control("Tab\tand\r\nbreaks 中文 😀") == "Tab\tand\nbreaks 中文 😀"
    assert clean_control("Mac\rline ends\u2028too") == "Mac\nline ends\ntoo"


def test_api_create_cleans_and_exports_read_back(world, owner_api):
    response = owner_api.post(
        "/api/accounts/guodian/people", {"name": DIRTY, "title": "总\x0b经理", "notes": "a\ufffeb"}
    )
    assert response.status_code == 201, response.content
    person = Person.objects.get(pk=response.json()["id"])
    assert (person.name, person.title, person.notes) == (CLEAN_NAME, "总 经理", "ab")
    patched = owner_api.patch(
        f"/api/people/{person.pk}", {"version": person.version, "title": "x\x0by\uffff"}
    )
    assert patched.status_code == 200 and patched.json()["title"] == "x y"
    xlsx = owner_api.get(f"/api/accounts/guodian/export/xlsx?deal={world.cn_deal.id}")
    assert xlsx.status_code == 200 and CLEAN_NAME in _xlsx_names(xlsx.content)
    pptx = owner_api.get(f"/api/accounts/guodian/export/pptx?deal={world.cn_deal.id}")
    assert pptx.status_code == 200 and _pptx_text(pptx.content)


def test_a_name_of_control_characters_alone_is_empty(world, owner_api):
    response = owner_api.post("/api/accounts/guodian/people", {"name": "\x01\ufffe"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "name"


def test_import_cleans_the_cells(world):
    data = ("姓名,职位\r\n" + '"赵\x0b六",经\x01理\r\n').encode()
    people_import(account=world.cn, data=data, filename="p.csv")
    person = Person.objects.get(account=world.cn, name__startswith="赵")
    assert (
        person.name in ("赵六", "赵 六") and person.title == "经理"
    )  # the importer reads a break in a name as a space


def test_rows_stored_before_the_cleaning_still_export(world, owner_api):
    # a row written before this release, with the characters in the database
    Person.objects.filter(pk=world.cn_boss.pk).update(name="王\x0b建国\ufffe", title="\x01总经理")
    xlsx = owner_api.get("/api/accounts/guodian/export/xlsx")
    assert xlsx.status_code == 200 and "王\n建国" in _xlsx_names(xlsx.content)
    pptx = owner_api.get(f"/api/accounts/guodian/export/pptx?deal={world.cn_deal.id}")
    assert pptx.status_code == 200 and "建国" in _pptx_text(pptx.content)
