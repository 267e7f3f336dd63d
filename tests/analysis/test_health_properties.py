"""Deal health invariants, checked on many generated snapshots (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from battlemap.analysis import analyze
from battlemap.analysis.feedback_types import FeedbackInfo, Rating
from battlemap.analysis.flag_registry import FLAG_CODES
from battlemap.analysis.types import (
    AccountInfo,
    ActionItemInfo,
    BodyInfo,
    BodyRoleInfo,
    CloseMoveInfo,
    DealInfo,
    InteractionInfo,
    MapSnapshot,
    PersonInfo,
    ProcessStepInfo,
    StageChangeInfo,
    StakeholderInfo,
)
from battlemap.vocab import (
    ATTITUDE_VALUES,
    ATTITUDES,
    INTERACTION_KINDS,
    MEETING_KINDS,
    ROLES,
    STAGES,
)

from .builders import TODAY, days_ago, healthy_snapshot, with_stakeholder

ORDER = ["opponent", "skeptic", "neutral", "supporter", "advocate"]


@st.composite
def snapshots(draw):
    n = draw(st.integers(1, 6))
    people = tuple(
        PersonInfo(
            pid,
            f"P{pid}",
            status=draw(st.sampled_from(["active"] * 5 + ["left"])),
            external=draw(st.booleans()),
            personal_win=draw(st.sampled_from(["", "", "promotion"])),
        )
        for pid in range(1, n + 1)
    )
    stakeholders = tuple(
        StakeholderInfo(
            p.id,
            roles=tuple(draw(st.lists(st.sampled_from(ROLES), max_size=3, unique=True))),
            attitude=draw(st.sampled_from(ATTITUDES)),
            influence=draw(st.integers(1, 5)),
            relationship=draw(st.integers(0, 4)),
            favoured_competitor=draw(st.sampled_from(["", "", "Acme"])),
            plan=draw(st.sampled_from(["", "win them over"])),
        )
        for p in people
        if draw(st.integers(0, 4))
    )
    interactions = tuple(
        InteractionInfo(
            i,
            days_ago(draw(st.integers(0, 150))),
            draw(st.sampled_from(INTERACTION_KINDS)),
            tuple(draw(st.lists(st.integers(1, n), min_size=1, max_size=3, unique=True))),
        )
        for i in range(draw(st.integers(0, 8)))
    )
    items = tuple(
        ActionItemInfo(i, 1, "follow up", person_id=draw(st.integers(1, n)), done=draw(st.booleans()))
        for i in range(draw(st.integers(0, 2)))
    )
    deal = DealInfo(1, "Deal", stage=draw(st.sampled_from(STAGES)), stakeholders=stakeholders)
    return MapSnapshot(
        AccountInfo(1, "a", "A"),
        TODAY,
        people=people,
        deals=(deal,),
        interactions=interactions,
        action_items=items,
    )


def health(snapshot):
    return analyze(snapshot).deals[0].health.score


@settings(max_examples=150, deadline=None)
@given(snapshots())
def test_health_stays_within_0_and_100(snapshot):
    result = analyze(snapshot).deals[0].health
    assert 0 <= result.score <= 100
    assert all(p.points <= p.weight for p in result.parts if p.weight)


@settings(max_examples=150, deadline=None)
@given(snapshots(), st.data())
def test_improving_a_known_attitude_never_lowers_health(snapshot, data):
    improvable = [sh for sh in snapshot.deals[0].stakeholders if sh.attitude in ORDER[:-1]]
    if not improvable:
        return
    sh = data.draw(st.sampled_from(improvable))
    better = ORDER[ORDER.index(sh.attitude) + 1]
    assert health(with_stakeholder(snapshot, sh.person_id, attitude=better)) >= health(snapshot)


def _in_touch(snapshot):
    return {pid for i in snapshot.interactions if i.occurred_on <= snapshot.today for pid in i.participants}


def _meeting(data, person, most_days=120):
    return InteractionInfo(
        999,
        days_ago(data.draw(st.integers(0, most_days))),
        data.draw(st.sampled_from(MEETING_KINDS)),
        (person,),
    )


@settings(max_examples=150, deadline=None)
@given(snapshots(), st.data())
def test_logging_a_meeting_with_someone_in_touch_never_lowers_health(snapshot, data):
    in_touch = sorted(_in_touch(snapshot))
    if not in_touch:
        return
    person = data.draw(st.sampled_from(in_touch))
    logged = replace(snapshot, interactions=(*snapshot.interactions, _meeting(data, person)))
    assert health(logged) >= health(snapshot)


@settings(max_examples=150, deadline=None)
@given(snapshots(), st.data())
def test_a_first_meeting_never_lowers_health_once_what_we_learnt_is_recorded(snapshot, data):
    """Someone never in touch, met within `stale_days`, their attitude and personal win known, on a deal where we
    are in touch with one of the customer's people: the first contact makes what we do not know about them count
    (docs/analysis.md §4), so with nothing unknown it only adds. (Meeting the first of the customer's people shows
    the deal single-threaded: that may cost.)"""
    people = {p.id: p for p in snapshot.people}
    in_touch = _in_touch(snapshot)
    thread = any(
        sh.person_id in in_touch and people[sh.person_id].active and not people[sh.person_id].external
        for sh in snapshot.deals[0].stakeholders
    )
    never = [p.id for p in snapshot.people if p.id not in in_touch]
    if not never or not thread:
        return
    person = data.draw(st.sampled_from(never))
    known = data.draw(st.sampled_from(ORDER))
    for sh in snapshot.deals[0].stakeholders:
        if sh.person_id == person:
            attitude = sh.attitude if sh.attitude in ORDER else known
            snapshot = with_stakeholder(snapshot, person, attitude=attitude, personal_win="a promotion")
    met = replace(snapshot, interactions=(*snapshot.interactions, _meeting(data, person, most_days=45)))
    assert health(met) >= health(snapshot)


@settings(max_examples=200, deadline=None)
@given(snapshots(), st.data())
def test_naming_a_person_never_lowers_health(snapshot, data):
    """Seed 004 §3: identifying the decision maker (or any key person) is progress. A new stakeholder with any
    roles and influence, attitude unknown, never in touch: health never drops."""
    new = max(p.id for p in snapshot.people) + 1
    person = PersonInfo(
        new, "New", external=data.draw(st.booleans()), personal_win=data.draw(st.sampled_from(["", "x"]))
    )
    named = StakeholderInfo(
        new,
        roles=tuple(data.draw(st.lists(st.sampled_from(ROLES), max_size=3, unique=True))),
        influence=data.draw(st.integers(1, 5)),
        relationship=data.draw(st.integers(0, 4)),
    )
    deal = snapshot.deals[0]
    after = replace(
        snapshot,
        people=(*snapshot.people, person),
        deals=(replace(deal, stakeholders=(*deal.stakeholders, named)),),
    )
    assert health(after) >= health(snapshot)


@settings(max_examples=150, deadline=None)
@given(snapshots(), st.data())
def test_recording_a_key_persons_win_never_lowers_health(snapshot, data):
    key = [
        sh
        for sh in snapshot.deals[0].stakeholders
        if {"decision_maker", "champion"} & set(sh.roles) or sh.influence >= 4
    ]
    if not key:
        return
    sh = data.draw(st.sampled_from(key))
    assert health(with_stakeholder(snapshot, sh.person_id, personal_win="a promotion")) >= health(snapshot)


@st.composite
def worst_deals(draw):
    """Every flag that can be raised at once: all but no_decision_maker with a decision maker never met; with nobody
    deciding, all but decision_maker_not_met and approving_body_not_met (a body holding decision maker decides:
    coverage.deciders), so no approving body then."""
    has_decider = draw(st.booleans())
    people = [
        PersonInfo(1, "Boss"),
        PersonInfo(2, "Gone", status="left"),
        PersonInfo(3, "User"),
    ]
    core = [
        StakeholderInfo(
            1,
            ("decision_maker",) if has_decider else ("influencer",),
            attitude="opponent",
            influence=draw(st.integers(4, 5)),
            favoured_competitor="Acme",
            plan_cadence_days=draw(st.integers(1, 30)),  # last contact 46+ days ago: missed
        ),
        StakeholderInfo(2, ("champion",), attitude="advocate", influence=5, personal_win="x"),
        StakeholderInfo(
            3, ("user",), attitude=draw(st.sampled_from(ORDER)), influence=draw(st.integers(1, 3))
        ),
    ]
    extras = []
    for pid in range(4, 4 + draw(st.integers(0, 4))):
        people.append(PersonInfo(pid, f"P{pid}", personal_win="y"))
        extras.append(
            StakeholderInfo(
                pid,
                tuple(
                    draw(
                        st.lists(
                            st.sampled_from(["influencer", "coach", "gatekeeper"]), max_size=2, unique=True
                        )
                    )
                ),
                attitude=draw(st.sampled_from(ATTITUDES)),
                influence=draw(st.integers(1, 3)),
            )
        )
    interactions = [InteractionInfo(1, days_ago(draw(st.integers(46, 200))), "email", (1,))]
    for i, sh in enumerate(extras, start=2):
        interactions.append(
            InteractionInfo(
                i,
                days_ago(draw(st.integers(0 if i == 2 else 46, 200))),
                draw(st.sampled_from(INTERACTION_KINDS)),
                (sh.person_id,),
            )
        )
    stage = draw(st.sampled_from(["purchase_decision", "post_purchase"]))
    close = days_ago(draw(st.integers(1, 90)))
    deal = DealInfo(
        1,
        "Worst",
        stage=stage,
        stakeholders=tuple(core + extras),
        expected_close=close,
        stage_changes=(StageChangeInfo(stage, days_ago(draw(st.integers(100, 300)))),),
        # a contract step planned after the close, and an approving body nobody of which we met
        process=(
            ProcessStepInfo(1, "contract", planned_on=close + timedelta(days=draw(st.integers(1, 90)))),
        ),
        body_roles=(BodyRoleInfo(1, ("decision_maker",)),) if has_decider else (),
        # the close date pushed back twice lately, a month or more in all
        close_moves=(
            CloseMoveInfo(days_ago(60), close - timedelta(days=60), close - timedelta(days=30)),
            CloseMoveInfo(days_ago(20), close - timedelta(days=30), close),
        ),
    )
    # the customer's answers: the decision maker is dissatisfied and a detractor, at a "loyal" account
    unhappy = FeedbackInfo(
        1, 1, "satisfaction", days_ago(10), ratings=(Rating("product", draw(st.integers(1, 2))),), nps=3
    )
    return MapSnapshot(
        AccountInfo(1, "a", "A", lifecycle="loyal"),
        TODAY,
        people=tuple(people),
        deals=(deal,),
        interactions=tuple(interactions),
        bodies=(BodyInfo(1, "党委会", "party_committee", members=(2,)),),
        feedback=(unhappy,),
    )


@st.composite
def clean_deals(draw):
    """The healthy deal with random changes that raise no flag."""
    snap = healthy_snapshot()
    for pid in (3, 4, 5):  # purchaser, user and the outside influencer: not key people
        snap = with_stakeholder(
            snap, pid, attitude=draw(st.sampled_from(ATTITUDES)), relationship=draw(st.integers(0, 4))
        )
    snap = with_stakeholder(snap, 1, attitude=draw(st.sampled_from(["neutral", "supporter", "advocate"])))
    snap = replace(
        snap,
        interactions=tuple(
            replace(i, occurred_on=days_ago(draw(st.integers(0, 45)))) for i in snap.interactions
        ),
    )
    return snap


@settings(max_examples=100, deadline=None)
@given(worst_deals(), clean_deals())
def test_a_deal_with_every_flag_scores_below_one_with_none(worst, clean):
    worst_result, clean_result = analyze(worst).deals[0], analyze(clean).deals[0]
    raised = {f.code for f in worst_result.flags}
    # every flag but those that contradict another (no_decision_maker, or decision_maker_not_met and
    # approving_body_not_met: a body approving the deal decides it); "stalled" has no limit after the purchase
    stalled = worst.deals[0].stage != "post_purchase"
    nobody_decides = "decision_maker" not in worst.deals[0].stakeholders[0].roles
    assert len(raised) == len(FLAG_CODES) - 1 - nobody_decides - (not stalled)
    assert clean_result.flags == ()
    assert worst_result.health.score < clean_result.health.score


def test_unknown_attitude_is_a_coverage_gap_not_a_value():
    snap = healthy_snapshot()
    unknown = with_stakeholder(snap, 5, attitude="unknown")  # the skeptic becomes unknown
    before, after = analyze(snap).deals[0].health.parts, analyze(unknown).deals[0].health.parts
    assert after[0].points < before[0].points  # coverage drops: we no longer know
    assert after[1].points > before[1].points  # attitude mean no longer counts a skeptic
    assert "unknown" not in ATTITUDE_VALUES
