"""Marking an account reviewed (owner, team, their managers; history kept) and the review deck's "what
changed", which runs from the last review — or from 30 days ago, saying so, when never reviewed."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext
from pptx import Presentation

from battlemap.io.export import export_account
from battlemap.reviews.models import Review
from battlemap.reviews.selectors import last_review
from battlemap.reviews.services import mark_reviewed
from tests.exports import slide_texts

pytestmark = pytest.mark.django_db

URL = reverse("account_reviews", args=["guodian"])


def _deck_text(account, lang="en") -> list[str]:
    deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
    return ["\n".join(texts) for texts in slide_texts(deck)]


def test_the_owner_marks_the_account_reviewed_and_the_page_says_when(client, world):
    client.force_login(world.owner)
    page = client.get(reverse("account", args=["guodian"])).content.decode()
    assert "Never reviewed" in page or "尚未评审" in page
    response = client.post(URL, {"deal": world.cn_deal.pk})
    assert response.status_code == 302 and response["Location"].endswith(f"?deal={world.cn_deal.pk}")
    mark = Review.objects.get()
    assert (mark.reviewed_by, mark.deal, mark.reviewed_on) == (
        world.owner,
        world.cn_deal,
        timezone.localdate(),
    )
    page = client.get(reverse("account", args=["guodian"])).content.decode()
    assert timezone.localdate().isoformat() in page


def test_a_manager_marks_it_too_and_every_mark_is_kept(client, world):
    client.force_login(world.manager)  # managers may only view the map, and they run the review
    earlier = timezone.localdate() - timedelta(days=14)
    assert client.post(URL, {"reviewed_on": earlier.isoformat()}).status_code == 302
    assert client.post(URL, {}).status_code == 302
    assert [r.reviewed_on for r in Review.objects.all()] == [timezone.localdate(), earlier]
    history = client.get(URL).content.decode()
    assert earlier.isoformat() in history and timezone.localdate().isoformat() in history
    assert last_review(world.cn).reviewed_on == timezone.localdate()


def test_bad_input_names_the_field_and_writes_nothing(client, world):
    client.force_login(world.owner)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(URL, {"reviewed_on": tomorrow.isoformat()})
    assert response.status_code == 422 and "reviewed_on" in response.context["form"].errors
    response = client.post(URL, {"reviewed_on": "next tuesday"})
    assert response.status_code == 422 and "reviewed_on" in response.context["form"].errors
    response = client.post(URL, {"deal": "x"})
    assert response.status_code == 422 and "deal" in response.context["form"].errors
    from tests import factories as f

    assert client.post(URL, {"deal": f.deal(account=world.other).pk}).status_code == 404
    assert not Review.objects.exists()


def test_outsider_404_and_anonymous_login(client, world):
    client.force_login(world.outsider)
    assert client.post(URL, {}).status_code == 404
    assert client.get(URL).status_code == 404
    client.logout()
    response = client.post(URL, {})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not Review.objects.exists()


def test_a_deal_mark_counts_for_that_deal_only(world):
    from tests import factories as f

    other_deal = f.deal(account=world.cn, name="二期")
    mark_reviewed(account=world.cn, by=world.owner, deal=other_deal)
    assert last_review(world.cn, world.cn_deal) is None
    assert last_review(world.cn, other_deal).deal == other_deal
    whole = mark_reviewed(account=world.cn, by=world.manager)
    assert last_review(world.cn, world.cn_deal) == whole


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_deck_shows_what_changed_since_the_last_review(world, lang):
    """Never reviewed: the last 30 days, said so (the account is new, so its people are new). Reviewed
    now: the window starts at the review's time, nothing changed since, and page one names it."""
    today = timezone.localdate()
    with translation.override(lang):
        never = pgettext("export", "What changed in the last %(days)s days (never reviewed)") % {"days": 30}
        nothing = pgettext("export", "Nothing changed.")
        last = pgettext("export", "Last review")
    slides = _deck_text(world.cn, lang)
    changed = next(s for s in slides if never in s)
    assert "王建国" in changed and nothing not in changed
    assert last in slides[0] and (today - timedelta(days=30)).isoformat() in slides[0]

    mark = mark_reviewed(account=world.cn, by=world.manager)
    at = timezone.localtime(mark.created_at).strftime("%Y-%m-%d %H:%M")  # the review's moment
    with translation.override(lang):
        since = pgettext("export", "What changed since the last review (%(day)s by %(by)s)") % {
            "day": at,
            "by": "carol",
        }
        by = pgettext("export", "%(day)s by %(by)s") % {"day": at, "by": "carol"}
    slides = _deck_text(world.cn, lang)
    assert not any(never in s for s in slides)
    changed = next(s for s in slides if since in s)
    assert nothing in changed and "王建国" not in changed
    assert by in slides[0]  # the last review: when, and who made it


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_deal_opened_inside_the_window_is_new_on_page_one_as_in_what_changed(world, lang):
    """The trial's deal, created that day, read "no change in the last 30 days" on page one and "new → 48"
    under what changed: one rule, a deal newer than the window is new."""
    since = (timezone.localdate() - timedelta(days=30)).isoformat()
    with translation.override(lang):
        new = pgettext("export", "new deal, opened after %(day)s") % {"day": since}
        no_change = pgettext("export", "no change in the last %(days)s days") % {"days": 30}
    first = _deck_text(world.cn, lang)[0]
    assert new in first and no_change not in first

    mark_reviewed(account=world.cn, by=world.manager)  # the deal is older than the window now
    first = _deck_text(world.cn, lang)[0]
    assert "opened after" not in first and "之后新建" not in first


def test_the_rep_sees_who_reviewed_on_the_page_and_in_the_pdf(client, world):
    """A manager may only read the map but runs the review: the rep's page and the review PDF say who."""
    from pypdf import PdfReader

    world.manager.first_name, world.manager.last_name = "Carol", "Reviewer"
    world.manager.save()
    client.force_login(world.manager)
    assert client.post(URL, {}).status_code == 302
    client.force_login(world.owner)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("account", args=["guodian"])).content.decode()
    assert f"Last reviewed {timezone.localdate().isoformat()} by Carol Reviewer" in page
    pdf = export_account(world.cn, fmt="pdf", lang="en")
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "by Carol Reviewer" in text


@pytest.mark.parametrize(
    ("lang", "reviewed", "expected"),
    [
        ("en", False, "25 (poor) · ↓ from 31 on 2026-10-31"),
        ("en", True, "25 (poor) · ↓ from 31 at the last review (2026-10-31)"),
        ("zh-hans", False, "↓ 2026-10-31 时为 31"),
        ("zh-hans", True, "↓ 上次评审（2026-10-31）时为 31"),
    ],
)
def test_the_health_trend_reads_as_one_number_and_a_day(lang, reviewed, expected):
    """The trial saw "↓ from 31 30 days ago" (two numbers in a row): the trend names the earlier score
    and the day it was measured."""
    from battlemap.io.export.report import Report
    from battlemap.io.export.rows import health_text

    r = Report(account={}, people=[], by_id={}, deal={"id": 1}, roles_by_person={}, actions=[])
    r.health, r.health_before = {"score": 25, "band": "poor"}, 31
    r.as_of, r.review_since, r.reviewed = "2026-11-30", "2026-10-31", reviewed
    with translation.override(lang):
        text = health_text(r)
    assert expected in text
    assert not re.search(r"\d+ \d+ days", text)
