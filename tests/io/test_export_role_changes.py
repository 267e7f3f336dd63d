"""The review PDF's "What changed" lists the buying-role and attitude changes the web's What changed page lists,
old → new (a user found them missing): read from the one what-changed selector, `accounts.changes.what_changed`,
and read back from the PDF with pdftotext."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import pgettext

from battlemap.accounts.changes import what_changed
from battlemap.deals.models import StakeholderRole
from battlemap.deals.services import stakeholder_role_create, stakeholder_role_update
from battlemap.io.export import REVIEW_WINDOW_DAYS, export_account
from battlemap.people.models import Person
from tests.web_accounts.test_changes import _backdate

pytestmark = pytest.mark.django_db


def _pdf_text(account, lang: str) -> str:
    pdf = export_account(account, fmt="pdf", lang=lang)
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def rerated(world):
    """The map as it stood long before the review window; now 王建国 turns from neutral to supporter and 李明
    joins the deal as champion."""
    _backdate(REVIEW_WINDOW_DAYS + 10)
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    stakeholder_role_update(role=role, version=role.version, attitude="supporter")
    li = Person.objects.get(account=world.cn, name="李明")
    stakeholder_role_create(
        deal=world.cn_deal, person=li, roles=["champion"], attitude="supporter", influence=3
    )
    return world


@pytest.mark.parametrize(
    ("lang", "attitude"), [("zh-hans", "王建国：中立 → 支持"), ("en", "王建国: neutral → supporter")]
)
def test_the_review_pdf_lists_role_and_attitude_changes_old_to_new(rerated, lang, attitude):
    world = rerated
    with translation.override(lang):
        web = what_changed(account=world.cn, since=timezone.localdate() - timedelta(days=REVIEW_WINDOW_DAYS))
        joined = pgettext("export", "joined the deal")
    rows = [
        (r["name"], r["field"], r["before"], r["before_label"], r["after_label"]) for r in web["role_changes"]
    ]
    assert {("王建国", "attitude"), ("李明", "roles")} <= {r[:2] for r in rows}
    text = " ".join(_pdf_text(world.cn, lang).split())
    assert attitude in text
    for name, _field, before, before_label, after_label in rows:  # every line of the web's page, old → new
        said = f"{name}{'：' if lang == 'zh-hans' else ': '}{joined if before is None else before_label} → {after_label}"
        assert said in text, said
