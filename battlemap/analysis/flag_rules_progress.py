"""The red flags about the course of a deal: its close date, time in stage, next steps, contact
cadence, purchase process and approving bodies, and the customer's answers after the sale
(registered with `@flag`, run by `flags.deal_flags`)."""

from __future__ import annotations

from datetime import date

from battlemap.vocab import PLAN_CHANNELS, PROCESS_STEPS, STEP_FINISHED

from . import flag_texts as texts
from .coverage import met_members, seated_members
from .flag_registry import DealFacts, Raised, flag
from .flag_rules_people import introducers
from .i18n import join_names, label, tr
from .settings import AnalysisSettings
from .types import DealInfo, ProcessStepInfo


@flag("close_date_passed")
def close_date_passed(f: DealFacts) -> Raised:
    """Raised when today is more than `close_slip_days` past the deal's expected close."""
    close = f.deal.expected_close
    if close is None:
        return None
    late = (f.today - close).days
    if late <= f.settings.close_slip_days:
        return None
    return [], {"close": close.isoformat(), "days": late}


@flag("close_date_pushed")
def close_date_pushed(f: DealFacts) -> Raised:
    """Raised when, within `close_push_window_days` before today and since the date was last pulled in, the
    expected close moved later `close_push_times` times or more, or by `close_push_days` days or more in all. A sales manager's trial: a
    close date pushed six weeks, beside a jump of stage, read as progress. `moves` lists the dates in turn."""
    since = f.today.toordinal() - f.settings.close_push_window_days
    moved = [m for m in f.deal.close_moves if m.moved_on.toordinal() >= since]
    # a date pulled back earlier starts afresh: only the pushes since the last pull-in count (a fresh reviewer saw
    # one 17-day push after a pull-back flagged with the pushes before it)
    pulled = [i for i, m in enumerate(moved) if m.after < m.before]
    moved = moved[pulled[-1] + 1 :] if pulled else moved
    if not moved:
        return None
    days = (moved[-1].after - moved[0].before).days
    later = sum(1 for m in moved if m.after > m.before)
    if days <= 0 or (later < f.settings.close_push_times and days < f.settings.close_push_days):
        return None
    moves = " → ".join(d.isoformat() for d in [moved[0].before, *(m.after for m in moved)])
    return [], {"moves": moves, "days": days, "window": f.settings.close_push_window_days}


def days_in_stage(deal: DealInfo, today: date) -> int | None:
    """Days since the deal entered its current stage (its latest stage change to it); None when no
    stage change to it is recorded. The one rule: `stalled_in_stage` and the pipeline read it."""
    entered = [c.changed_on for c in deal.stage_changes if c.stage == deal.stage]
    return (today - max(entered)).days if entered else None


@flag("stalled_in_stage")
def stalled_in_stage(f: DealFacts) -> Raised:
    """Raised when `days_in_stage` exceeds `stage_limit_days[stage]` (0 or no recorded entry: never)."""
    limit = f.settings.stage_limit_days.get(f.deal.stage, 0)
    days = days_in_stage(f.deal, f.today)
    if not limit or days is None:
        return None
    if days <= limit:
        return None
    return [], {"stage": label(f.lang, f.deal.stage), "days": days, "limit": limit}


@flag("no_next_step")
def no_next_step(f: DealFacts) -> Raised:
    """Raised when the deal has no action item that is not done (an overdue one still counts)."""
    if any(a.deal_id == f.deal.id and not a.done for a in f.action_items):
        return None
    return [], {}


@flag("cadence_missed")
def cadence_missed(f: DealFacts) -> Raised:
    """Key people whose plan sets a contact cadence that has lapsed (+ `cadence_grace_days`). People
    never contacted at all are left to `stale_relationship`, which says so."""
    late = []
    for sh in f.approachable:
        days = f.contacts.days_since_contact(sh.person_id)
        if sh.plan_cadence_days and f.key(sh) and days is not None:
            if days > sh.plan_cadence_days + f.settings.cadence_grace_days:
                late.append((sh, days))
    if not late:
        return None
    first = late[0][0]
    channels = dict.fromkeys(
        PLAN_CHANNELS.label(sh.plan_channel, f.lang) for sh, _ in late if sh.plan_channel
    )
    return [sh.person_id for sh, _ in late], {
        "cadence": first.plan_cadence_days,
        "days": late[0][1],
        "channel": join_names(f.lang, channels) if channels else tr(f.lang, texts.PLANNED_CHANNEL),
    }


def step_title(step: ProcessStepInfo, lang: str) -> str:
    """A process step's own name, else its kind's label."""
    return step.name or PROCESS_STEPS.label(step.kind, lang)


def steps_after_close(deal: DealInfo, settings: AnalysisSettings) -> tuple[ProcessStepInfo, ...]:
    """The deal's steps not done or skipped planned more than `process_slack_days` after its expected close
    (none without a close date): the one rule of the flag `process_outlasts_close` and of the "after the
    expected close" mark on the step in the deal room, the PDF and the deck (the report's `after_close`)."""
    close = deal.expected_close
    if close is None:
        return ()
    return tuple(
        s
        for s in deal.process
        if s.status not in STEP_FINISHED
        and s.planned_on is not None
        and (s.planned_on - close).days > settings.process_slack_days
    )


@flag("process_outlasts_close")
def process_outlasts_close(f: DealFacts) -> Raised:
    """Raised when a step is planned after the expected close (`steps_after_close`)."""
    close = f.deal.expected_close
    late = steps_after_close(f.deal, f.settings)
    if close is None or not late:
        return None
    last = max(late, key=lambda s: s.planned_on or close)
    return [], {"close": close.isoformat(), "step": step_title(last, f.lang), "planned": str(last.planned_on)}


@flag("approving_body_not_met")
def approving_body_not_met(f: DealFacts) -> Raised:
    """Raised when a body holding one of `approving_roles` in the deal (`coverage.approving_bodies`) and deciding
    collectively has no seated member we met; concerns those members. A body its chair decides
    (`coverage.deciding_chair`) is left to `decision_maker_not_met`, which asks for its chair — the members we met
    give their views, the chair decides (seed 004 §1.2) — with the members we met there as a way in: one person, one
    request (a coach read "Ask for a meeting with 王振华" and "Meet 王振华, who has the final say in 集团党委会" as two
    high flags, the one missing meeting paid for twice). A tender's bid evaluation committee (`coverage.sealed`) is not
    to be met — its experts are secret until the award and may not be approached —: the playbook's `win_on_paper`."""
    never = [b for b in f.deciders().open_bodies if not met_members(b, f.people, f.contacts)]
    if not never:
        return None
    seated = [pid for b in never for pid in seated_members(b, f.people)]
    names = join_names(f.lang, [b.name for b in never])
    if not seated:
        return [], {"bodies": names, "_reason": texts.NOBODY_ON_BODY, "_action": texts.MAP_THE_BODY}
    return seated, {"bodies": names, "helpers": introducers(f, seated)}


@flag("low_satisfaction")
def low_satisfaction(f: DealFacts) -> Raised:
    """Raised for key people whose latest mean CSAT (1..5) is below `satisfaction_low_below`, or whose NPS
    fell by ≥ `nps_fall_points` since their previous answer (docs/analysis.md, docs/surveys.md)."""
    key = {sh.person_id for sh in f.active if f.key(sh)}
    low, details = [], []
    for pid in f.answered():
        if pid not in key:
            continue
        answers = f.feedback[pid]
        if answers.csat is not None and answers.csat < f.settings.satisfaction_low_below:
            low.append(pid)
            details.append(tr(f.lang, texts.CSAT_LOW, csat=f"{answers.csat:g}"))
        elif (
            answers.nps is not None
            and answers.previous_nps is not None
            and answers.previous_nps - answers.nps >= f.settings.nps_fall_points
        ):
            low.append(pid)
            details.append(tr(f.lang, texts.NPS_FELL, before=answers.previous_nps, after=answers.nps))
    if len(low) > 1:  # whose answer is whose; one person's answer stands without their name, named already
        details = [
            tr(f.lang, texts.NAMED_DETAIL, name=f.people[pid].shown(f.lang), detail=d)
            for pid, d in zip(low, details, strict=True)
        ]
    return (low, {"details": join_names(f.lang, details)}) if low else None


@flag("detractor_at_loyal_account")
def detractor_at_loyal_account(f: DealFacts) -> Raised:
    """Raised at a loyal account for the deal's people who answered NPS ≤ `nps_detractor_max` (0..10)."""
    if f.lifecycle != "loyal":
        return None
    scores = {pid: f.feedback[pid].nps for pid in f.answered()}
    detractors = [
        pid for pid, nps in scores.items() if nps is not None and nps <= f.settings.nps_detractor_max
    ]
    if not detractors:
        return None
    return detractors, {"scores": join_names(f.lang, [str(f.feedback[p].nps) for p in detractors])}
