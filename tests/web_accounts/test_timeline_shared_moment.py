"""The account's timeline at a shared moment: an import, a map load or a bulk delete writes hundreds of rows at one
moment. "Older entries" asked for the entries strictly before the last time shown, so when a page ended inside such
a moment the rest of its rows were never shown; and an edit at its record's creation's moment (an import that
creates then renames) said no "before" (simple-history's `prev_record` looks only strictly earlier)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.accounts.timeline import TIMELINE_PAGE
from battlemap.core.cursors import cursor_of
from battlemap.core.history_stamp import recorded
from battlemap.deals.services import deal_create
from battlemap.interactions.services import interaction_create
from battlemap.people.models import Person
from battlemap.people.services import person_create, person_update

pytestmark = pytest.mark.django_db

OLDER = re.compile(r'href="\?([^"]*before=[^"]+)" rel="next" id="timeline-older"')


def pages(client, url: str, query: str = "") -> list[list[str]]:  # noqa: ANN001
    """The titles of every page of the timeline, following "Older entries" from `query`."""
    seen = []
    while True:
        answer = client.get(f"{url}?{query}", HTTP_ACCEPT_LANGUAGE="en")
        assert answer.status_code == 200
        seen.append([f"{e.when.isoformat()} {e.title} {e.detail}" for e in answer.context["entries"]])
        older = OLDER.search(answer.content.decode())
        if older is None:
            return seen
        query = older[1].replace("&amp;", "&")


def an_import(world, moment):  # noqa: ANN001
    """More people than a page, a deal and a meeting, all at one moment (an import, a map load)."""
    with recorded(at=moment):
        people = [
            person_create(account=world.cn, name=f"导入{n:03d}", title="工程师")
            for n in range(TIMELINE_PAGE + 30)
        ]
        deal_create(account=world.cn, name="同时的商机")
        interaction_create(
            account=world.cn, occurred_at=moment, participants=people[:1], summary="同时的会议"
        )
    return people


def test_older_entries_page_through_a_moment_larger_than_a_page_each_entry_once(owner_client, world):
    moment = timezone.now() - timedelta(hours=1)
    an_import(world, moment)
    boss = person_update(person=world.cn_boss, version=world.cn_boss.version, title="董事长")  # later
    url = reverse("account_timeline", args=[world.cn.slug])
    seen = pages(owner_client, url)
    assert len(seen) == 2 and len(seen[0]) == TIMELINE_PAGE
    everything = [title for page in seen for title in page]
    assert len(everything) == len(set(everything))  # none repeated
    imported = [t for t in everything if re.search(r"person: 导入\d{3} ", t)]
    assert len(imported) == TIMELINE_PAGE + 30  # none skipped: page two holds the rest of the moment
    # every person's edit of the account's history is told once, the import's and the rest
    people = [t for t in everything if " person: " in t]
    assert len(people) == Person.history.filter(account_id=world.cn.id).count()
    assert sum("deal: 同时的商机 Created" in t for t in everything) == 1
    assert sum("同时的商机: opened at" in t for t in everything) == 1  # its stage, at that moment
    assert sum("同时的会议" in t for t in everything) == 1
    assert boss.title in seen[0][0]  # newest first


def test_a_link_of_an_earlier_release_still_pages_before_its_moment(owner_client, world):
    moment = timezone.now() - timedelta(hours=1)
    with recorded(at=moment - timedelta(minutes=1)):
        person_create(account=world.cn, name="早到的人", title="工程师")
    an_import(world, moment)
    url = reverse("account_timeline", args=[world.cn.slug])
    local = timezone.localtime(moment).replace(tzinfo=None)  # a link without a zone: the installation's
    for before in (moment.isoformat(), local.isoformat()):
        answer = owner_client.get(url, {"before": before}, HTTP_ACCEPT_LANGUAGE="en")
        # strictly before that moment, as the link meant: none of the import's
        assert [e.title for e in answer.context["entries"]] == ["person: 早到的人"]
        assert 'id="timeline-older"' not in answer.content.decode()


@pytest.mark.parametrize(
    "before",
    [
        "2026-13-45T10:00",  # looks like a time, is none: was a 500
        "garbage",
        "MjAyNi0xMi0wNQ",  # a cursor's alphabet, no cursor
        "MjAyNi0xMi0wNVQxMDowMDowMCswMDowMB9ub3RoaW5nHzE",  # a time, a table that is none, an id
        "MjAyNi0xMi0wNVQxMDowMDowMB9wZXJzb24fMQ",  # a time without its zone
        # a time no UTC moment is (before year 1 in UTC, after 9999): were a 500 (OverflowError in the query)
        "0001-01-01T00:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        cursor_of("0001-01-01T00:00:00+14:00", "person", "1"),
        cursor_of("9999-12-31T23:59:59-14:00", "person", "1"),
        cursor_of("2026-12-05T10:00:00+00:00", "person", "9" * 4400),  # past int()'s digits: a ValueError
    ],
)
def test_a_link_cut_short_or_made_up_shows_the_newest_entries(owner_client, world, before):
    url = reverse("account_timeline", args=[world.cn.slug])
    newest = owner_client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["entries"]
    answer = owner_client.get(url, {"before": before}, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    assert [e.title for e in answer.context["entries"]] == [e.title for e in newest]


def test_a_rename_at_the_creation_moment_says_before_and_after(owner_client, world):
    moment = timezone.now() - timedelta(hours=1)
    with recorded(at=moment):  # an import that creates then updates, a map load
        person = person_create(account=world.cn, name="张三", title="工程师")
        person_update(person=person, version=person.version, name="张三丰", title="总工程师")
    url = reverse("account_timeline", args=[world.cn.slug])
    for lang, said in (("en", "name: 张三 → 张三丰"), ("zh-hans", "姓名：张三 → 张三丰")):
        entries = owner_client.get(url, HTTP_ACCEPT_LANGUAGE=lang).context["entries"]
        details = [e.detail for e in entries if "张三丰" in e.title and e.when == moment]
        assert any(said in d for d in details), (lang, details)


def test_the_history_panel_shows_a_rename_at_the_creation_moment_above_the_creation(owner_client, world):
    with recorded(at=timezone.now() - timedelta(hours=1)):
        person = person_create(account=world.cn, name="张三", title="工程师")
        person_update(person=person, version=person.version, name="张三丰", title="总工程师")
    url = reverse("person", args=[world.cn.slug, person.pk])
    for lang, created, changed in (("en", "created", "changed"), ("zh-hans", "创建了", "修改了")):
        page = owner_client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        panel = re.findall(r'<li class="history-(\w+)">', page)
        assert panel == ["changed", "created"], lang  # newest first: the rename was written last
        said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split('id="history-title"')[1]))
        assert said.index(changed) < said.index(created), lang
        assert "张三 → 张三丰" in said and "工程师 → 总工程师" in said, lang
