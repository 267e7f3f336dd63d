"""Nobody on a tender's bid evaluation committee is to be met, introduced or called on — its chair included, when the
committee is set to decide by its chair (招标投标法 第三十七条: the members are secret until the award; 第四十四条: they
may not meet a bidder in private). One rule, coverage.sealed, read by who decides, the flags, the introductions, the
playbook, MEDDPICC's economic buyer and the Blue Sheet."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis import types as t

from .test_tender import DEAN, VICE, hospital_tender


def chaired_tender() -> t.MapSnapshot:
    """The hospital's tender, its 评标委员会 deciding by its chair 赵副院长 (a stakeholder, never met, influence 5)."""
    snap = hospital_tender(members=(VICE, DEAN))
    committee = replace(snap.bodies[0], decision_rule="chair_decides", chair=VICE)
    deal = snap.deals[0]
    deal = replace(
        deal,
        stakeholders=(
            *deal.stakeholders,
            t.StakeholderInfo(VICE, ("influencer",), attitude="neutral", influence=5),
        ),
    )
    return replace(snap, bodies=(committee,), deals=(deal,))


def test_a_committee_deciding_by_its_chair_does_not_send_us_to_its_chair():
    for lang in ("zh-hans", "en"):
        deal = analyze(chaired_tender(), lang=lang).deals[0]
        codes = [f.code for f in deal.flags]
        assert "decision_maker_not_met" not in codes and "approving_body_not_met" not in codes
        assert (
            "stale_relationship" not in codes
        )  # 赵副院长, influence 5, never in touch: not to be got in touch with
        assert not any(VICE in f.people or DEAN in f.people for f in deal.flags)
        assert not any(VICE in p.people or DEAN in p.people for p in deal.playbook)
        assert "champion_no_path" not in [p.code for p in deal.playbook]
        assert deal.playbook[0].code == "win_on_paper"
        eb = next(e for e in deal.qualification.elements if e.code == "economic_buyer")
        assert eb.status == "assumed" and VICE not in eb.people
        assert not any("赵副院长" in line for line in eb.evidence)
        assert all(b.kind != "economic" for b in deal.blue_sheet)
        row = next(r for r in deal.coverage if r.role == "decision_maker")
        assert row.holders == ()  # not "decides as chair of 评标委员会"
    [line] = next(
        e for e in analyze(chaired_tender()).deals[0].qualification.elements if e.code == "economic_buyer"
    ).evidence
    assert "评标委员会 decides by scoring the bids" in line and "won on paper" in line


def test_nobody_on_the_committee_is_offered_as_the_way_in():
    """A decision maker outside the committee, never met: the way in is not 赵副院长, who sits on it (though the
    reporting line ties him to the dean and we met him)."""
    snap = chaired_tender()
    deal = snap.deals[0]
    deal = replace(
        deal,
        stakeholders=(
            *deal.stakeholders,
            t.StakeholderInfo(DEAN, ("decision_maker",), attitude="neutral", influence=5),
        ),
    )
    snap = replace(
        snap,
        bodies=(replace(snap.bodies[0], members=(VICE,)),),
        deals=(deal,),
        interactions=(
            *snap.interactions,
            t.InteractionInfo(2, snap.interactions[0].occurred_on, "meeting", (VICE,)),
        ),
    )
    [flag] = [f for f in analyze(snap, lang="zh-hans").deals[0].flags if f.code == "decision_maker_not_met"]
    assert flag.people == (DEAN,) and "赵副院长" not in flag.action and "周主任" in flag.action


def test_the_same_body_as_a_procurement_committee_still_sends_us_to_its_chair():
    snap = chaired_tender()
    snap = replace(snap, bodies=(replace(snap.bodies[0], kind="procurement_committee"),))
    deal = analyze(snap).deals[0]
    [flag] = [f for f in deal.flags if f.code == "decision_maker_not_met"]
    assert flag.people == (VICE,)


def test_a_bid_committee_that_only_gatekeeps_seals_nobody():
    """The demo's 评标委员会 is a gatekeeper: its members are the customer's staff, still to be met and called on."""
    snap = chaired_tender()
    deal = replace(snap.deals[0], body_roles=(t.BodyRoleInfo(snap.bodies[0].id, ("gatekeeper",)),))
    deal = analyze(replace(snap, deals=(deal,))).deals[0]
    assert [f.people for f in deal.flags if f.code == "stale_relationship"] == [(VICE,)]
    assert any(p.code == "expert_evidence" and VICE in p.people for p in deal.playbook)


def test_a_tender_decided_only_by_its_bid_committee_is_no_gap_in_coverage_or_health():
    """Only the 评标委员会 decides: the decision-maker row is "not to be met" — neither "held, not met", half points
    taken off health for a meeting no bidder may have, nor met; the same deal with a hospital 院长办公会 deciding
    (a body we may meet, never met) still counts the gap."""
    snap = hospital_tender(members=(VICE, DEAN))
    deal = analyze(snap).deals[0]
    row = next(r for r in deal.coverage if r.role == "decision_maker")
    assert row.not_to_meet and [b.sealed for b in row.bodies] == [True] and not row.met
    office = analyze(hospital_tender(kind="other_body", members=(VICE, DEAN))).deals[0]
    open_row = next(r for r in office.coverage if r.role == "decision_maker")
    assert not open_row.not_to_meet and open_row.held and not open_row.met
    coverage = {p.name: p.points for p in deal.health.parts}["coverage"]
    open_coverage = {p.name: p.points for p in office.health.parts}["coverage"]
    # the tender's coverage reads the other roles only: higher than the gap the open body leaves
    assert coverage > open_coverage
    # meeting a committee member earns nothing either: the row is left out, not met
    met = replace(
        snap, interactions=(*snap.interactions, t.InteractionInfo(2, snap.today, "meeting", (DEAN, VICE)))
    )
    assert {p.name: p.points for p in analyze(met).deals[0].health.parts}["coverage"] == coverage
