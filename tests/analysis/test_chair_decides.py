"""A decision body whose chair decides (主持人拍板): its chair is a decision maker of the deals it approves, and
meeting another member does not count as meeting the body (review rev2, finding 3: meeting a deputy cleared
"approval body never met" and the chair who decides was never named)."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis.settings import AnalysisSettings
from battlemap.analysis.types import BodyInfo, BodyRoleInfo, InteractionInfo

from .builders import (
    SUN,
    TODAY,
    WANG,
    ZHANG,
    ZHAO,
    healthy_snapshot,
    with_deal,
    with_person,
    with_stakeholder,
)

PARTY, BID = 50, 51


def with_bodies(*bodies, snapshot=None, roles=("decision_maker",)):
    snap = snapshot or healthy_snapshot()
    snap = with_deal(snap, body_roles=tuple(BodyRoleInfo(b.id, roles) for b in bodies))
    return replace(snap, bodies=bodies)


def office(rule="chair_decides", chair=SUN, members=(SUN, WANG)):
    # 总经理办公会: 孙秘书 chairs it; 王总, whom we met five days ago, sits on it
    return BodyInfo(
        PARTY, "总经理办公会", "executive_meeting", members=members, chair=chair, decision_rule=rule
    )


def result(snapshot, lang="en"):
    return analyze(snapshot, lang=lang).deals[0]


def flags_of(snapshot, lang="en"):
    return {f.code: f for f in result(snapshot, lang).flags}


def met(snapshot, person):
    return replace(
        snapshot, interactions=(*snapshot.interactions, InteractionInfo(300, TODAY, "meeting", (person,)))
    )


def test_a_member_met_does_not_carry_a_body_its_chair_decides():
    flag = flags_of(with_bodies(office()))["decision_maker_not_met"]
    assert flag.people == (SUN,)
    # the member we met there can introduce us, before the body decides
    assert "before 总经理办公会 decides" in flag.action and "王总, whom we have met there" in flag.action
    # 王总, 孙秘书's manager, is her strongest bridge: named once, then the champion
    assert "through 王总, whom we have met there, 李工, or a visit" in flag.action
    zh = flags_of(with_bodies(office()), "zh")["decision_maker_not_met"]
    assert "在总经理办公会做决定之前" in zh.action and "在那里见过的成员王总" in zh.action


def test_the_chair_who_decides_is_asked_for_once():
    # one person, one request: a coach read "Ask for a meeting with 王振华" and "Meet 王振华, who has the final say
    # in 集团党委会" as two high flags one above the other, and the deal paid for the one missing meeting twice
    deal = result(with_bodies(office()))
    assert [f.code for f in deal.flags] == ["decision_maker_not_met"]
    assert sum("孙秘书" in a.text for a in deal.playbook) == 1
    penalty = AnalysisSettings().severity_penalty["high"]
    assert dict((p.name, p.points) for p in deal.health.parts)["open_flags"] == -penalty
    # the chair is the only one who decides (王总 only advises now): still one flag, one penalty
    alone = with_stakeholder(with_bodies(office()), WANG, roles=("influencer",))
    deal = result(alone)
    assert [f.code for f in deal.flags] == ["decision_maker_not_met"]
    assert dict((p.name, p.points) for p in deal.health.parts)["open_flags"] == -penalty


def test_by_a_majority_a_member_met_is_enough():
    assert "approving_body_not_met" not in flags_of(with_bodies(office(rule="majority")))
    assert "approving_body_not_met" not in flags_of(with_bodies(office(rule="consensus")))


def test_meeting_the_chair_clears_both_flags():
    snap = met(with_bodies(office()), SUN)
    assert not {"approving_body_not_met", "decision_maker_not_met"} & set(flags_of(snap))


def test_the_chair_who_decides_is_a_decision_maker_never_met():
    flag = flags_of(with_bodies(office()))["decision_maker_not_met"]
    assert flag.people == (SUN,)  # 孙秘书 holds no role in the deal; 王总, the decision maker, was met
    # a body that only advises makes its chair no decision maker
    assert "decision_maker_not_met" not in flags_of(with_bodies(office(), roles=("influencer",)))


def test_a_deal_with_a_deciding_chair_has_a_decision_maker():
    nobody = with_stakeholder(healthy_snapshot(), WANG, roles=("influencer",))
    assert "no_decision_maker" in flags_of(nobody)
    got = flags_of(with_bodies(office(), snapshot=nobody))
    assert "no_decision_maker" not in got and got["decision_maker_not_met"].people == (SUN,)


def test_a_chair_who_left_decides_nothing_and_the_body_falls_back_to_its_members():
    snap = with_person(with_bodies(office()), SUN, status="left")
    assert not {"approving_body_not_met", "decision_maker_not_met"} & set(flags_of(snap))


def test_a_body_never_met_and_a_chair_never_met_are_each_asked_for_once():
    # a procurement committee: a tender's 评标委员会 is not to be met at all (test_tender.py)
    bid = BodyInfo(BID, "采购委员会", "procurement_committee", members=(ZHAO,), chair=ZHAO)
    snap = with_bodies(office(), bid)
    snap = replace(snap, interactions=tuple(i for i in snap.interactions if ZHAO not in i.participants))
    flags = flags_of(snap)
    assert flags["approving_body_not_met"].people == (ZHAO,)
    assert (
        "采购委员会 approves this deal, but we have never met any of its members"
        in flags["approving_body_not_met"].reason
    )
    assert "孙秘书" not in flags["approving_body_not_met"].reason
    assert flags["decision_maker_not_met"].people == (SUN,)
    zh = flags_of(snap, "zh")["approving_body_not_met"]
    assert "采购委员会" in zh.reason and "孙秘书" not in zh.reason


def test_the_deciding_chair_is_an_economic_buyer_in_meddpicc_and_the_blue_sheet():
    deal = result(with_bodies(office(chair=ZHANG, members=(ZHANG, WANG))))
    element = next(e for e in deal.qualification.elements if e.code == "economic_buyer")
    assert element.people == (WANG, ZHANG) and element.status == "confirmed"  # both met (张经理 by call)
    assert (
        "张经理 chairs 总经理办公会, where the chair has the final say, and we have met them."
        in element.evidence
    )
    row = next(r for r in deal.blue_sheet if r.person_id == ZHANG)
    assert row.kind == "economic" and row.roles == ("purchaser",)
    unmet = result(with_bodies(office()))  # 孙秘书 chairs, never met
    element = next(e for e in unmet.qualification.elements if e.code == "economic_buyer")
    assert element.status == "assumed" and element.people == (WANG, SUN)
    assert element.evidence == (
        "王总 decides and we have met them.",
        "孙秘书 chairs 总经理办公会, where the chair has the final say, but we have never met them.",
    )
