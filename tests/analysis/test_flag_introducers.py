"""Who a flag's action says can introduce us: the people we met who are joined to the people concerned, then the
deal's champions and coaches who are not the people concerned — never "through the champion" to reach the champion,
nor "a coach" the deal does not have (a sales director's trial) — else a supporter who knows them; and a mixed stale flag tells the ones who went cold from the ones never
met."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze

from .builders import LI, WANG, healthy_snapshot, with_stakeholder, without_interactions_of


def _flags(snapshot, lang="en"):
    return {f.code: f for f in analyze(snapshot, lang=lang).deals[0].flags}


def _never_met(snapshot, person):
    return without_interactions_of(snapshot, person)


def _unjoined(snapshot):
    """Nobody joined to anybody: no influence link, no reporting line (nobody to bridge but a champion or coach)."""
    return replace(snapshot, links=(), people=tuple(replace(p, reports_to=None) for p in snapshot.people))


def test_the_decision_maker_is_reached_through_the_champion_by_name_or_our_executive():
    flag = _flags(_never_met(healthy_snapshot(), WANG))["decision_maker_not_met"]
    assert "through 李工" in flag.action and "one of our executives" in flag.action


def test_a_never_met_champion_is_not_reached_through_himself():
    snap = _never_met(healthy_snapshot(), LI)
    action = _flags(snap)["stale_relationship"].action
    # his boss and his report, not himself
    assert "李工" in action and "through 李工" not in action and "through 王总, 陈主管" in action
    alone = _flags(_unjoined(snap))["stale_relationship"].action
    assert "through 李工" not in alone and "a supporter who knows them" in alone


def test_without_champion_or_coach_nobody_is_invented():
    snap = with_stakeholder(_never_met(_unjoined(healthy_snapshot()), WANG), LI, roles=("influencer",))
    action = _flags(snap)["decision_maker_not_met"].action
    assert "champion" not in action and "coach" not in action and "a supporter who knows them" in action
    zh = _flags(snap, "zh-hans")["decision_maker_not_met"].action
    assert "推荐者" not in zh and "教练" not in zh


def test_a_mixed_stale_flag_says_back_in_touch_to_the_cold_and_introduction_to_the_never_met():
    base = _never_met(healthy_snapshot(), LI)  # the champion: never in touch
    old = tuple(
        replace(i, occurred_on=i.occurred_on.replace(year=i.occurred_on.year - 1)) for i in base.interactions
    )
    flag = _flags(replace(base, interactions=old))["stale_relationship"]  # the decision maker: a year ago
    cold, _, never = flag.action.partition("introduction to")
    assert cold.startswith("Get back in touch with 王总") and "李工" not in cold and "李工" in never


def test_an_opposing_champion_introduces_nobody():
    snap = with_stakeholder(_never_met(healthy_snapshot(), WANG), LI, attitude="opponent")
    action = _flags(snap)["decision_maker_not_met"].action
    assert "李工" not in action and "through 张经理," in action  # who reports to 王总
    alone = _flags(_unjoined(snap))["decision_maker_not_met"].action
    assert "李工" not in alone and "a supporter who knows them" in alone
