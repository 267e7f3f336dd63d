"""The XLSX export's People sheet carries each person's notes, duties, concerns and personal win (the JSON
export has them): a user who exports to XLSX and imports the file into a new account keeps them."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.io.export import export_account
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from battlemap.people.services import person_update
from tests import factories as f

pytestmark = pytest.mark.django_db

PORTRAIT = {
    "duties": "分管信息化建设与数据中心",
    "concerns": "系统上线后的运维压力",
    "personal_win": "年底前评上集团数字化标杆",
    "notes": "周二上午不见客；秘书小刘安排日程",
}


def _moved(world, lang: str) -> tuple[bytes, Person]:
    """The boss's portrait written, the account exported to XLSX in `lang` and imported into a new account."""
    person_update(person=world.cn_boss, version=world.cn_boss.version, **PORTRAIT)
    data = export_account(world.cn, fmt="xlsx", lang=lang)
    fresh = f.account(owner=world.owner, slug=f"moved-{lang}", name="搬家后的客户", team=world.team)
    with translation.override(lang):
        sheet = pgettext("export", "People")
    people_import(account=fresh, data=data, filename="export.xlsx", sheet=sheet)
    return data, fresh.people.get(name=world.cn_boss.name)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_people_sheet_carries_the_portrait_texts(world, lang):
    person_update(person=world.cn_boss, version=world.cn_boss.version, **PORTRAIT)
    data = export_account(world.cn, fmt="xlsx", lang=lang)
    with translation.override(lang):
        sheet = pgettext("export", "People")
        heads = {
            key: pgettext("export", h)
            for key, h in (
                ("duties", "Duties"),
                ("concerns", "Concerns"),
                ("personal_win", "Personal win"),
                ("notes", "Notes"),
            )
        }
    rows = list(load_workbook(io.BytesIO(data), read_only=True)[sheet].values)
    row = next(r for r in rows[1:] if r[1] == world.cn_boss.name)
    assert {key: row[rows[0].index(h)] for key, h in heads.items()} == PORTRAIT


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_notes_survive_an_xlsx_move_to_a_new_account(world, lang):
    _data, moved = _moved(world, lang)
    assert moved.notes == PORTRAIT["notes"]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_duties_concerns_and_personal_win_survive_an_xlsx_move(world, lang):
    _data, moved = _moved(world, lang)
    assert {key: getattr(moved, key) for key in PORTRAIT} == PORTRAIT
