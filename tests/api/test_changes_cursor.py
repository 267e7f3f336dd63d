"""The changes feed pages with a keyset cursor (`after` = the page's `next`): every change exactly once, in the order
`offset` gives, also when edits are made between two pages, and a page deep in the feed reads only its own rows
(past offset 100,000 a page took 9–15 s: it read every row above it)."""

from __future__ import annotations

import base64
from datetime import timedelta
from itertools import groupby

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from battlemap.core.history_stamp import recorded
from battlemap.deals.services import deal_create
from battlemap.people.services import person_create, person_update

pytestmark = pytest.mark.django_db


def url_of(world, **query: object) -> str:  # noqa: ANN001
    params = "&".join(f"{k}={v}" for k, v in {"since": "2000-01-01", **query}.items())
    return f"/api/accounts/{world.cn.slug}/changes?{params}"


def key(change: dict) -> tuple:
    return change["model"], change["id"], change["at"], change["change"]


def edits(world, moments: int = 3):  # noqa: ANN001, ANN201
    """Edits of people and deals, several of them at the very same moment (a bulk, an import: ties in time across
    models and within one), and some a moment apart; the boss as edited."""
    boss = world.cn_boss
    start = timezone.now() - timedelta(hours=1)
    for n in range(moments):
        with recorded(at=start + timedelta(minutes=n)):
            for i in range(3):
                person_create(account=world.cn, name=f"同时{n}-{i}", title="工程师")
            deal_create(account=world.cn, name=f"同时商机{n}")
            boss = person_update(person=boss, version=boss.version, title=f"总经理 {n}")
    return boss


def by_cursor(api, world, limit: int, between=None) -> list[dict]:  # noqa: ANN001
    """Every page by `after`, from the first; `between()` runs after each page."""
    seen, after = [], None
    while True:
        page = api.get(url_of(world, limit=limit, **({"after": after} if after else {}))).json()
        seen += page["changes"]
        if between is not None:
            between()
        if not page["truncated"]:
            assert page["next"] is None
            return seen
        after = page["next"]


def test_the_cursor_gives_every_change_once_in_the_order_offset_gives(world, owner_api):
    edits(world)
    whole = owner_api.get(url_of(world, limit=1000)).json()
    assert whole["total"] > 20 and not whole["truncated"] and whole["next"] is None
    for limit in (1, 4, 7):
        seen = by_cursor(owner_api, world, limit)
        assert [key(c) for c in seen] == [key(c) for c in whole["changes"]]
        by_offset, offset = [], 0
        while True:
            page = owner_api.get(url_of(world, limit=limit, offset=offset)).json()
            by_offset += page["changes"]
            if not page["truncated"]:
                break
            offset += page["count"]
        assert by_offset == seen  # the same order, ties in time broken the same way


def test_edits_made_while_a_client_pages_are_neither_repeated_nor_skipped(world, owner_api):
    boss = edits(world)
    before = [key(c) for c in owner_api.get(url_of(world, limit=1000)).json()["changes"]]
    made = []

    def edit() -> None:
        nonlocal boss
        boss = person_update(person=boss, version=boss.version, title=f"董事长 {len(made)}")
        made.append(person_create(account=world.cn, name=f"新人{len(made)}"))

    seen = [key(c) for c in by_cursor(owner_api, world, 4, between=edit)]
    assert (
        seen == before
    )  # every change there was when paging began, once; the new ones are newer than the cursor
    after = [key(c) for c in owner_api.get(url_of(world, limit=1000)).json()["changes"]]
    assert after[-len(before) :] == before and len(after) == len(before) + 2 * len(made)


def test_a_page_after_a_cursor_reads_only_its_own_rows_of_each_history(world, owner_api):
    edits(world, moments=6)
    whole = owner_api.get(url_of(world, limit=1000)).json()["changes"]
    deep = owner_api.get(url_of(world, limit=len(whole) - 3)).json()
    with CaptureQueriesContext(connection) as queries:
        page = owner_api.get(url_of(world, limit=2, after=deep["next"])).json()
    assert [key(c) for c in page["changes"]] == [key(c) for c in whole[-3:-1]]
    streams = [q["sql"] for q in queries if '"history_id" DESC LIMIT' in q["sql"]]  # each model's history
    assert len(streams) == 17
    # limit + 1 rows of each, however deep the page (with offset: depth + limit + 1)
    assert all(int(sql.rsplit("LIMIT ", 1)[1].split()[0]) == 3 for sql in streams)


@pytest.mark.parametrize(
    "after",
    [
        "not-a-cursor!",
        "Zm9v",  # "foo"
        base64.urlsafe_b64encode(b"2026-01-01T00:00:00+00:00\x1fplanet\x1f3").decode(),  # no such model
        base64.urlsafe_b64encode(b"2026-01-01T00:00:00\x1fperson\x1f3").decode(),  # a time without zone
        base64.urlsafe_b64encode(b"yesterday\x1fperson\x1f3").decode(),
        base64.urlsafe_b64encode(b"2026-01-01T00:00:00+00:00\x1fperson\x1f-3").decode(),
    ],
)
def test_a_bad_cursor_is_a_422_naming_after(world, owner_api, after):
    response = owner_api.get(url_of(world, after=after))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["after"]


def test_a_cursor_with_an_offset_is_a_422_naming_offset(world, owner_api):
    edits(world, moments=1)
    first = owner_api.get(url_of(world, limit=2)).json()
    response = owner_api.get(url_of(world, limit=2, after=first["next"], offset=2))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["offset"]


def test_a_page_names_the_fields_each_edit_changed_in_a_few_queries(world, owner_api):
    """The fields of each change are those against the object's record before it (simple-history's `prev_record`),
    read for the whole page at once: a page of 200 edits asked 400 queries."""
    from battlemap.maps import account_histories

    boss = edits(world, moments=2)
    for n in range(10):
        boss = person_update(person=boss, version=boss.version, title=f"顾问 {n}", phone=f"1380000{n:04d}")
    records = {name: history for name, history in account_histories(world.cn)}
    owner_api.get(url_of(world, limit=1))  # the token's first use and the view's audit entry: once
    with CaptureQueriesContext(connection) as few:
        owner_api.get(url_of(world, limit=1000))
    for n in range(20):
        boss = person_update(person=boss, version=boss.version, title=f"董事 {n}")
    with CaptureQueriesContext(connection) as many:
        page = owner_api.get(url_of(world, limit=1000)).json()["changes"]
    assert len(many) == len(few)  # was two more for each edit
    changed = [c for c in page if c["change"] == "changed"]
    assert len(changed) >= 12 and {"title", "phone"} <= {f for c in changed for f in c["fields"]}
    for (model, pk), given in groupby(
        sorted(page, key=lambda c: (c["model"], c["id"])), lambda c: (c["model"], c["id"])
    ):
        # the object's records, newest first, as the page lists them (its times are to the millisecond)
        for change, record in zip(given, records[model].filter(id=pk), strict=True):
            if change["change"] == "changed":
                before = (
                    record.prev_record
                )  # None: nothing earlier (edits dated before the creation), no fields
                expected = (
                    [c.field for c in record.diff_against(before).changes] if before is not None else []
                )
                assert change["fields"] == [
                    f for f in expected if f not in {"updated_at", "version", "name_key"}
                ]
