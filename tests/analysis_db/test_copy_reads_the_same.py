"""A copy of an account reads the same (tester: the flag "relationships gone stale" named 陈国强, 周振华, 蒋立新 in
the demo account and 陈国强, 蒋立新, 周振华 in its copy through export → import-map): the analysis breaks ties in
the snapshot's order, and the snapshot lists people and stakeholders by name, not by ids or by the order roles
were added in, which a copy does not keep."""

from __future__ import annotations

from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.load import map_import
from battlemap.maps import account_analysis, build_snapshot
from tests import factories as f

NAMES = ["陈国强", "蒋立新", "周振华"]  # chen, jiang, zhou: the order by name


def _account(world):  # noqa: ANN001, ANN202
    """Three key people gone stale alike, added 周振华 first, their roles 陈国强 first then 周振华."""
    account = f.account(owner=world.owner, slug="hdny", name="华东能源")
    zhou, chen, jiang = (f.person(account=account, name=n) for n in ("周振华", "陈国强", "蒋立新"))
    deal = f.deal(account=account, name="储能", stage="evaluation")
    for person in (chen, zhou, jiang):
        f.role(deal=deal, person=person, roles=["influencer"], influence=4)
    f.interaction(account=account, people=[chen, zhou, jiang], days_ago=60)
    return account


def _stale_and_people(account) -> tuple[list[str], list[str]]:  # noqa: ANN001
    names = {p.id: p.name for p in build_snapshot(account=account).people}
    deal = account_analysis(account=account, lang="en")["deals"][0]
    stale = next(flag for flag in deal["flags"] if flag["code"] == "stale_relationship")
    holders = next(c for c in deal["coverage"] if c["role"] == "influencer")["people"]
    return [names[pid] for pid in stale["people"]], [h["name"] for h in holders]


def test_a_copy_names_its_people_in_the_same_order(world):
    original = _account(world)
    copy = map_import(data=export_map(original), owner=world.owner, slug="hdny-copy", team=None)
    assert _stale_and_people(original) == _stale_and_people(copy) == (NAMES, NAMES)


def test_the_snapshot_lists_people_by_name(world):
    account = _account(world)
    assert [p.name for p in build_snapshot(account=account).people] == NAMES
