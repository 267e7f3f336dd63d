"""MEDDPICC and the Blue Sheet are read from the map: each element's status follows the facts, the
score counts confirmed 1 and assumed ½, and the Blue Sheet lists the buying influences economic first."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis.qualification import MEDDPICC_ELEMENTS
from battlemap.analysis.types import DecisionFactorInfo

from .builders import CHEN, LI, WANG, ZHANG, ZHAO, healthy_snapshot, with_deal, with_stakeholder


def qualification(snapshot, lang="en"):
    return analyze(snapshot, lang=lang).deals[0].qualification


def statuses(snapshot):
    return {e.code: e.status for e in qualification(snapshot).elements}


def test_every_element_is_reported_in_order_with_a_status():
    q = qualification(healthy_snapshot())
    assert tuple(e.code for e in q.elements) == MEDDPICC_ELEMENTS
    assert {e.status for e in q.elements} <= {"confirmed", "assumed", "unknown"}


def test_the_healthy_deal_statuses_follow_its_facts():
    # decision maker met, champion an advocate in touch, purchaser named, competitors listed,
    # customer win only (no metrics: the pain it states is assumed), no pains, no factors, stage history and close date
    assert statuses(healthy_snapshot()) == {
        "metrics": "assumed",
        "economic_buyer": "confirmed",
        "decision_criteria": "unknown",
        "decision_process": "assumed",
        "paper_process": "assumed",
        "identify_pain": "assumed",
        "champion": "confirmed",
        "competition": "confirmed",
    }
    assert qualification(healthy_snapshot()).score == round(100 * (3 + 4 * 0.5) / 8)


def test_filling_the_gaps_confirms_the_elements_and_raises_the_score():
    base = healthy_snapshot()
    filled = with_deal(
        base,
        metrics="Month-end close in 3 days by Q3",
        paper_process="Legal review, then the board signs",
        decision_factors=(DecisionFactorInfo("price", 3), DecisionFactorInfo("risk", 2)),
    )
    filled = replace(filled, account=replace(filled.account, pains="Month-end close takes 12 days"))
    got = statuses(filled)
    assert got["metrics"] == got["paper_process"] == got["identify_pain"] == "confirmed"
    # typed weights are the seller's estimate: assumed until the customer answers (test_factor_weights_advice)
    assert got["decision_criteria"] == "assumed"
    assert qualification(filled).score > qualification(base).score
    evidence = {e.code: e.evidence for e in qualification(filled, "zh").elements}
    assert any("价格 60%" in line for line in evidence["decision_criteria"])


def test_an_unmet_decision_maker_and_a_lukewarm_champion_are_only_assumed():
    snap = with_stakeholder(healthy_snapshot(), LI, attitude="neutral")
    snap = replace(snap, interactions=tuple(i for i in snap.interactions if WANG not in i.participants))
    got = statuses(snap)
    assert got["economic_buyer"] == "assumed" and got["champion"] == "assumed"
    nobody = with_stakeholder(with_stakeholder(snap, WANG, roles=()), LI, roles=("influencer",))
    got = statuses(nobody)
    assert got["economic_buyer"] == "unknown" and got["champion"] == "unknown"


def test_one_decision_maker_met_and_another_never_is_not_a_confirmed_economic_buyer():
    # a tester's finding: "economic buyer confirmed" beside the top red flag "周建国 is a decision maker we
    # have never met" (he chairs the approving body); now both are named and the element is only assumed
    snap = with_stakeholder(healthy_snapshot(), ZHAO, roles=("decision_maker",))
    snap = replace(snap, interactions=tuple(i for i in snap.interactions if ZHAO not in i.participants))
    element = next(e for e in qualification(snap).elements if e.code == "economic_buyer")
    assert element.status == "assumed" and set(element.people) == {WANG, ZHAO}
    assert any("王总" in line and "met" in line for line in element.evidence)
    assert any("赵博士" in line and "never met" in line for line in element.evidence)
    flags = {f.code for f in analyze(snap).deals[0].flags}
    assert "decision_maker_not_met" in flags


def test_the_blue_sheet_lists_buying_influences_economic_first_with_their_facts():
    snap = with_stakeholder(healthy_snapshot(), ZHAO, response_mode="trouble", favoured_competitor="Acme")
    sheet = analyze(snap).deals[0].blue_sheet
    assert [(row.person_id, row.kind) for row in sheet][:1] == [(WANG, "economic")]
    kinds = {row.person_id: row.kind for row in sheet}
    assert kinds[CHEN] == "user" and kinds[ZHANG] == "technical"
    li = next(row for row in sheet if row.person_id == LI)  # champion and influencer
    assert li.kind == "technical" and "coaches_us" in li.strengths
    zhao = next(row for row in sheet if row.person_id == ZHAO)
    assert zhao.response_mode == "trouble" and "competitor_favoured" not in zhao.red_flags  # influence 3
    wang = next(row for row in sheet if row.person_id == WANG)
    assert wang.degree == "high" and {"supporter", "met"} <= set(wang.strengths)
    assert wang.personal_win == "三年内上市" and wang.business_result == "Cut month-end close to 3 days"
    assert "met" not in zhao.strengths  # met, but a skeptic: no strength of ours (a sales manager's trial)


def test_a_mapped_purchase_process_confirms_the_decision_process():
    from battlemap.analysis.types import ProcessStepInfo

    from .builders import days_ago

    steps = (
        ProcessStepInfo(1, "project_approval", status="done", done_on=days_ago(30)),
        ProcessStepInfo(2, "bid_evaluation", planned_on=days_ago(-10), people=(WANG,)),
    )
    q = qualification(with_deal(healthy_snapshot(), process=steps), "en")
    element = next(e for e in q.elements if e.code == "decision_process")
    assert element.status == "confirmed" and element.people == (WANG,)
    assert "1 of 2 steps finished" in element.evidence[0] and "bid evaluation" in element.evidence[1]
    assert statuses(healthy_snapshot())["decision_process"] == "assumed"


def test_a_process_template_without_dates_is_only_assumed_and_says_the_next_step_has_no_date():
    # trial 23: seven empty steps of the tender template read "confirmed" and "下一步：立项，计划于 —"
    from battlemap.analysis.types import ProcessStepInfo

    from .builders import days_ago

    template = (ProcessStepInfo(1, "project_approval"), ProcessStepInfo(2, "budget"))
    element = next(
        e
        for e in qualification(with_deal(healthy_snapshot(), process=template), "en").elements
        if e.code == "decision_process"
    )
    assert element.status == "assumed"
    assert not any("—" in line for line in element.evidence)
    assert element.evidence[1] == "Next: project approval, with no planned date yet."
    assert "project approval" in element.evidence[2] and "budget" in element.evidence[2]
    dated = (
        ProcessStepInfo(1, "project_approval", status="done", done_on=days_ago(3)),
        ProcessStepInfo(2, "budget", planned_on=days_ago(-20)),
    )
    assert statuses(with_deal(healthy_snapshot(), process=dated))["decision_process"] == "confirmed"
