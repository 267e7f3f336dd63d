"""Who decides a deal is one rule (coverage.deciders), read by every part of the analysis.

Review rev36, finding 2: a 党委会 recorded as the deal's collective decision maker (majority vote, all three
members met) still read "no decision maker identified" and MEDDPICC's economic buyer "unknown", and a meeting with
its members who hold no personal role counted for nothing in single_threaded. Finding 3: a deciding chair (主持人
拍板) was the economic buyer, yet the coverage table said nobody held decision maker, health missed its points and
the playbook gave him no ROI case (seed 001: "决策者通常关注产品的长期价值和投资回报率")."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from battlemap.analysis import analysis_json, analyze
from battlemap.analysis.types import BodyInfo, BodyRoleInfo, InteractionInfo, StakeholderInfo
from battlemap.vocab import DECISION_RULES

from .builders import (
    LI,
    SUN,
    TODAY,
    WANG,
    ZHANG,
    days_ago,
    healthy_snapshot,
    with_deal,
    with_stakeholder,
    without_interactions_of,
)

PARTY = 60


def committee(rule="majority", members=(WANG, LI, ZHANG), chair=WANG):
    return BodyInfo(PARTY, "党委会", "party_committee", members=members, chair=chair, decision_rule=rule)


def decided_by(body, snapshot=None, roles=("decision_maker",)):
    """The healthy deal with nobody holding decision maker (王总 is an influencer) and `body` holding `roles`."""
    snap = snapshot or with_stakeholder(healthy_snapshot(), WANG, roles=("influencer",))
    return replace(with_deal(snap, body_roles=(BodyRoleInfo(body.id, roles),)), bodies=(body,))


def deal_of(snapshot, lang="en"):
    return analyze(snapshot, lang=lang).deals[0]


def codes(snapshot):
    return {f.code for f in deal_of(snapshot).flags}


def economic_buyer(snapshot, lang="en"):
    return next(e for e in deal_of(snapshot, lang).qualification.elements if e.code == "economic_buyer")


def decision_row(snapshot):
    return next(row for row in deal_of(snapshot).coverage if row.role == "decision_maker")


def coverage_points(snapshot):
    return deal_of(snapshot).health.parts[0].points


def test_a_committee_deciding_by_majority_is_the_decision_maker():
    nobody = with_stakeholder(healthy_snapshot(), WANG, roles=("influencer",))
    assert "no_decision_maker" in codes(nobody)
    snap = decided_by(committee())  # 王总, 李工 and 张经理 all met lately
    assert not {"no_decision_maker", "decision_maker_not_met", "approving_body_not_met"} & codes(snap)
    element = economic_buyer(snap)
    assert element.status == "confirmed"
    assert element.evidence == ("党委会 decides as a body (majority vote): we have met 3 of its 3 members.",)
    assert element.people == (WANG, LI, ZHANG)
    zh = economic_buyer(snap, "zh")
    assert zh.evidence == ("党委会集体决策（多数表决）：其 3 位成员中我们已见过 3 位。",)
    row = decision_row(snap)
    assert row.held and row.met and row.holders == ()
    assert [(b.name, b.chair, b.reached) for b in row.bodies] == [("党委会", None, True)]
    # health's coverage earns the decision maker's points, as with a person deciding whom we met
    assert coverage_points(snap) > coverage_points(nobody)
    assert coverage_points(snap) == coverage_points(healthy_snapshot())


def test_a_committee_is_reached_by_a_majority_of_its_seated_members_or_all_by_consensus():
    # 孙秘书 sits on it and was never met: 3 of 4 met is a majority, not a consensus
    four = (WANG, LI, ZHANG, SUN)
    assert economic_buyer(decided_by(committee(members=four))).status == "confirmed"
    consensus = economic_buyer(decided_by(committee("consensus", members=four)))
    assert consensus.status == "assumed"
    assert consensus.evidence == ("党委会 decides as a body (consensus): we have met 3 of its 4 members.",)
    # a member not on the map is not seated: 王总 and 李工 met of 王总, 孙秘书 and 李工 is a majority
    assert economic_buyer(decided_by(committee(members=(WANG, SUN, LI, 77)))).status == "confirmed"
    # 1 of 2 is none: assumed, and the row is held but not met (half the decision maker's points)
    one_of_two = decided_by(committee(members=(WANG, SUN)))
    assert economic_buyer(one_of_two).status == "assumed"
    assert economic_buyer(one_of_two).evidence == (
        "党委会 decides as a body (majority vote): we have met 1 of its 2 members.",
    )
    assert decision_row(one_of_two).held and not decision_row(one_of_two).met
    assert coverage_points(one_of_two) < coverage_points(decided_by(committee()))


def test_a_committee_whose_members_we_do_not_know_decides_but_is_not_reached():
    snap = decided_by(committee(members=(), chair=None))
    assert "no_decision_maker" not in codes(snap) and "approving_body_not_met" in codes(snap)
    element = economic_buyer(snap)
    assert element.status == "assumed" and element.people == ()
    assert element.evidence == (
        "党委会 decides as a body (majority vote), and we do not know who sits on it.",
    )


def test_a_body_its_chair_decides_with_no_chair_still_there_is_carried_by_its_members():
    snap = decided_by(committee("chair_decides", chair=SUN + 100))  # the chair is not on the map
    assert "no_decision_maker" not in codes(snap)
    element = economic_buyer(snap)
    assert element.status == "confirmed"
    assert "no chair still with the customer is on the map" in element.evidence[0]


def test_a_body_that_only_advises_decides_nothing():
    snap = decided_by(committee(), roles=("influencer",))
    assert "no_decision_maker" in codes(snap)
    assert economic_buyer(snap).status == "unknown" and not decision_row(snap).held


def single_thread():
    """张经理 the only stakeholder; 王总, on no role, was in the same meeting five days ago."""
    snap = healthy_snapshot()
    snap = with_deal(snap, stakeholders=(StakeholderInfo(ZHANG, ("influencer",), influence=3),))
    return replace(snap, interactions=(InteractionInfo(400, days_ago(5), "meeting", (ZHANG, WANG)),))


def test_engaged_members_of_the_approving_body_count_against_single_threaded():
    alone = single_thread()
    flag = next(f for f in deal_of(alone).flags if f.code == "single_threaded")
    assert flag.people == (ZHANG,)
    snap = decided_by(committee(members=(WANG, ZHANG)), snapshot=alone)
    assert "single_threaded" not in codes(snap)
    # a body that does not approve the deal does not thread it
    assert "single_threaded" in codes(decided_by(committee(members=(WANG, ZHANG)), alone, ("influencer",)))


def office(chair=ZHANG):
    return BodyInfo(
        61,
        "总经理办公会",
        "executive_meeting",
        members=(chair, LI),
        chair=chair,
        decision_rule="chair_decides",
    )


def test_a_deciding_chair_holds_the_decision_maker_row_earns_its_points_and_gets_the_roi_case():
    nobody = with_stakeholder(healthy_snapshot(), WANG, roles=("influencer",))
    snap = decided_by(office(), snapshot=nobody)  # 张经理, purchaser, met by call, chairs it
    holder = decision_row(snap).holders
    assert [(h.person_id, h.chair_of, h.met) for h in holder] == [(ZHANG, ("总经理办公会",), True)]
    # the same health coverage as if the seller had given him the role
    given = decided_by(
        office(), snapshot=with_stakeholder(nobody, ZHANG, roles=("purchaser", "decision_maker"))
    )
    assert coverage_points(snap) == coverage_points(given) > coverage_points(nobody)
    roi = next(p for p in deal_of(snap).playbook if p.code == "roi_case")
    assert roi.people == (ZHANG,) and roi.text == "Prepare an ROI case and the long-term value for 张经理."
    zh = next(p for p in deal_of(snap, "zh").playbook if p.code == "roi_case")
    assert "张经理" in zh.text
    # a supportive chair is told to keep the support, as a supportive decision maker is
    fan = decided_by(office(), snapshot=with_stakeholder(nobody, ZHANG, attitude="supporter"))
    assert [p.people for p in deal_of(fan).playbook if p.code == "keep_support"] == [(ZHANG,)]
    # the JSON the deal room, the API and the PDF read
    row = next(
        r for r in analysis_json(analyze(snap))["deals"][0]["coverage"] if r["role"] == "decision_maker"
    )
    assert row["held"] and row["met"] and row["people"][0]["chair_of"] == ["总经理办公会"]
    assert row["bodies"] == [
        {
            "id": 61,
            "name": "总经理办公会",
            "decision_rule": "chair_decides",
            "chair": ZHANG,
            "seated": [ZHANG, LI],
            "met": [ZHANG, LI],
            "reached": True,
            "sealed": False,
        }
    ]


def test_a_deciding_chair_with_no_part_in_the_deal_is_reached_through_his_body():
    nobody = with_stakeholder(healthy_snapshot(), WANG, roles=("influencer",))
    snap = decided_by(office(chair=SUN), snapshot=nobody)  # 孙秘书 holds no part and was never met
    row = decision_row(snap)
    assert row.holders == () and row.held and not row.met
    met = replace(snap, interactions=(*snap.interactions, InteractionInfo(401, TODAY, "meeting", (SUN,))))
    assert decision_row(met).met and coverage_points(met) > coverage_points(snap)


STATUS_RANK = {"unknown": 0, "assumed": 1, "confirmed": 2}


@st.composite
def bodies_deciding(draw):
    """The healthy deal, 王总 decision maker or not, and a body holding decision maker with any rule, chair and
    members (some never met: 孙秘书, and a member not on the map)."""
    snap = healthy_snapshot()
    if draw(st.booleans()):
        snap = with_stakeholder(snap, WANG, roles=("influencer",))
    members = tuple(draw(st.lists(st.sampled_from([WANG, LI, ZHANG, SUN, 77]), unique=True, max_size=5)))
    chair = draw(st.sampled_from([None, WANG, SUN, 77]))
    rule = draw(st.sampled_from(list(DECISION_RULES)))
    snap = without_interactions_of(snap, draw(st.sampled_from([WANG, LI, ZHANG])))
    return decided_by(committee(rule, members=members, chair=chair), snapshot=snap)


@settings(max_examples=80, deadline=None)
@given(bodies_deciding(), st.sampled_from([WANG, LI, ZHANG, SUN]))
def test_meeting_anyone_never_lowers_health_nor_the_economic_buyer(snap, person):
    """docs/analysis.md §4: logging a meeting with anyone never lowers health — a member of a body deciding the
    deal included; nor does it take MEDDPICC's economic buyer back from confirmed."""
    after = replace(
        snap, interactions=(*snap.interactions, InteractionInfo(500, TODAY, "meeting", (person,)))
    )
    before_deal, after_deal = deal_of(snap), deal_of(after)
    assert after_deal.health.score >= before_deal.health.score
    assert after_deal.health.parts[0].points >= before_deal.health.parts[0].points
    assert STATUS_RANK[economic_buyer(after).status] >= STATUS_RANK[economic_buyer(snap).status]
    # a body approving the deal decides it: never "no decision maker" beside it
    assert "no_decision_maker" not in codes(snap)
