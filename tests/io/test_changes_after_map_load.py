"""A map loaded from a file is the recording of what was known, not news. What changed — the page, the API's
what-changed route, This week — read every person and deal of a map loaded this week as "added" and every flag as
new; the window now starts at the end of the load (maps.loaded_in_window), and what is changed afterwards is
news as before."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client

from battlemap.accounts.models import Account
from battlemap.deals.services.roles import stakeholder_role_create
from battlemap.people.services import person_create
from battlemap.users.services import token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(world, tmp_path) -> Account:
    """world.cn's map, written to a file and loaded again as a new account (`battlemap import-map`)."""
    path = tmp_path / "map.json"
    call_command("export", world.cn.slug, "--format", "json", "-o", str(path))
    assert json.loads(path.read_text())["people"]
    call_command("import-map", str(path), "--as", "loaded", "--owner", world.owner.username)
    return Account.objects.get(slug="loaded")


def _window(owner_client, lang: str) -> str:
    return owner_client.get("/accounts/loaded/changes/", headers={"Accept-Language": lang}).content.decode()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Since the map was loaded from a file ("),
        ("zh-hans", "自地图文件载入（"),
    ],
)
def test_the_page_starts_after_the_load(world, loaded, owner_client, lang, said):
    page = _window(owner_client, lang)
    assert said in page
    people = page.split('id="people-moves"')[1].split("</ul>")[0]
    assert "＋" not in people and ("No change." in people or "无变化。" in people)
    person_create(account=loaded, name="新来的 <script>x</script>", title="采购经理")
    page = _window(owner_client, lang)
    assert "新来的 &lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page


def test_the_api_starts_after_the_load_and_says_so(world, loaded):
    from tests.api.conftest import Api

    api = Api(Client(), token_create(user=world.owner, name="test").secret)
    changes = api.get("/api/accounts/loaded/what-changed").json()
    assert changes["loaded"] is True
    assert changes["people_added"] == [] and changes["new_flags"] == [] and changes["stage_moves"] == []
    person_create(account=loaded, name="新来的", title="采购经理")
    changes = api.get("/api/accounts/loaded/what-changed?since=2020-01-01").json()
    assert [p["name"] for p in changes["people_added"]] == ["新来的"]


def test_this_week_does_not_read_the_loaded_flags_as_new(world, loaded, owner_client):
    from battlemap.deals.selectors_week import week_changes

    changes = week_changes(accounts=Account.objects.filter(pk=loaded.pk), today=loaded.created_at.date())
    assert changes[loaded.pk]["new_flags"] == []


def _deck(account: Account, lang: str) -> tuple[list[str], str]:
    """The deck's slides and page 1 of the PDF, each as one line of text."""
    import io

    from pptx import Presentation

    from battlemap.io.export import export_account
    from tests.io.test_review_map_loaded import page_one

    deal = account.deals.get()
    deck = export_account(account, fmt="pptx", lang=lang, deal_id=deal.pk)
    slides = [
        " ".join(" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame).split())
        for s in Presentation(io.BytesIO(deck)).slides
    ]
    return slides, page_one(account, "pdf", lang, deal.pk)


def _joins(account: Account) -> None:
    """A person added after the load, with a part in the deal."""
    stakeholder_role_create(deal=account.deals.get(), person=person_create(account=account, name="新来的"))


DECK = {  # lang: (the heading of What changed, page 1's last review, its health when nothing moved since the load)
    "en": (
        "What changed since the map was loaded from a file (",
        "never (compared with the map as loaded from a file, ",
        "no change since the map was loaded from a file (",
    ),
    "zh-hans": ("自地图文件载入（", "从未评审（与从文件载入时的地图相比，", "自地图文件载入（"),
}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_review_deck_counts_from_the_load(world, loaded, lang):
    """Its page 1 said "never (compared with <30 days ago>)" and "no change in the last 30 days" of a deal loaded
    today; it names the load, and a person added after it is news there too."""
    title, last, health = DECK[lang]
    _joins(loaded)
    slides, first = _deck(loaded, lang)
    assert any(title in text for text in slides)
    assert last in first and health in first.split(last)[0]
    assert ("1 new person in this deal" if lang == "en" else "本商机新增人员 1") in first
    assert "no change in the last" not in first and "近 30 天无变化" not in first


def test_a_deal_loaded_with_its_past_has_nothing_earlier_and_what_changed_since(world, tmp_path):
    """A deal whose stage history starts before the window: "nothing earlier to compare with" (io.export.window_rows
    .recorded_late), and what changed after the load beside it."""
    path = tmp_path / "map.json"
    call_command("export", world.cn.slug, "--format", "json", "-o", str(path))
    data = json.loads(path.read_text())
    data["deals"][0]["stage_history"] = [{"date": "2026-01-05", "stage": "need_recognition", "note": ""}]
    path.write_text(json.dumps(data))
    call_command("import-map", str(path), "--as", "past", "--owner", world.owner.username)
    account = Account.objects.get(slug="past")
    _slides, first = _deck(account, "en")
    assert "nothing earlier to compare with: the deal was recorded on " in first and "new person" not in first
    _joins(account)
    _slides, first = _deck(account, "en")
    assert " · 0 new red flags · 0 worse · 0 resolved · 1 new person in this deal" in first
    assert "no earlier health: recorded on " in first


def test_the_day_picker_shows_where_the_window_starts(world, loaded, owner_client):
    """It showed a week ago beside "Since the map was loaded from a file (today …)"; like a review made today, the
    load's day shows as the latest day the picker offers (yesterday: today has not ended)."""
    from datetime import timedelta

    from django.utils import timezone

    page = _window(owner_client, "en")
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert f'name="since" value="{yesterday}"' in page
