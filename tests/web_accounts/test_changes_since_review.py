"""What changed "since the last review" runs from the moment of the review, not from the end of its day;
and a deal closed and reopened in the window shows both moves (when, by whom) on the page, in the API
and in the review deck's What changed, all from the one `maps.changes_since`."""

from __future__ import annotations

import io
import json
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from pypdf import PdfReader

from battlemap.deals.models import Deal
from battlemap.io.export import export_account
from battlemap.people.models import Person
from battlemap.reviews.models import Review
from battlemap.reviews.selectors import review_moment
from battlemap.reviews.services import mark_reviewed
from battlemap.users.models import Profile
from battlemap.users.services import token_create
from tests import factories as f
from tests.web_accounts.test_changes import _backdate, _since

pytestmark = pytest.mark.django_db

LANGS = ("en", "zh-hans")


def _speak(user, language: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def _page(client, world, **params):
    return client.get(reverse("account_changes", args=[world.cn.slug]), params)


def _local(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _pdf_text(account, lang: str) -> str:
    reader = PdfReader(io.BytesIO(export_account(account, fmt="pdf", lang=lang)))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("lang", LANGS)
def test_a_change_made_after_a_review_the_same_day_shows(owner_client, world, lang):
    _speak(world.owner, lang)
    _backdate(3)
    assert owner_client.post(reverse("account_reviews", args=[world.cn.slug]), {}).status_code == 302
    review = Review.objects.get()
    assert review.reviewed_on == timezone.localdate()

    page = _page(owner_client, world)
    assert page.context["since"] == review.created_at  # the moment, not the end of the day
    assert 'id="no-changes"' in page.content.decode()

    # an hour (here: a moment) after the review; in the deal the deck shows (it lists only the deal's people)
    f.role(deal=world.cn_deal, person=f.person(account=world.cn, name="赵新来"), roles=["user"])
    page = _page(owner_client, world)
    body = page.content.decode()
    assert [p["name"] for p in page.context["changes"]["people_added"]] == ["赵新来"]
    assert 'id="no-changes"' not in body and "赵新来" in body
    with translation.override(lang):
        window = gettext("Since the last review (%(at)s, %(by)s) to now, from the map's history.") % {
            "at": timezone.localtime(review.created_at).strftime("%Y-%m-%d %H:%M"),
            "by": world.owner.get_full_name() or world.owner.get_username(),
        }
    assert window in body

    # the review deck's What changed runs from the same moment
    with translation.override(lang):
        title = pgettext("export", "What changed since the last review (%(day)s by %(by)s)") % {
            "day": timezone.localtime(review.created_at).strftime("%Y-%m-%d %H:%M"),
            "by": world.owner.get_full_name() or world.owner.get_username(),
        }
    from tests.web_reviews.test_reviews import _deck_text

    changed = next(s for s in _deck_text(world.cn, lang) if title in s)
    assert "赵新来" in changed

    # a day asked still runs from the end of that day
    assert _page(owner_client, world, since=_since(1)).context["since"] == timezone.localdate() - timedelta(
        days=1
    )


def test_the_api_without_a_day_starts_where_the_page_does(owner_client, world):
    """No `since`: the API routes run from the last review's moment, as the page does; a person added
    before the review is not news, one added after it is; never reviewed, the last 7 days."""
    _backdate(3)
    secret = token_create(user=world.owner, name="t").secret
    auth = {"Authorization": f"Bearer {secret}"}
    paths = (f"/api/accounts/{world.cn.slug}/what-changed", f"/api/deals/{world.cn_deal.pk}/what-changed")
    # in the deal: the deal's route lists only the people who have a part in it
    f.role(deal=world.cn_deal, person=f.person(account=world.cn, name="周先到"), roles=["user"])
    for path in paths:  # never reviewed: a person added today is in the last 7 days
        assert "周先到" in [p["name"] for p in Client().get(path, headers=auth).json()["people_added"]]

    mark_reviewed(account=world.cn, by=world.owner)
    f.role(deal=world.cn_deal, person=f.person(account=world.cn, name="吴后来"), roles=["user"])
    for path in paths:
        added = [p["name"] for p in Client().get(path, headers=auth).json()["people_added"]]
        assert added == ["吴后来"], path
        empty = Client().get(path, {"since": ""}, headers=auth)  # `?since=` left empty: the default
        assert empty.status_code == 200 and [p["name"] for p in empty.json()["people_added"]] == ["吴后来"]
    assert [p["name"] for p in _page(owner_client, world).context["changes"]["people_added"]] == ["吴后来"]


def test_a_review_late_in_the_evening_keeps_the_next_morning_s_changes(owner_client, world):
    """A review at 23:30 local time (TIME_ZONE, Asia/Shanghai: 15:30 UTC): what was added at 23:00 is
    before it, what was added at 08:00 the next morning is after it."""
    _backdate(3)
    evening = timezone.localdate() - timedelta(days=2)
    mark_reviewed(account=world.cn, by=world.manager, on=evening)
    Review.objects.update(created_at=_local(evening, 23, 30))
    before = f.person(account=world.cn, name="钱早到")
    after = f.person(account=world.cn, name="孙晨来")
    Person.history.filter(id=before.pk).update(history_date=_local(evening, 23))
    Person.history.filter(id=after.pk).update(history_date=_local(evening + timedelta(days=1), 8))

    assert review_moment(Review.objects.get()) == _local(evening, 23, 30)
    changes = _page(owner_client, world).context["changes"]
    assert [p["name"] for p in changes["people_added"]] == ["孙晨来"]


def test_a_review_dated_back_counts_from_the_end_of_its_day(world):
    day = timezone.localdate() - timedelta(days=5)
    mark = mark_reviewed(account=world.cn, by=world.owner, on=day)
    assert review_moment(mark) == _local(day + timedelta(days=1), 0) - timedelta(microseconds=1)


def _lose_and_reopen(client, world) -> None:
    url = reverse("deal_close", args=[world.cn.slug, world.cn_deal.pk])
    version = Deal.objects.get(pk=world.cn_deal.pk).version
    form = {"outcome": "lost", "close_reason": "预算冻结", "lost_to": "华为云", "version": version}
    assert client.post(url, form).status_code == 302
    version = Deal.objects.get(pk=world.cn_deal.pk).version
    url = reverse("deal_reopen", args=[world.cn.slug, world.cn_deal.pk])
    assert client.post(url, {"version": version, "reopen_reason": "二期立项"}).status_code == 302
    assert Deal.objects.get(pk=world.cn_deal.pk).status == "open"


@pytest.mark.parametrize(("lang", "lost", "open_"), [("en", "lost", "open"), ("zh-hans", "丢单", "进行中")])
def test_a_deal_lost_and_reopened_shows_both_moves_on_page_api_and_deck(
    owner_client, world, lang, lost, open_
):
    _speak(world.owner, lang)
    _backdate(3)
    _lose_and_reopen(owner_client, world)
    who = world.owner.get_full_name() or world.owner.get_username()

    page = _page(owner_client, world, since=_since(2))
    moves = page.context["changes"]["status_changes"]
    assert [(m["before"], m["after"], m["change"], m["by"]) for m in moves] == [
        ("open", "lost", "closed", who),
        ("lost", "open", "reopened", who),
    ]
    assert moves[0]["reason"] == "预算冻结" and moves[0]["lost_to"] == "华为云"
    assert moves[1]["reason"] == "二期立项" and moves[1]["lost_to"] == ""  # why it came back
    assert moves[0]["when"][:10] == timezone.localdate().isoformat()  # local "YYYY-MM-DD HH:MM"
    section = page.content.decode().split('id="c-stage"')[1].split("</section>")[0]
    with translation.override(lang):
        reopened, closed = gettext("reopened"), gettext("closed")
    assert section.count('class="status-change"') == 2
    assert reopened in section and closed in section and lost in section and open_ in section
    assert who in section and "预算冻结" in section and "二期立项" in section
    assert 'id="no-changes"' not in page.content.decode()  # though the deal is open at both ends

    # the API's changes, for the account and for the deal
    secret = token_create(user=world.owner, name="t").secret
    auth = {"Authorization": f"Bearer {secret}"}
    for path in (
        f"/api/accounts/{world.cn.slug}/what-changed",
        f"/api/deals/{world.cn_deal.pk}/what-changed",
    ):
        data = Client().get(path, {"since": _since(2), "lang": lang}, headers=auth).json()
        assert [(m["after_label"], m["change"], m["by"]) for m in data["status_changes"]] == [
            (lost, "closed", who),
            (open_, "reopened", who),
        ]
    analysis = Client().get(
        f"/api/accounts/{world.cn.slug}/analysis", {"since": _since(2), "lang": lang}, headers=auth
    )
    assert [m["change"] for m in json.loads(analysis.content)["changes"]["status_changes"]] == [
        "closed",
        "reopened",
    ]

    # the review PDF's What changed (never reviewed: the last 30 days)
    text = _pdf_text(world.cn, lang)
    with translation.override(lang):
        words = pgettext("export", "Closed"), pgettext("export", "Reopened")
    assert all(word in text for word in words), text
    assert "预算冻结" in text and "二期立项" in text and lost in text
    from tests.web_reviews.test_reviews import _deck_text  # the PPTX's table is the same rows

    deck = "\n".join(_deck_text(world.cn, lang))
    assert all(word in deck for word in words) and "预算冻结" in deck

    # the CLI's report (`battlemap analyze --since`)
    out = io.StringIO()
    call_command("analyze", world.cn.slug, "--since", _since(2), "--lang", lang, stdout=out)
    with translation.override(lang):
        heading = "关闭或重新打开的商机" if lang == "zh-hans" else "Deals closed or reopened"
    report = out.getvalue().split(heading)[1]
    assert f"{open_} → {lost}" in report and f"{lost} → {open_}" in report and who in report


def test_a_review_after_the_reopening_leaves_it_out(owner_client, world):
    _backdate(3)
    _lose_and_reopen(owner_client, world)
    mark_reviewed(account=world.cn, by=world.manager)
    assert _page(owner_client, world).context["changes"]["status_changes"] == []
    assert len(_page(owner_client, world, since=_since(2)).context["changes"]["status_changes"]) == 2


@pytest.mark.parametrize(
    ("lang", "heading", "lost"),
    [("en", "Deals closed or reopened", "lost"), ("zh-hans", "关闭或重新打开的商机", "丢单")],
)
def test_this_week_lists_a_deal_lost_and_reopened(owner_client, world, lang, heading, lost):
    _speak(world.owner, lang)
    _backdate(3)
    assert 'id="week-outcomes"' not in owner_client.get("/").content.decode()  # nothing closed: no list
    _lose_and_reopen(owner_client, world)
    week = owner_client.get("/").content.decode()
    outcomes = week.split('id="week-outcomes"')[1].split("</ul>")[0]
    assert heading in week and outcomes.count("<li>") == 2 and lost in outcomes and "物联网平台" in outcomes


def test_a_review_of_one_deal_does_not_hide_another_deals_change_from_the_account(client, world):
    """A sales manager's trial: the manager reviewed deal A, a rep cut deal A's amount and then marked deal B
    reviewed; the account's What changed counted from the rep's mark and left the cut out, which deal A's page and
    the PDF showed. The account now starts at the review of its open deal reviewed longest ago."""
    from battlemap.accounts.changes import since_last_review
    from battlemap.deals.services import deal_update

    a = world.cn_deal
    b = f.deal(account=world.cn, name="储能二期", stage="evaluation")
    _backdate(3)
    first = mark_reviewed(account=world.cn, deal=a, by=world.manager)
    # earlier today (two hours ago, or at midnight when that was yesterday: a mark's time counts on its own day)
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    Review.objects.filter(pk=first.pk).update(created_at=max(timezone.now() - timedelta(hours=2), midnight))
    a = Deal.objects.get(pk=a.pk)
    deal_update(deal=a, version=a.version, amount=9_000_000)
    mark_reviewed(account=world.cn, deal=b, by=world.teammate)
    since, review = since_last_review(world.cn)
    assert review.pk == first.pk
    client.force_login(world.manager)
    page = _page(client, world).content.decode()
    assert "9,000,000" in page  # the cut is listed on the account's page
    Deal.objects.filter(pk=b.pk).update(status="won")  # only open deals count
    assert since_last_review(world.cn)[1].pk == first.pk
    f.deal(account=world.cn, name="从未评审", stage="evaluation")
    assert since_last_review(world.cn)[1] is None  # an open deal never reviewed: the account never was
