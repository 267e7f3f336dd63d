"""Naming a key person is progress (seed 004 §3: "有效识别和沟通客户决策人是提高销售成功率的关键"): a coach's deal knew
three users, scored 60, and fell to 50 when its decision maker was named (freshness over a person never contacted,
three flags about him in place of one); one person is asked for once; and nobody is asked to introduce someone who
opposes them (seed 001 §3: 搭建沟通桥梁)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from battlemap.analysis import analyze
from battlemap.analysis import types as t

TODAY = date(2026, 12, 5)
CHEN, LIU, HUANG, YANG, QIAN = 1, 2, 3, 4, 5


def _workshop() -> t.MapSnapshot:
    """The coach's deal: three users met lately, 陈磊 the champion; nobody who decides or buys is named."""
    people = (
        t.PersonInfo(CHEN, "陈磊", title="车间主任"),
        t.PersonInfo(LIU, "刘芳", title="质检组长", reports_to=CHEN),
        t.PersonInfo(HUANG, "黄伟", title="设备工程师", reports_to=CHEN),
        t.PersonInfo(YANG, "杨建国", title="分管生产副总经理"),
        t.PersonInfo(QIAN, "钱红", title="采购部经理"),
    )
    stakeholders = (
        t.StakeholderInfo(CHEN, ("user", "champion"), "advocate", 3, 3, personal_win="车间评先进"),
        t.StakeholderInfo(LIU, ("user",), "supporter", 2, 2, personal_win="少加班"),
        t.StakeholderInfo(HUANG, ("user",), "supporter", 2, 2),
    )
    deal = t.DealInfo(
        1, "MES质量追溯模块", stage="evaluation", stakeholders=stakeholders, customer_win="追溯两小时"
    )
    return t.MapSnapshot(
        t.AccountInfo(1, "hxzz", "华信制造"),
        TODAY,
        people=people,
        deals=(deal,),
        interactions=(
            t.InteractionInfo(1, date(2026, 11, 25), "meeting", (CHEN, LIU, HUANG)),
            t.InteractionInfo(2, date(2026, 12, 2), "call", (CHEN,)),
        ),
        action_items=(
            t.ActionItemInfo(1, 1, "请陈主任介绍分管生产的副总", person_id=CHEN, due=date(2026, 12, 15)),
        ),
    )


def _naming(snapshot: t.MapSnapshot, *named: t.StakeholderInfo) -> t.MapSnapshot:
    deal = snapshot.deals[0]
    return replace(snapshot, deals=(replace(deal, stakeholders=(*deal.stakeholders, *named)),))


def _meeting(snapshot: t.MapSnapshot, *people: int) -> t.MapSnapshot:
    return replace(
        snapshot,
        interactions=(*snapshot.interactions, t.InteractionInfo(9, date(2026, 12, 4), "meeting", people)),
    )


def _deal(snapshot, lang="en"):
    return analyze(snapshot, lang=lang).deals[0]


def test_naming_the_decision_maker_raises_health_and_meeting_him_raises_it_more():
    before = _deal(_workshop())
    assert before.health.score == 60 and [f.code for f in before.flags] == ["no_decision_maker"]
    named = _naming(_workshop(), t.StakeholderInfo(YANG, ("decision_maker",), influence=5))
    after = _deal(named)
    assert after.health.score > before.health.score  # 60 → 66; was 50
    parts = {p.name: p.points for p in after.health.parts}
    assert parts["freshness"] == 20.0  # nobody we are in touch with went cold
    assert (
        parts["open_flags"] == -8.0
    )  # decision_maker_not_met in place of no_decision_maker, nothing stacked
    met = _deal(_meeting(named, YANG))
    assert met.health.score > after.health.score and "decision_maker_not_met" not in {
        f.code for f in met.flags
    }


def test_naming_the_purchaser_does_not_lower_health():
    named = _naming(_workshop(), t.StakeholderInfo(QIAN, ("purchaser",), influence=4))
    assert _deal(named).health.score >= _deal(_workshop()).health.score


def test_a_never_met_decision_maker_is_asked_for_once():
    deal = _deal(_naming(_workshop(), t.StakeholderInfo(YANG, ("decision_maker",), influence=5)), "zh-hans")
    asking = [f.code for f in deal.flags if YANG in f.people and "杨建国" in f.action and "引荐" in f.action]
    assert asking == ["decision_maker_not_met"]  # stale_relationship said "请陈磊引荐杨建国" beside it
    meet = [p for p in deal.playbook if YANG in p.people and ("约见" in p.text or "引荐" in p.text)]
    assert [p.code for p in meet] == ["decision_maker_not_met"]
    [economic] = [b for b in deal.blue_sheet if b.person_id == YANG]
    assert sum("引荐" in a for a in economic.actions) == 1


def _never_met_key(snapshot: t.MapSnapshot, *links: t.InfluenceLinkInfo) -> t.MapSnapshot:
    """Add 杨建国 as an influencer of influence 5, never in touch, and the links."""
    named = _naming(snapshot, t.StakeholderInfo(YANG, ("influencer",), influence=5))
    return replace(named, links=links)


def _stale_action(snapshot: t.MapSnapshot) -> str:
    [stale] = [f for f in _deal(snapshot).flags if f.code == "stale_relationship"]
    return stale.action


def test_nobody_is_asked_to_introduce_someone_who_opposes_them():
    assert "through 陈磊" in _stale_action(_never_met_key(_workshop()))
    for link in (t.InfluenceLinkInfo(YANG, CHEN, "opposes"), t.InfluenceLinkInfo(CHEN, YANG, "opposes")):
        action = _stale_action(_never_met_key(_workshop(), link))
        assert "陈磊" not in action and "a supporter who knows them" in action
    # any other link leaves the champion the bridge
    assert "through 陈磊" in _stale_action(
        _never_met_key(_workshop(), t.InfluenceLinkInfo(YANG, CHEN, "peer"))
    )


def test_an_outside_person_is_introduced_only_by_someone_linked_to_them():
    people = tuple(replace(p, external=True) if p.id == YANG else p for p in _workshop().people)
    outside = replace(_workshop(), people=people)
    action = _stale_action(_never_met_key(outside))
    assert "陈磊" not in action and "a supporter who knows them" in action
    linked = _never_met_key(outside, t.InfluenceLinkInfo(YANG, CHEN, "advises"))
    assert "through 陈磊" in _stale_action(linked)


def test_a_champion_we_never_spoke_to_is_nobodys_bridge_yet():
    """A new user on a fresh clone was told to reach the decision maker "through 李明, 刘洋", two champions the
    coverage table showed never met."""

    def asked(snapshot: t.MapSnapshot) -> str:
        named = _naming(snapshot, t.StakeholderInfo(YANG, ("decision_maker",), influence=5))
        [flag] = [f for f in _deal(named).flags if f.code == "decision_maker_not_met"]
        return flag.action

    assert "through 陈磊" in asked(_workshop())
    unmet = replace(
        _workshop(), interactions=tuple(i for i in _workshop().interactions if CHEN not in i.participants)
    )
    assert "陈磊" not in asked(unmet) and "a supporter who knows them" in asked(unmet)
