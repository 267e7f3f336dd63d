"""A won or lost deal has no health, on every surface (analysis.health.has_health): the deal room says so, and
so do the API's analysis (`"health": null`), its What changed (a deal lost in the window moves to its outcome,
`after: null` beside `status`, not to a higher score now that it raises no flags) and `battlemap analyze`.
Before, a deal just lost read "44 → 58" in the CLI and the API while the web said "44 → lost"."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from pptx import Presentation

from battlemap.deals.models import Deal
from battlemap.deals.services import deal_close, deal_reopen
from battlemap.io.export import export_account
from battlemap.users.services import token_create
from tests.io.test_review_map_loaded import page_one
from tests.web_accounts.test_changes import _backdate, _since

pytestmark = pytest.mark.django_db


def _get(world, path: str, **params) -> dict:
    secret = token_create(user=world.owner, name="t").secret
    response = Client().get(path, {"lang": "en", **params}, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def lost_today(world) -> Deal:
    _backdate(3)  # the deal was open, with a health, three days ago
    cache.clear()
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    return deal_close(deal=deal, version=deal.version, outcome="lost", reason="budget cut", by=world.owner)


def test_the_api_gives_a_lost_deal_no_health_and_its_move_ends_at_the_outcome(world, lost_today):
    analysis = _get(world, f"/api/deals/{lost_today.pk}/analysis")
    assert analysis["deals"][0]["status"] == "lost"
    assert analysis["deals"][0]["health"] is None

    changes = _get(world, f"/api/deals/{lost_today.pk}/what-changed", since=_since(2))
    [move] = changes["health"]
    assert move["before"] is not None
    assert (move["after"], move["status"]) == (None, "lost")


def test_the_cli_says_a_lost_deal_has_no_health_and_moved_to_lost(world, lost_today):
    out = io.StringIO()
    call_command("analyze", world.cn.slug, "--since", _since(2), "--lang", "en", stdout=out)
    text = out.getvalue()
    assert "A closed deal is not at risk: it has no health." in text
    assert "Health " not in text.split("== Deal")[1].split("-- Red flags")[0]
    health = text.split("-- Health --")[1].split("--")[0]
    assert f"{lost_today.name}: " in health and health.rstrip().endswith("→ lost")


def test_the_changes_page_still_shows_the_outcome_not_removed(client, world, lost_today):
    client.force_login(world.owner)
    client.post("/language/", {"language": "en", "next": "/"})
    response = client.get(f"/accounts/{world.cn.slug}/changes/", {"since": _since(2)})
    [move] = response.context["health_moves"]
    assert move["status"] == "lost"
    body = response.content.decode()
    assert 'class="outcome outcome-lost"' in body


@pytest.fixture
def reopened_today(world) -> Deal:
    """The world's deal lost 40 days ago, before any window, and reopened today."""
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    deal = deal_close(deal=deal, version=deal.version, outcome="lost", reason="budget cut", by=world.owner)
    _backdate(40)
    cache.clear()
    return deal_reopen(deal=deal, version=deal.version, reason="budget back", by=world.owner)


def test_a_deal_reopened_in_the_window_moves_from_its_outcome_in_the_api_and_the_cli(world, reopened_today):
    """A lost deal raises no flags: its engine score (higher) is no health to move from — "lost → 50", as
    the web says, not "44 → 50"."""
    changes = _get(world, f"/api/deals/{reopened_today.pk}/what-changed", since=_since(2))
    [move] = changes["health"]
    assert (move["before"], move["before_status"]) == (None, "lost")
    assert (move["after"], move["status"]) == (
        _get(world, f"/api/deals/{reopened_today.pk}/analysis")["deals"][0]["health"]["score"],
        "open",
    )

    out = io.StringIO()
    call_command("analyze", world.cn.slug, "--since", _since(2), "--lang", "en", stdout=out)
    health = out.getvalue().split("-- Health --")[1].split("--")[0]
    assert f"{reopened_today.name}: lost → {move['after']}" in health


def test_the_changes_page_and_the_review_show_a_reopened_deal_s_move_from_lost(client, world, reopened_today):
    client.force_login(world.owner)
    client.post("/language/", {"language": "en", "next": "/"})
    response = client.get(f"/accounts/{world.cn.slug}/changes/", {"since": _since(2)})
    [move] = response.context["health_moves"]
    body = response.content.decode()
    line = body[body.index('id="c-health"') :].split("</li>")[0]
    assert 'class="outcome outcome-lost"' in line and "new deal" not in line

    pdf = export_account(world.cn, fmt="pdf", deal_id=reopened_today.pk, lang="en")
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    # What changed (the last 30 days: never reviewed) says "lost" inside the line as the web and the line of the
    # reopening below it ("lost → open") do — not a cell's "Lost → 44" —, and page 1's trend says it was lost,
    # not "new deal"
    assert f"{reopened_today.name}: lost → {move['after']}" in text
    assert f"{reopened_today.name}: lost → open" in text
    assert f"{move['after']} (poor) · reopened: lost on" in text
    assert "Lost" not in text.split("What changed")[1].split("Red flags and actions")[0]
    assert "new deal" not in text

    deck = Presentation(
        io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=reopened_today.pk, lang="en"))
    )
    cells = [
        c.text for s in deck.slides for sh in s.shapes if sh.has_table for r in sh.table.rows for c in r.cells
    ]
    assert f"{reopened_today.name}: lost → {move['after']}" in cells


def test_a_reopened_deal_s_flags_are_not_new_red_flags_on_the_api_the_page_and_the_review(
    client, world, reopened_today
):
    """A lost deal raises no flags; reopened, its flags come back. They are not "new red flags": the reopening
    says what happened (a deal lost and reopened listed its six flags of before as new ones, as 6 new red flags
    on the review's first page)."""
    flags = _get(world, f"/api/deals/{reopened_today.pk}/analysis")["deals"][0]["flags"]
    assert flags  # the deal has flags now
    changes = _get(world, f"/api/deals/{reopened_today.pk}/what-changed", since=_since(2))
    assert changes["new_flags"] == []
    assert [s["change"] for s in changes["status_changes"]] == ["reopened"]

    client.force_login(world.owner)
    client.post("/language/", {"language": "en", "next": "/"})
    response = client.get(f"/accounts/{world.cn.slug}/changes/", {"since": _since(2)})
    assert response.context["raised"] == []
    assert "No new red flags." in response.content.decode()

    pdf = export_account(world.cn, fmt="pdf", deal_id=reopened_today.pk, lang="en")
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert "Since then 0 new red flags" in text
    assert "New red flag" not in text


def test_page_one_of_a_reopened_deal_says_the_day_it_was_lost_not_the_window_s_start(world, reopened_today):
    """Lost 40 days ago, reopened today, never reviewed: page 1 compares with 30 days ago, and said "reopened:
    lost on <that day>" — a day the deal was not lost on. It says the day of the loss, from the deal's history."""
    from datetime import timedelta

    from django.utils import timezone

    lost_on = (timezone.localdate() - timedelta(days=40)).isoformat()
    window = (timezone.localdate() - timedelta(days=30)).isoformat()
    for fmt in ("pdf", "pptx"):
        text = page_one(world.cn, fmt, "en", deal_id=reopened_today.pk)
        assert f"reopened: lost on {lost_on}" in text, fmt
        assert f"lost on {window}" not in text, fmt
