"""The review PDF's "What changed" reads health and role moves by the web's rule (`deals.selectors_changes`,
the What changed page and This week): one line per deal for the people who joined it in the window, then
each real change old → new, a change made after joining included — not a "joined the deal → …" line per
person and field (trial 23: 23 such lines hid 李明 支持 → 强烈支持). Read back from the PDF with pdftotext."""

from __future__ import annotations

import subprocess

import pytest
from django.utils import translation
from django.utils.translation import ngettext, pgettext

from battlemap.deals.models import StakeholderRole
from battlemap.deals.services import stakeholder_role_create, stakeholder_role_update
from battlemap.io.export import REVIEW_WINDOW_DAYS, export_account
from battlemap.io.labels import labelled
from battlemap.people.models import Person
from tests.web_accounts.test_changes import _backdate

pytestmark = pytest.mark.django_db


def _pdf_text(account, lang: str) -> str:
    pdf = export_account(account, fmt="pdf", lang=lang)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return " ".join(text.decode().split())


@pytest.fixture
def rerated(world):
    """The map as it stood long before the review window; now 王建国 turns from neutral to supporter, 李明
    joins the deal as a supporting champion and, after a meeting, turns advocate."""
    _backdate(REVIEW_WINDOW_DAYS + 10)
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    stakeholder_role_update(role=role, version=role.version, attitude="supporter")
    li = Person.objects.get(account=world.cn, name="李明")
    joined = stakeholder_role_create(
        deal=world.cn_deal, person=li, roles=["champion"], attitude="supporter", influence=3
    )
    stakeholder_role_update(role=joined, version=joined.version, attitude="advocate")
    return world


@pytest.mark.parametrize(
    ("lang", "boss", "li"),
    [
        ("zh-hans", "王建国：中立 → 支持", "李明：支持 → 强烈支持"),
        ("en", "王建国: neutral → supporter", "李明: supporter → advocate"),
    ],
)
def test_the_review_pdf_reads_joined_people_and_changes_by_the_web_rule(rerated, lang, boss, li):
    text = _pdf_text(rerated.cn, lang)
    with translation.override(lang):
        said = ngettext("%(n)s person joined the deal", "%(n)s people joined the deal", 1) % {"n": 1}
        joined = labelled(said, "李明")
        per_field = pgettext("export", "joined the deal")
    assert text.count(joined) == 1  # one line for the deal 李明 joined, not one per field
    assert f"{per_field} →" not in text
    assert boss in text
    assert li in text  # the change after joining is not hidden behind "joined the deal"
