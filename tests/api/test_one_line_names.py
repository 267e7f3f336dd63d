"""A name is one line (a tester's findings): `{"name": "Evil\\r\\nX: 1"}` was stored as it came, and the
PPTX then showed `_x000D_` on every slide, the PDF title broke and the XLSX cell held `_x000D_`. Every
single-line text field (names, titles, teams, departments…) folds line breaks and tabs into one space on
the way in, in the one cleaning every write runs (core.text_fields.clean_text_fields); notes keep their
lines."""

from __future__ import annotations

import copy
import io

import openpyxl

from battlemap.accounts.models import Account
from battlemap.core.text import clean_line
from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.load import map_import
from battlemap.people.models import Person


def test_clean_line_folds_every_kind_of_break_into_one_space():
    assert clean_line("Evil\r\nX: 1") == "Evil X: 1"
    assert clean_line("a\tb \u2028 c\u2029d\x0be\x85f") == "a b c d e f"
    assert clean_line(" Line\n\n Break\n") == "Line Break"
    assert clean_line("王建国 (CEO)") == "王建国 (CEO)"


def test_api_names_are_one_line_and_notes_keep_their_lines(world, owner_api):
    patched = owner_api.patch(
        "/api/accounts/guodian", {"version": world.cn.version, "name": "Evil\r\nX: 1", "industry": "能\t源"}
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["name"] == "Evil X: 1"
    account = Account.objects.get(slug="guodian")
    assert (account.name, account.industry) == ("Evil X: 1", "能 源")

    created = owner_api.post(
        "/api/accounts/guodian/people",
        {"name": "Line\nBreak", "title": "CTO\u2028CIO", "notes": "first line\nsecond line"},
    )
    assert created.status_code == 201, created.content
    person = Person.objects.get(pk=created.json()["id"])
    assert (person.name, person.title, person.notes) == ("Line Break", "CTO CIO", "first line\nsecond line")

    xlsx = owner_api.get("/api/accounts/guodian/export/xlsx")
    assert xlsx.status_code == 200
    cells = [
        str(c.value) for ws in openpyxl.load_workbook(io.BytesIO(xlsx.content)) for row in ws for c in row
    ]
    assert "Line Break" in cells and not any("_x000D_" in c or "\r" in c for c in cells)


def test_a_map_import_stores_names_on_one_line(world):
    data = copy.deepcopy(export_map(world.cn))
    data["account"]["name"] = "Evil\r\nCorp"
    boss = next(p for p in data["people"] if p["name"] == "王建国")
    boss["name"], boss["title"] = "王\r\n建国", "总\t经理"
    boss["portrait"] = {**(boss.get("portrait") or {}), "notes": "一\n二"}
    account = map_import(data=data, owner=world.owner, slug="one-line")
    assert account.name == "Evil Corp"
    person = Person.objects.get(account=account, title="总 经理")
    # one line, then stored as every name is (io.matching.clean_name)
    assert (person.name, person.notes) == ("王建国", "一\n二")


def test_a_name_of_spaces_or_invisible_characters_is_refused_naming_the_field(world, owner_api, owner_client):
    assert clean_line(" \u200b\u3000\ufeff ") == "" and clean_line("\u200b张伟 ") == "张伟"
    for path, body in (
        ("/api/accounts", {"slug": "ws", "name": "   "}),
        ("/api/accounts/guodian/people", {"name": "\u200b\u200b"}),
        ("/api/accounts/guodian/deals", {"name": " \u3000 "}),
    ):
        response = owner_api.post(path, body)
        assert response.status_code == 422, (path, response.content)
        assert [e["field"] for e in response.json()["errors"]] == ["name"], response.json()
    assert not Account.objects.filter(slug="ws").exists()
    assert not Person.objects.filter(name__in=["", "\u200b\u200b"]).exists()
    page = owner_client.post("/accounts/guodian/deals/new/", {"name": "\u200b \u3000", "stage": "lead"})
    assert page.status_code == 422 and not world.cn.deals.filter(name__in=["", "\u200b"]).exists()
