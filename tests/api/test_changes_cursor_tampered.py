"""The changes feed's and the timeline's cursor sent back tampered with: a time no UTC moment is, an id no row can
have, another account's cursor. A 422 naming `after` (the feed) or the newest page (the timeline), never a 500 nor
another account's entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.core.cursors import cursor_of
from battlemap.people.services import person_create

pytestmark = pytest.mark.django_db


def url_of(account, **query: object) -> str:  # noqa: ANN001
    params = "&".join(f"{k}={v}" for k, v in {"since": "2000-01-01", **query}.items())
    return f"/api/accounts/{account.slug}/changes?{params}"


@pytest.mark.parametrize(
    "after",
    [
        # before the first UTC moment / after the last: the query's conversion overflowed (a 422 without a field)
        cursor_of("0001-01-01T00:00:00+14:00", "person", "1"),
        cursor_of("9999-12-31T23:59:59-14:00", "person", "1"),
        cursor_of("2026-12-05T10:00:00+00:00", "person", "9" * 25),  # no row has: overflowed SQLite
    ],
)
def test_a_cursor_outside_what_a_page_can_end_at_is_a_422_naming_after(world, owner_api, after):
    response = owner_api.get(url_of(world.cn, after=after), headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["after"]
    assert "Not a cursor this list gave" in response.json()["errors"][0]["message"]


def test_another_accounts_cursor_pages_only_this_accounts_changes(world, owner_api, outsider_api, client):
    for n in range(3):
        person_create(account=world.other, name=f"<script>alert({n})</script>秘密", title="CEO")
    theirs = outsider_api.get(url_of(world.other, limit=1)).json()["next"]
    assert theirs
    # the outsider sends their own cursor to an account of the owner: the owner's changes only
    mine = owner_api.get(url_of(world.cn, after=theirs)).json()
    assert mine["changes"] and "秘密" not in str(mine)
    # and cannot read the owner's account at all, cursor or not
    assert outsider_api.get(url_of(world.cn, after=theirs)).status_code == 404
    client.force_login(world.owner)
    page = client.get(reverse("account_timeline", args=[world.cn.slug]), {"before": theirs})
    assert page.status_code == 200 and "秘密" not in page.content.decode()
