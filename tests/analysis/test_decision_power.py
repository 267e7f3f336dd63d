"""A seat on the body that decides, and the decision itself, are formal authority (seed 004 §1.1 权力, §1 决策团队):
the s38 coach saw a chief accountant on the 党委会 that decides score 30, below a department head at 60, and a
headquarters decision maker outside the local reporting tree 25, below a local user."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis.types import BodyInfo, BodyRoleInfo, PersonInfo, StakeholderInfo

from .builders import CHEN, DEAL, SUN, WANG, ZHANG, healthy_snapshot, with_deal

OFFICE, HQ = 50, 60


def influence(snapshot, lang="en"):
    return analyze(snapshot, lang=lang).influence


def with_office(rule, snapshot=None):
    # 总经理办公会 approves the deal; 孙秘书 (an assistant, nobody reports to her) sits on it beside 王总
    snap = snapshot or healthy_snapshot()
    body = BodyInfo(
        OFFICE, "总经理办公会", "executive_meeting", members=(WANG, SUN), chair=WANG, decision_rule=rule
    )
    snap = with_deal(snap, body_roles=(BodyRoleInfo(OFFICE, ("decision_maker",)),))
    return replace(snap, bodies=(body,))


def formal(score):
    return next(p.points for p in score.parts if p.name == "formal")


def test_a_seat_on_the_body_whose_chair_decides_is_formal_authority():
    before = influence(healthy_snapshot())
    after = influence(with_office("chair_decides"))
    # she gives the views the chair weighs: three quarters of the decision's formal authority
    assert formal(after[SUN]) == 30.0
    assert after[SUN].score == before[SUN].score + 30 - round(formal(before[SUN]))
    # the procurement head reporting to the CEO outranked her; the seat puts her above him
    assert before[SUN].score < before[ZHANG].score and after[SUN].score > after[ZHANG].score
    assert "seat on 总经理办公会, which decides ERP 升级" in after[SUN].drivers
    zh = influence(with_office("chair_decides"), "zh")[SUN].drivers
    assert any("总经理办公会" in d and "ERP 升级" in d for d in zh)
    # the chair who decides keeps his whole authority and stays on top
    assert formal(after[WANG]) == 40.0 and after[WANG].score == max(s.score for s in after.values())


def test_a_member_of_a_body_deciding_collectively_holds_the_decision():
    assert formal(influence(with_office("majority"))[SUN]) == 40.0


def test_a_decision_maker_outside_the_reporting_tree_has_formal_authority():
    snap = healthy_snapshot()
    hq = PersonInfo(HQ, "Global Category Manager", title="HQ procurement", placeholder=True)
    deal = snap.deals[0]
    snap = replace(
        snap,
        people=(*snap.people, hq),
        deals=(
            replace(
                deal, stakeholders=(*deal.stakeholders, StakeholderInfo(HQ, ("decision_maker",), influence=5))
            ),
        ),
    )
    scores = influence(snap)
    assert formal(scores[HQ]) == 40.0
    # above the CTO's operations lead, a user who reports inside the tree
    assert scores[HQ].score > scores[CHEN].score and scores[HQ].score > 60


def test_a_seat_on_a_body_of_a_closed_deal_adds_nothing():
    snap = with_office("majority")
    snap = replace(snap, deals=tuple(replace(d, status="lost") for d in snap.deals if d.id == DEAL))
    assert formal(influence(snap)[SUN]) == formal(influence(healthy_snapshot())[SUN])
