"""The influence circle's rings (analysis.circle): where an outside person with a role in a deal belongs.
The trial's 郑教授 (行业专家 of 江南省卫健委, 影响者 in the deal) was drawn in ring 2 while ring 4 "外部人员与机构"
said "空缺"."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis.circle import influence_circle

from .builders import ZHAO, healthy_snapshot, with_stakeholder


def test_an_outside_expert_with_a_role_is_on_the_outside_ring_with_the_role_said():
    """Seeds (客户影响圈): influencers include industry experts and consultants; DESIGN.md §2 puts them in
    the outside ring. The healthy snapshot's 赵博士 (consultant of 设计院) is an influencer in the deal."""
    rings = {(r.kind, r.id): r for r in influence_circle(healthy_snapshot(), "zh_Hans")}
    zhao = rings[("person", ZHAO)]
    assert zhao.ring == "outside"
    assert "设计院" in zhao.reason and "影响者" in zhao.reason
    english = {(r.kind, r.id): r for r in influence_circle(healthy_snapshot(), "en")}[("person", ZHAO)]
    assert "influencer" in english.reason and "outside the customer" in english.reason


def test_an_outside_decision_maker_is_on_the_outside_ring_with_the_role_said():
    """An outside expert who decides for the deal was drawn in the decision unit, read as one of the
    customer's own decision makers; outside people belong on the outside ring, their role said (and
    drawn as a badge)."""
    snap = with_stakeholder(healthy_snapshot(), ZHAO, roles=("decision_maker",))
    zhao = {(r.kind, r.id): r for r in influence_circle(snap, "en")}[("person", ZHAO)]
    assert zhao.ring == "outside"
    assert "outside the customer" in zhao.reason and "decision maker" in zhao.reason
    chinese = {(r.kind, r.id): r for r in influence_circle(snap, "zh_Hans")}[("person", ZHAO)]
    assert chinese.ring == "outside" and "设计院" in chinese.reason and "决策者" in chinese.reason


def test_an_outside_person_who_left_stays_outside():
    snap = healthy_snapshot()
    snap = replace(snap, people=tuple(replace(p, status="left") if p.id == ZHAO else p for p in snap.people))
    rings = {(r.kind, r.id): r for r in influence_circle(snap, "en")}
    assert rings[("person", ZHAO)].ring == "outside"
