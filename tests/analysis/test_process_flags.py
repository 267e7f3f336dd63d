"""The purchase-process flags: the close date before the process can finish, and an approving body
none of whose members we have met. Each fires, and stays quiet on a snapshot one detail away."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from battlemap.analysis import analyze
from battlemap.analysis.settings import AnalysisSettings
from battlemap.analysis.types import BodyInfo, BodyRoleInfo, InteractionInfo, ProcessStepInfo

from .builders import SUN, TODAY, WANG, ZHANG, healthy_snapshot, with_deal

CLOSE = TODAY + timedelta(days=30)  # the healthy deal's expected close
PARTY = 50


def flags_of(snapshot, lang="en", settings=None):
    return {f.code: f for f in analyze(snapshot, lang=lang, settings=settings).deals[0].flags}


def with_process(*steps: ProcessStepInfo, **deal):
    return with_deal(healthy_snapshot(), process=steps, **deal)


def test_a_healthy_deal_with_a_process_that_ends_by_the_close_raises_nothing():
    snap = with_process(
        ProcessStepInfo(1, "project_approval", status="done", planned_on=TODAY - timedelta(days=40)),
        ProcessStepInfo(2, "bid_evaluation", planned_on=CLOSE - timedelta(days=10)),
        ProcessStepInfo(3, "contract", planned_on=CLOSE),
    )
    assert flags_of(snap) == {}


def test_it_flags_a_remaining_step_planned_after_the_close():
    snap = with_process(
        ProcessStepInfo(1, "bid_evaluation", planned_on=CLOSE - timedelta(days=10)),
        ProcessStepInfo(2, "contract", planned_on=CLOSE + timedelta(days=1)),
    )
    flag = flags_of(snap)["process_outlasts_close"]
    assert flag.severity == "medium"
    assert CLOSE.isoformat() in flag.reason and "contract" in flag.reason
    assert (CLOSE + timedelta(days=1)).isoformat() in flag.reason
    zh = flags_of(snap, "zh")["process_outlasts_close"]
    assert "合同" in zh.reason


def test_it_names_the_last_late_step_and_its_own_name():
    snap = with_process(
        ProcessStepInfo(1, "award", planned_on=CLOSE + timedelta(days=5)),
        ProcessStepInfo(2, "contract", name="签订框架协议", planned_on=CLOSE + timedelta(days=20)),
    )
    assert "签订框架协议" in flags_of(snap)["process_outlasts_close"].reason


def test_a_late_step_already_done_or_skipped_or_undated_is_no_reason():
    for step in (
        ProcessStepInfo(1, "contract", status="done", planned_on=CLOSE + timedelta(days=5)),
        ProcessStepInfo(1, "contract", status="skipped", planned_on=CLOSE + timedelta(days=5)),
        ProcessStepInfo(1, "contract"),
    ):
        assert "process_outlasts_close" not in flags_of(with_process(step))


def test_without_a_close_date_the_process_cannot_outlast_it():
    late = ProcessStepInfo(1, "contract", planned_on=CLOSE + timedelta(days=5))
    assert "process_outlasts_close" not in flags_of(with_process(late, expected_close=None))


def test_the_slack_is_a_setting():
    late = with_process(ProcessStepInfo(1, "contract", planned_on=CLOSE + timedelta(days=5)))
    assert "process_outlasts_close" not in flags_of(late, settings=AnalysisSettings(process_slack_days=5))
    assert "process_outlasts_close" in flags_of(late, settings=AnalysisSettings(process_slack_days=4))


# --- the approving body -----------------------------------------------------------------------------


def with_body(members, roles=("decision_maker",), interactions=None):
    snap = with_deal(healthy_snapshot(), body_roles=(BodyRoleInfo(PARTY, roles),))
    snap = replace(
        snap,
        bodies=(
            BodyInfo(
                PARTY, "党委会", "party_committee", members=members, chair=members[0] if members else None
            ),
        ),
    )
    return snap if interactions is None else replace(snap, interactions=interactions)


def test_an_approving_body_with_a_member_we_met_raises_nothing():
    assert flags_of(with_body((SUN, WANG))) == {}  # 王总 was met five days ago


def test_it_flags_an_approving_body_none_of_whose_members_we_met():
    flag = flags_of(with_body((SUN,)))["approving_body_not_met"]
    assert flag.severity == "high"
    assert flag.people == (SUN,)
    assert "党委会" in flag.reason and "孙秘书" in flag.reason
    assert "党委会" in flags_of(with_body((SUN,)), "zh")["approving_body_not_met"].action


def test_an_email_is_not_a_meeting():
    emailed = (*healthy_snapshot().interactions, InteractionInfo(300, TODAY, "email", (SUN,)))
    assert "approving_body_not_met" in flags_of(with_body((SUN,), interactions=emailed))
    met = (*healthy_snapshot().interactions, InteractionInfo(300, TODAY, "meeting", (SUN,)))
    assert "approving_body_not_met" not in flags_of(with_body((SUN,), interactions=met))


def test_a_body_that_only_advises_is_not_an_approving_body():
    assert "approving_body_not_met" not in flags_of(with_body((SUN,), roles=("influencer",)))


def test_a_body_whose_members_we_do_not_know_says_so():
    flag = flags_of(with_body(()))["approving_body_not_met"]
    assert flag.people == ()
    assert "do not know who sits on it" in flag.reason


def test_the_approving_roles_are_a_setting():
    snap = with_body((SUN,), roles=("purchaser",))
    assert "approving_body_not_met" not in flags_of(snap)
    wider = AnalysisSettings(approving_roles=("decision_maker", "purchaser"))
    assert "approving_body_not_met" in flags_of(snap, settings=wider)


def test_bodies_sit_on_the_influence_circle():
    analysis = analyze(with_body((SUN, ZHANG)), lang="en")
    ring = {(r.kind, r.id): r for r in analysis.rings}[("body", PARTY)]
    assert ring.ring == "decision_unit" and "party committee" in ring.reason
    advises = analyze(with_body((SUN,), roles=("influencer",)), lang="zh")
    assert {(r.kind, r.id): r.ring for r in advises.rings}[("body", PARTY)] == "deal_roles"
    assert analysis.bodies_met[PARTY] == (ZHANG,)  # 张经理 had a call: met; 孙秘书 never
