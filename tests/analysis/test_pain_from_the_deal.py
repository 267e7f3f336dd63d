"""MEDDPICC's "identify pain" reads the deal's own compelling event and business result as well as the
account portrait's pains and the people's concerns (review rev2, finding 6: a deal stating its compelling event
read "nothing on the map")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from battlemap.analysis import analyze

from .builders import healthy_snapshot, with_deal


def pain(snapshot, lang="en"):
    return next(
        e for e in analyze(snapshot, lang=lang).deals[0].qualification.elements if e.code == "identify_pain"
    )


def without_deal_pain(**changes):
    return with_deal(
        healthy_snapshot(), **{"customer_win": "", "metrics": "", "compelling_event": "", **changes}
    )


def test_a_deal_that_states_no_pain_and_an_account_with_none_is_unknown():
    element = pain(without_deal_pain())
    assert element.status == "unknown" and element.evidence == ()


def test_the_deals_compelling_event_and_its_date_are_evidence_of_pain():
    snap = without_deal_pain(compelling_event="国资委年底数字化考核", compelling_event_on=date(2027, 6, 30))
    element = pain(snap, "zh")
    assert element.status == "assumed"
    assert any("国资委年底数字化考核" in line and "2027-06-30" in line for line in element.evidence)


def test_the_business_result_the_customer_wants_is_evidence_of_pain():
    element = pain(without_deal_pain(customer_win="安全事故率下降 30%，满足国资委数字化考核"))
    assert element.status == "assumed"
    assert element.evidence == (
        "The business result the customer wants from the deal: 安全事故率下降 30%，满足国资委数字化考核",
    )


def test_the_metrics_stand_for_the_result_when_no_result_is_typed():
    element = pain(without_deal_pain(metrics="Month-end close in 3 days by Q3"))
    assert element.status == "assumed"
    assert any("Month-end close in 3 days by Q3" in line for line in element.evidence)


def test_the_portraits_pains_confirm_it_and_the_deals_facts_stay_beside_them():
    snap = without_deal_pain(compelling_event="Audit in March")
    snap = replace(snap, account=replace(snap.account, pains="Month-end close takes 12 days"))
    element = pain(snap)
    assert element.status == "confirmed"
    assert element.evidence[0] == "Pains on the account portrait: Month-end close takes 12 days"
    assert any("Audit in March" in line for line in element.evidence)
