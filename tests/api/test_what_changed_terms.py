"""What changed says a deal's amount and expected close moved (a slipped close is what a manager reviews), and
a won deal's red flags are not "resolved" — the deal's outcome says what happened (third trial: the page, the
API and the review PDF showed neither change, and listed a won deal's flags as fixed)."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import npgettext

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal, StageChange, StakeholderRole
from battlemap.deals.services import deal_close, deal_move_stage, deal_update
from battlemap.io.export import export_account
from battlemap.people.models import Person
from battlemap.users.services import token_create

pytestmark = pytest.mark.django_db


def _aged(deal: Deal, days: int = 10) -> Deal:
    """The deal as created `days` ago, at 4,500,000 CNY closing on 2026-12-20."""
    deal = deal_update(
        deal=deal, version=deal.version, amount=Decimal("4500000"), expected_close=date(2026, 12, 20)
    )
    then = timezone.now() - timedelta(days=days)
    for model in (Account, Person, Deal, StakeholderRole, StageChange):  # the whole map, as it was then
        model.history.all().update(history_date=then)
    return deal


def _changes(world, path: str) -> dict:
    secret = token_create(user=world.owner, name="t").secret
    since = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = Client().get(
        path, {"lang": "en", "since": since}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_a_changed_amount_and_a_slipped_close_are_said_on_the_page_and_in_the_api(owner_client, world):
    deal = _aged(world.cn_deal)
    deal_update(deal=deal, version=deal.version, amount=Decimal("3000000"), expected_close=date(2027, 3, 31))
    terms = _changes(world, f"/api/deals/{deal.pk}/what-changed")["deal_terms"]
    assert [(t["field"], t["before"], t["after"]) for t in terms] == [
        ("amount", "4,500,000 CNY", "3,000,000 CNY"),
        ("expected_close", "2026-12-20", "2027-03-31"),
    ]
    assert _changes(world, f"/api/accounts/{world.cn.slug}/what-changed")["deal_terms"] == terms
    since = (timezone.localdate() - timedelta(days=3)).isoformat()
    page = owner_client.get(
        reverse("account_changes", args=[world.cn.slug]), {"since": since}
    ).content.decode()
    assert "4,500,000 CNY → <strong>3,000,000 CNY</strong>" in page and "2027-03-31" in page


def test_a_value_changed_and_changed_back_is_no_change(world):
    deal = _aged(world.cn_deal)
    deal = deal_update(deal=deal, version=deal.version, amount=Decimal("1"))
    deal_update(deal=deal, version=deal.version, amount=Decimal("4500000"))
    assert _changes(world, f"/api/deals/{deal.pk}/what-changed")["deal_terms"] == []


def test_a_won_deals_flags_are_not_listed_as_resolved(world):
    deal = _aged(world.cn_deal)
    deal_close(deal=deal, version=deal.version, outcome="won", reason="pilot convinced")
    changes = _changes(world, f"/api/deals/{deal.pk}/what-changed")
    assert [c["after"] for c in changes["status_changes"]] == ["won"]
    assert changes["resolved_flags"] == []


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_review_s_first_page_counts_the_deal_s_moves_and_term_changes(world, lang):
    """The first page's "Since then" counted flags and people only: a slipped close and a stage move since the
    review were not in its summary (the fifth-round "left" list)."""
    deal = _aged(world.cn_deal, days=40)  # before the review window (30 days, never reviewed)
    deal = deal_update(
        deal=deal, version=deal.version, amount=Decimal("3000000"), expected_close=date(2027, 3, 31)
    )
    deal_move_stage(deal=deal, version=deal.version, stage="purchase_decision")
    pdf = export_account(world.cn, fmt="pdf", deal_id=deal.pk, lang=lang)
    first = subprocess.run(
        ["pdftotext", "-l", "1", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    with translation.override(lang):
        moves = npgettext("export", "%(n)s stage or status move", "%(n)s stage or status moves", 1) % {"n": 1}
        terms = npgettext("export", "%(n)s amount or close change", "%(n)s amount or close changes", 2) % {
            "n": 2
        }
    flat = " ".join(first.split())
    assert moves in flat and terms in flat
