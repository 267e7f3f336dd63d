"""The map view (`maps.map_view`): the slim analysis the account page's head and the org chart's data
read instead of the whole analysis (a 30,000-person account unpickled 30,000 people on each view).
It holds what the analysis says, is recomputed with it on an edit, and the pages leave it as cached."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.maps import account_analysis, map_view, view_people
from battlemap.people.services import person_update
from battlemap.process import services as process_services
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(world):
    li = world.cn.people.get(name="李明")
    return process_services.body_create(
        account=world.cn, name="党委会", kind="party_committee", chair=world.cn_boss, members=[li]
    )


def _without_names(deals: list[dict]) -> list[dict]:
    return [
        {**d, "flags": [{k: v for k, v in flag.items() if k != "names"} for flag in d["flags"]]}
        for d in deals
    ]


def test_the_map_view_says_what_the_analysis_says(world, body):
    f.link(source=world.cn_boss, target=world.cn.people.get(name="李明"), strength=3)
    full = account_analysis(account=world.cn, lang="zh")
    view = map_view(account=world.cn, lang="zh")
    assert _without_names(view["deals"]) == full["deals"]
    assert view["decision_bodies"] == full["decision_bodies"]
    assert view["external_factors"] == full["external_factors"]
    assert view["people_count"] == len(full["people"]) == 2
    assert view_people(view) == [
        {
            "id": p["id"],
            "name": p["name"],
            "status": p["status"],
            "external": p["external"],
            "influence": {"score": p["influence"]["score"], "drivers": p["influence"]["drivers"][:3]},
            "ring": p["ring"],
            "ring_reason": p["ring_reason"],
        }
        for p in full["people"]
    ]  # in the analysis' order, most influential first
    assert view["ring_counts"] == {
        ring: sum(p["ring"] == ring for p in full["people"]) for ring in {p["ring"] for p in full["people"]}
    }
    names = {p["id"]: p["name"] for p in full["people"]}
    flags = [flag for deal in view["deals"] for flag in deal["flags"]]
    assert flags and all(flag["names"] == [names[pid] for pid in flag["people"]] for flag in flags)
    assert view_people(view, {world.cn_boss.pk}) == [
        p for p in view_people(view) if p["id"] == world.cn_boss.pk
    ]


def test_a_renamed_key_person_shows_at_once_in_the_view_and_the_chart(owner_client, world, body):
    graph = reverse("account_graph", args=[world.cn.slug])
    assert owner_client.get(reverse("account", args=[world.cn.slug])).status_code == 200  # both cached
    card = next(n for n in owner_client.get(graph).json()["nodes"] if n["data"].get("body"))
    assert card["data"]["chair"] == "王建国"
    boss = world.cn_boss
    boss.refresh_from_db()
    person_update(person=boss, version=boss.version, name="王总")
    assert [p["name"] for p in view_people(map_view(account=world.cn), {boss.pk})] == ["王总"]
    card = next(n for n in owner_client.get(graph).json()["nodes"] if n["data"].get("body"))
    assert card["data"]["chair"] == "王总" and "王总" in card["data"]["members"]


def test_warm_pages_read_the_view_not_the_whole_analysis(owner_client, world, body, monkeypatch):
    from battlemap.maps import analysis as maps_analysis

    urls = [
        reverse("account", args=[world.cn.slug]),
        reverse("account_graph", args=[world.cn.slug]),
        reverse("account_power", args=[world.cn.slug]),
        reverse("account_chain", args=[world.cn.slug]),
        reverse("account_circle", args=[world.cn.slug]),
    ]
    first = [owner_client.get(url) for url in urls]

    def whole(**kwargs):
        raise AssertionError("the whole analysis was read")

    monkeypatch.setattr(maps_analysis, "account_analyses", whole)
    again = [owner_client.get(url) for url in urls]
    assert [r.status_code for r in again] == [200] * 5
    assert again[1].content == first[1].content  # the same chart data
    for key in ("dots", "ring_rows", "people_hidden"):  # the same circle
        assert again[4].context[key] == first[4].context[key]


def test_the_page_head_leaves_the_cached_analysis_as_it_was(owner_client, world):
    before = account_analysis(account=world.cn)
    for name in ("account", "account_chain", "account_power", "account_circle"):
        assert (
            owner_client.get(reverse(name, args=[world.cn.slug]), {"deal": world.cn_deal.pk}).status_code
            == 200
        )
    assert account_analysis(account=world.cn) == before
    assert all("names" not in flag for deal in before["deals"] for flag in deal["flags"])


def test_the_circle_reads_each_persons_ring_from_the_view_and_an_edit_moves_them_at_once(owner_client, world):
    from battlemap.deals import services as deal_services

    url = reverse("account_circle", args=[world.cn.slug])

    def ring_of(name: str) -> tuple[str, str]:
        rows = owner_client.get(url, {"deal": world.cn_deal.pk}).context["ring_rows"]
        return next(
            (row["code"], p["ring_reason"]) for row in rows for p in row["people"] if p["name"] == name
        )

    assert ring_of("李明")[0] == "organisation"
    li = world.cn.people.get(name="李明")
    deal_services.stakeholder_role_create(deal=world.cn_deal, person=li, roles=["decision_maker"])
    ring, reason = ring_of("李明")
    assert ring == "decision_unit" and world.cn_deal.name in reason
    page = owner_client.get(url, {"deal": world.cn_deal.pk}).content.decode()
    assert f'title="{reason}">李明</span>' in page
