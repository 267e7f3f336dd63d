"""Page 1's "Since then" counts as "left" only the people who left the customer: a person deleted from the map
(added by mistake) read "2 left" / "离职 2" beside one departure. The one removed is counted apart ("1 removed from
the map"), and What changed — the web page, the file's table, the API — lists the two apart."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pptx import Presentation

from battlemap.io.export import export_account
from battlemap.people.services import person_delete, person_update
from battlemap.users.services import token_create
from tests import factories as f
from tests.api.test_what_changed_terms import _aged
from tests.exports import slide_texts
from tests.io.test_review_new_people_count import _first_page

pytestmark = pytest.mark.django_db

SAID = {
    "en": ("1 left", "1 removed from the map"),
    "zh-hans": ("离职 1", "移出地图 1"),
}
WRONG = {"en": "2 left", "zh-hans": "离职 2"}


@pytest.fixture
def moved(world):
    """The deal before the window with 周凯 and 错误录入 in it; today 周凯 left the customer and 错误录入 was deleted."""
    leaver = f.person(account=world.cn, name="周凯")
    mistake = f.person(account=world.cn, name="错误录入")
    for person in (leaver, mistake):
        f.role(deal=world.cn_deal, person=person, roles=["user"])
    deal = _aged(world.cn_deal, days=40)
    leaver.refresh_from_db()
    person_update(person=leaver, version=leaver.version, status="left", left_on=timezone.localdate())
    mistake.refresh_from_db()
    person_delete(person=mistake)
    return deal


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_left_counts_only_who_left_the_customer(world, moved, lang):
    left, removed = SAID[lang]
    page = _first_page(export_account(world.cn, fmt="pdf", deal_id=moved.pk, lang=lang))
    assert left in page and removed in page
    assert WRONG[lang] not in page
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=moved.pk, lang=lang)))
    first = " ".join(slide_texts(deck)[0])
    assert left in first and removed in first and WRONG[lang] not in first


def test_what_changed_lists_the_removed_apart(world, moved, client):
    client.force_login(world.owner)
    page = client.get(f"/accounts/{world.cn.slug}/deals/{moved.pk}/changes/").content.decode()
    listed = page[page.index('id="people-moves"') :].split("</ul>")[0]
    assert "周凯" in listed and "错误录入" in listed
    secret = token_create(user=world.owner, name="t").secret
    since = (timezone.localdate() - timedelta(days=3)).isoformat()
    got = (
        Client()
        .get(
            f"/api/deals/{moved.pk}/what-changed",
            {"lang": "en", "since": since},
            headers={"Authorization": f"Bearer {secret}"},
        )
        .json()
    )
    assert [p["name"] for p in got["people_left"]] == ["周凯"]
    assert [p["name"] for p in got["people_removed"]] == ["错误录入"]


@pytest.mark.parametrize(
    "lang, heading",
    [("en", "People added, left or removed from the map"), ("zh-hans", "新增、离职或移出地图的人")],
)
def test_what_changed_heads_the_list_with_what_it_lists(world, moved, client, lang, heading):
    """The list holds people removed from the map too: the heading said only "People added or left"."""
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    page = client.get(f"/accounts/{world.cn.slug}/deals/{moved.pk}/changes/").content.decode()
    title = page[page.index('<h3 id="c-people">') :].split("</h3>")[0]
    assert heading in title, title
