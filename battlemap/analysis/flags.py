"""The red flags of a deal, each with severity, the people concerned, a reason and an action.

Flags are a registry keyed by flag code: one small function per flag, registered with `@flag(code)`,
takes a `DealFacts` and returns the people it concerns and extra text parameters (or None when the
flag does not fire). `deal_flags` runs them in the fixed order of `FLAG_CODES`. What each flag says
(its reason and action, translated) is in flag_texts.py.

A key person (DESIGN.md): a decision maker, a champion, or anyone rated influence ≥ key_influence in
the deal (`coverage.is_key_person`). Only people still with the customer count as holding a role,
except for `key_person_left`. Flags are raised on open deals only, but for the two that read the
customer's answers (AFTER_SALE_FLAGS), which a won deal raises too: satisfaction matters after the sale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from battlemap.vocab import ATTITUDE_VALUES, PLAN_CHANNELS, PROCESS_STEPS, STAGES, STEP_FINISHED

from . import flag_texts as texts
from .contacts import ContactIndex
from .coverage import active_stakeholders, is_key_person, personal_win_of
from .feedback_types import PersonFeedback
from .i18n import join_names, label, tr
from .settings import AnalysisSettings
from .types import ActionItemInfo, BodyInfo, DealInfo, Flag, PersonInfo, ProcessStepInfo, StakeholderInfo

FLAG_CODES = (
    "no_decision_maker",
    "decision_maker_not_met",
    "single_threaded",
    "no_champion",
    "unaddressed_opponent",
    "no_stated_win",
    "purchaser_unknown",
    "users_not_engaged",
    "stale_relationship",
    "key_person_left",
    "competitor_favoured",
    "close_date_passed",
    "stalled_in_stage",
    "no_next_step",
    "cadence_missed",
    "process_outlasts_close",
    "approving_body_not_met",
    "low_satisfaction",
    "detractor_at_loyal_account",
)
AFTER_SALE_FLAGS = ("low_satisfaction", "detractor_at_loyal_account")


@dataclass(frozen=True)
class DealFacts:
    """What every flag rule reads about one open deal."""

    deal: DealInfo
    people: dict[int, PersonInfo]
    contacts: ContactIndex
    action_items: list[ActionItemInfo]
    settings: AnalysisSettings
    lang: str
    active: list[StakeholderInfo]  # stakeholders still with the customer
    bodies: dict[int, BodyInfo] = field(default_factory=dict)  # the account's decision bodies
    feedback: dict[int, PersonFeedback] = field(default_factory=dict)  # the customer's answers
    lifecycle: str = ""  # the account's lifecycle stage

    def answered(self) -> list[int]:
        """People of this deal with answers: active stakeholders, and whoever answered for this deal."""
        ids = [sh.person_id for sh in self.active]
        ids += [
            pid
            for pid, f in self.feedback.items()
            if f.factors_deal == self.deal.id and pid not in ids and pid in self.people
        ]
        return [pid for pid in ids if pid in self.feedback]

    @property
    def today(self) -> date:
        return self.contacts.today

    @property
    def stage_at(self) -> int:
        return STAGES.index(self.deal.stage) if self.deal.stage in STAGES else 0

    def names(self, ids: list[int] | tuple[int, ...]) -> str:
        return (
            join_names(self.lang, [self.people[i].name for i in ids]) if ids else tr(self.lang, texts.NOBODY)
        )

    def holders(self, role: str, keep: Callable[[StakeholderInfo], bool] = lambda sh: True) -> list[int]:
        return [sh.person_id for sh in self.active if role in sh.roles and keep(sh)]

    def key(self, sh: StakeholderInfo) -> bool:
        return is_key_person(sh, self.settings)


# A rule returns None (quiet) or (the people it concerns, extra text parameters).
Raised = tuple[list[int], dict[str, object]] | None
Rule = Callable[[DealFacts], Raised]
FLAG_RULES: dict[str, Rule] = {}


def flag(code: str) -> Callable[[Rule], Rule]:
    """Register `rule` as the check of flag `code` (a code of FLAG_CODES, once)."""

    def register(rule: Rule) -> Rule:
        if code not in FLAG_CODES or code in FLAG_RULES:
            raise ValueError(f"flag: {code!r} is not a free flag code")
        FLAG_RULES[code] = rule
        return rule

    return register


def _top_by_influence(pool: list[StakeholderInfo], limit: int = 3) -> list[int]:
    return [sh.person_id for sh in sorted(pool, key=lambda s: -s.influence)[:limit]]


def _supporter(sh: StakeholderInfo) -> bool:
    return ATTITUDE_VALUES.get(sh.attitude, -9) >= 1


@flag("no_decision_maker")
def no_decision_maker(f: DealFacts) -> Raised:
    if f.holders("decision_maker"):
        return None
    helpers = _top_by_influence([s for s in f.active if {"coach", "champion"} & set(s.roles)])
    return [], {"helpers": f.names(helpers) if helpers else tr(f.lang, texts.PEOPLE_AROUND)}


@flag("decision_maker_not_met")
def decision_maker_not_met(f: DealFacts) -> Raised:
    not_met = [pid for pid in f.holders("decision_maker") if not f.contacts.met(pid)]
    return (not_met, {}) if not_met else None


@flag("single_threaded")
def single_threaded(f: DealFacts) -> Raised:
    customers = [sh for sh in f.active if not f.people[sh.person_id].external]
    engaged = [sh.person_id for sh in customers if f.contacts.engaged(sh.person_id)]
    if len(engaged) > f.settings.single_threaded_max:
        return None
    others = _top_by_influence([sh for sh in customers if sh.person_id not in engaged])
    return engaged, {
        "days": f.settings.stale_days,
        "others": f.names(others) if others else tr(f.lang, texts.OTHERS),
        **({} if engaged else {"_reason": texts.NOBODY_ENGAGED, "_action": texts.MEET_SOMEONE}),
    }


@flag("no_champion")
def no_champion(f: DealFacts) -> Raised:
    if f.holders("champion", _supporter):
        return None
    candidates = _top_by_influence([sh for sh in f.active if _supporter(sh)], 2)
    return f.holders("champion"), {
        "candidates": f.names(candidates) if candidates else tr(f.lang, texts.SUPPORTERS)
    }


@flag("unaddressed_opponent")
def unaddressed_opponent(f: DealFacts) -> Raised:
    open_items = {a.person_id for a in f.action_items if a.deal_id == f.deal.id and not a.done}
    opponents = [
        sh.person_id
        for sh in f.active
        if ATTITUDE_VALUES.get(sh.attitude, 0) < 0
        and sh.influence >= f.settings.key_influence
        and not sh.plan.strip()
        and sh.person_id not in open_items
    ]
    return (opponents, {"min": f.settings.key_influence}) if opponents else None


@flag("no_stated_win")
def no_stated_win(f: DealFacts) -> Raised:
    no_win = [sh.person_id for sh in f.active if f.key(sh) and not personal_win_of(sh, f.people)]
    return (no_win, {}) if no_win else None


@flag("purchaser_unknown")
def purchaser_unknown(f: DealFacts) -> Raised:
    if f.stage_at < STAGES.index("purchase_decision") or f.holders("purchaser"):
        return None
    return [], {"stage": label(f.lang, f.deal.stage)}


@flag("users_not_engaged")
def users_not_engaged(f: DealFacts) -> Raised:
    if f.stage_at < STAGES.index("evaluation"):
        return None
    users = f.holders("user")
    if any(f.contacts.contacted(pid) for pid in users):
        return None
    return users, {
        "stage": label(f.lang, f.deal.stage),
        **({} if users else {"names": tr(f.lang, texts.USERS)}),
    }


@flag("stale_relationship")
def stale_relationship(f: DealFacts) -> Raised:
    stale = [sh.person_id for sh in f.active if f.key(sh) and not f.contacts.engaged(sh.person_id)]
    if not stale:
        return None
    if not any(f.contacts.contacted(pid) for pid in stale):  # nobody to go cold: never in touch at all
        return stale, {
            "days": f.settings.stale_days,
            "_reason": texts.NEVER_IN_TOUCH,
            "_action": texts.GET_IN_TOUCH,
        }
    return stale, {"days": f.settings.stale_days}


@flag("key_person_left")
def key_person_left(f: DealFacts) -> Raised:
    gone = [
        sh.person_id
        for sh in f.deal.stakeholders
        if sh.roles and sh.person_id in f.people and not f.people[sh.person_id].active
    ]
    return (gone, {}) if gone else None


@flag("competitor_favoured")
def competitor_favoured(f: DealFacts) -> Raised:
    favour = [
        sh
        for sh in f.active
        if sh.favoured_competitor.strip()
        and ("decision_maker" in sh.roles or sh.influence >= f.settings.key_influence)
    ]
    if not favour:
        return None
    competitors = join_names(f.lang, dict.fromkeys(sh.favoured_competitor.strip() for sh in favour))
    return [sh.person_id for sh in favour], {"competitors": competitors}


@flag("close_date_passed")
def close_date_passed(f: DealFacts) -> Raised:
    close = f.deal.expected_close
    if close is None:
        return None
    late = (f.today - close).days
    if late <= f.settings.close_slip_days:
        return None
    return [], {"close": close.isoformat(), "days": late}


def days_in_stage(deal: DealInfo, today: date) -> int | None:
    """Days since the deal entered its current stage (its latest stage change to it); None when no
    stage change to it is recorded. The one rule: `stalled_in_stage` and the pipeline read it."""
    entered = [c.changed_on for c in deal.stage_changes if c.stage == deal.stage]
    return (today - max(entered)).days if entered else None


@flag("stalled_in_stage")
def stalled_in_stage(f: DealFacts) -> Raised:
    limit = f.settings.stage_limit_days.get(f.deal.stage, 0)
    days = days_in_stage(f.deal, f.today)
    if not limit or days is None:
        return None
    if days <= limit:
        return None
    return [], {"stage": label(f.lang, f.deal.stage), "days": days, "limit": limit}


@flag("no_next_step")
def no_next_step(f: DealFacts) -> Raised:
    if any(a.deal_id == f.deal.id and not a.done for a in f.action_items):
        return None
    return [], {}


@flag("cadence_missed")
def cadence_missed(f: DealFacts) -> Raised:
    """Key people whose plan sets a contact cadence that has lapsed (+ `cadence_grace_days`). People
    never contacted at all are left to `stale_relationship`, which says so."""
    late = []
    for sh in f.active:
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


@flag("process_outlasts_close")
def process_outlasts_close(f: DealFacts) -> Raised:
    close = f.deal.expected_close
    if close is None:
        return None
    late = [
        s
        for s in f.deal.process
        if s.status not in STEP_FINISHED
        and s.planned_on is not None
        and (s.planned_on - close).days > f.settings.process_slack_days
    ]
    if not late:
        return None
    last = max(late, key=lambda s: s.planned_on or close)
    return [], {"close": close.isoformat(), "step": step_title(last, f.lang), "planned": str(last.planned_on)}


@flag("approving_body_not_met")
def approving_body_not_met(f: DealFacts) -> Raised:
    approving = [
        f.bodies[r.body_id]
        for r in f.deal.body_roles
        if r.body_id in f.bodies and set(r.roles) & set(f.settings.approving_roles)
    ]
    members = {
        b.id: [pid for pid in b.members if pid in f.people and f.people[pid].active] for b in approving
    }
    unmet = [b for b in approving if not any(f.contacts.met(pid) for pid in members[b.id])]
    if not unmet:
        return None
    names = join_names(f.lang, [b.name for b in unmet])
    seated = [pid for b in unmet for pid in members[b.id]]
    if not seated:
        return [], {"bodies": names, "_reason": texts.NOBODY_ON_BODY, "_action": texts.MAP_THE_BODY}
    return seated, {"bodies": names}


@flag("low_satisfaction")
def low_satisfaction(f: DealFacts) -> Raised:
    key = {sh.person_id for sh in f.active if f.key(sh)}
    low, details = [], []
    for pid in f.answered():
        if pid not in key:
            continue
        answers, name = f.feedback[pid], f.people[pid].name
        if answers.csat is not None and answers.csat < f.settings.satisfaction_low_below:
            low.append(pid)
            details.append(tr(f.lang, texts.CSAT_LOW, name=name, csat=f"{answers.csat:g}"))
        elif (
            answers.nps is not None
            and answers.previous_nps is not None
            and answers.previous_nps - answers.nps >= f.settings.nps_fall_points
        ):
            low.append(pid)
            details.append(
                tr(f.lang, texts.NPS_FELL, name=name, before=answers.previous_nps, after=answers.nps)
            )
    return (low, {"details": join_names(f.lang, details)}) if low else None


@flag("detractor_at_loyal_account")
def detractor_at_loyal_account(f: DealFacts) -> Raised:
    if f.lifecycle != "loyal":
        return None
    detractors = [
        pid
        for pid in f.answered()
        if f.feedback[pid].nps is not None and f.feedback[pid].nps <= f.settings.nps_detractor_max
    ]
    if not detractors:
        return None
    return detractors, {"scores": join_names(f.lang, [str(f.feedback[p].nps) for p in detractors])}


def deal_flags(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    contacts: ContactIndex,
    action_items: list[ActionItemInfo],
    settings: AnalysisSettings,
    lang: str,
    bodies: dict[int, BodyInfo] | None = None,
    feedback: dict[int, PersonFeedback] | None = None,
    lifecycle: str = "",
) -> tuple[Flag, ...]:
    """The flags raised on `deal`, most severe first (in the order of FLAG_CODES within a severity);
    none on lost deals, on won deals only AFTER_SALE_FLAGS. `bodies`: the account's decision bodies by
    id; `feedback`: the customer's answers per person (feedback.person_feedback); `lifecycle`: the
    account's lifecycle stage."""
    if deal.status not in ("open", "won"):
        return ()
    facts = DealFacts(
        deal,
        people,
        contacts,
        action_items,
        settings,
        lang,
        active_stakeholders(deal, people),
        bodies or {},
        feedback or {},
        lifecycle,
    )
    flags = []
    for code in FLAG_CODES if deal.status == "open" else AFTER_SALE_FLAGS:
        raised = FLAG_RULES[code](facts)
        if raised is None:
            continue
        ids, extra = raised
        unique = tuple(dict.fromkeys(ids))
        reason_msg, action_msg = texts.TEXT[code]
        # a rule may say it another way (single_threaded when nobody talks to us)
        reason_msg, action_msg = extra.pop("_reason", reason_msg), extra.pop("_action", action_msg)
        params = {"names": facts.names(unique), "deal": deal.name, **extra}
        flags.append(
            Flag(
                code,
                settings.severity(code),
                unique,
                tr(lang, reason_msg, **params),
                tr(lang, action_msg, **params),
            )
        )
    flags.sort(key=lambda f: -settings.severity_rank.get(f.severity, 0))
    return tuple(flags)


__all__ = [
    "AFTER_SALE_FLAGS",
    "FLAG_CODES",
    "FLAG_RULES",
    "DealFacts",
    "deal_flags",
    "flag",
    "is_key_person",
    "personal_win_of",
    "step_title",
]
