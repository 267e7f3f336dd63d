"""Plain, frozen data the analysis reads (a `MapSnapshot`) and writes (the results).

Pure Python: the Django apps build a snapshot from the database (optionally as of a date),
tests build one by hand, `python -m battlemap.analysis` reads one from JSON.
Ids are whatever the caller uses (database primary keys); the analysis only compares them.
The customer's answers and what they say are in feedback_types.py; the qualification views
(MEDDPICC, the Blue Sheet) in qualification_types.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from battlemap.punctuation import aside

from .feedback_types import FactorWeights, FeedbackInfo, PersonFeedback, Satisfaction
from .qualification_types import BuyingInfluence, Qualification

# ---------------------------------------------------------------- the snapshot (input)


@dataclass(frozen=True)
class AccountInfo:
    id: int
    slug: str
    name: str
    industry: str = ""
    lifecycle: str = ""
    strategic_goals: str = ""
    needs: str = ""
    pains: str = ""


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    title: str = ""
    org_unit: str = ""
    reports_to: int | None = None  # solid line
    dotted_managers: tuple[int, ...] = ()  # dotted lines
    status: str = "active"  # vocab.PERSON_STATUSES
    left_on: date | None = None
    placeholder: bool = False
    external: bool = False
    external_kind: str = ""
    organisation: str = ""
    # portrait traits, 1..5 or None (seed 004)
    power: int | None = None
    expertise: int | None = None
    budget_control: int | None = None
    network: int | None = None
    decision_style: str = ""
    needs_level: str = ""
    concerns: str = ""
    personal_win: str = ""
    # what tells this person from a namesake of the account (another 张强): their title, unit or organisation,
    # else their id — set by the map layer only when the account has two people of this name; "" otherwise
    namesake_note: str = ""

    @property
    def active(self) -> bool:
        return self.status != "left"

    def shown(self, lang: str) -> str:
        """The name as the analysis' sentences write it: with `namesake_note` in brackets when another person of
        the account bears it ("张强（心内科主任）" / "张强 (心内科主任)"), else the name alone."""
        return f"{self.name}{aside(lang, self.namesake_note)}" if self.namesake_note else self.name


@dataclass(frozen=True)
class InfluenceLinkInfo:
    source: int  # who sways
    target: int  # who is swayed
    kind: str = "advises"  # vocab.LINK_KINDS
    strength: int = 2  # 1..3


@dataclass(frozen=True)
class ExternalFactorInfo:
    id: int
    kind: str  # vocab.FACTOR_KINDS
    description: str
    effect: int = 0  # -2..+2


@dataclass(frozen=True)
class StakeholderInfo:
    person_id: int
    roles: tuple[str, ...] = ()
    attitude: str = "unknown"
    influence: int = 3  # 1..5, the seller's rating in this deal
    relationship: int = 0  # 0..4
    favoured_competitor: str = ""
    personal_win: str = ""
    plan: str = ""  # the message
    plan_channel: str = ""  # vocab.PLAN_CHANNELS
    plan_cadence_days: int | None = None  # we mean to be in touch at least this often
    covered_by: tuple[str, ...] = ()  # our people who cover this person
    response_mode: str = ""  # vocab.RESPONSE_MODES (Blue Sheet), "" = not assessed


@dataclass(frozen=True)
class BodyInfo:
    """A decision body of the customer (党委会, 评标委员会…): its members are people of the account."""

    id: int
    name: str
    kind: str = "other_body"  # vocab.BODY_KINDS
    members: tuple[int, ...] = ()
    chair: int | None = None
    decision_rule: str = "majority"  # vocab.DECISION_RULES
    next_meeting: date | None = None


@dataclass(frozen=True)
class BodyRoleInfo:
    """A decision body's buying roles in one deal."""

    body_id: int
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProcessStepInfo:
    """One step of a deal's purchase process, in order."""

    id: int
    kind: str = "other_step"  # vocab.PROCESS_STEPS
    name: str = ""
    status: str = "planned"  # vocab.STEP_STATUSES
    planned_on: date | None = None
    done_on: date | None = None
    body_id: int | None = None
    people: tuple[int, ...] = ()


@dataclass(frozen=True)
class StageChangeInfo:
    stage: str
    changed_on: date


@dataclass(frozen=True)
class DecisionFactorInfo:
    factor: str  # vocab.DECISION_FACTORS
    weight: float  # 0 or more; relative to the deal's other factors


@dataclass(frozen=True)
class StageChannelsInfo:
    stage: str  # vocab.STAGES
    channels: tuple[str, ...] = ()  # vocab.CHANNELS the customer learns through at that stage


@dataclass(frozen=True)
class DealInfo:
    id: int
    name: str
    stage: str = "need_recognition"
    status: str = "open"
    amount: float | None = None
    currency: str = ""
    expected_close: date | None = None
    competitors: tuple[str, ...] = ()
    customer_win: str = ""
    our_win: str = ""
    stakeholders: tuple[StakeholderInfo, ...] = ()
    stage_changes: tuple[StageChangeInfo, ...] = ()
    decision_factors: tuple[DecisionFactorInfo, ...] = ()
    channels: tuple[StageChannelsInfo, ...] = ()
    metrics: str = ""  # MEDDPICC: the measurable result the customer expects
    paper_process: str = ""  # MEDDPICC: how the contract gets signed (approvals, legal, procurement)
    compelling_event: str = ""
    compelling_event_on: date | None = None
    body_roles: tuple[BodyRoleInfo, ...] = ()
    process: tuple[ProcessStepInfo, ...] = ()  # the purchase process, in order


@dataclass(frozen=True)
class InteractionInfo:
    id: int
    occurred_on: date
    kind: str  # vocab.INTERACTION_KINDS
    participants: tuple[int, ...] = ()  # customer-side person ids
    deal_id: int | None = None
    summary: str = ""


@dataclass(frozen=True)
class ActionItemInfo:
    id: int
    deal_id: int
    text: str
    person_id: int | None = None
    done: bool = False
    due: date | None = None
    owner: str = ""


@dataclass(frozen=True)
class MapSnapshot:
    """One account's map, as the analysis reads it. The analysis breaks its ties (equal scores, equal days)
    in the order given here: the map layer lists people, and each deal's stakeholders, by name (pinyin key),
    ids only between namesakes, so a copy of the account (export → import-map) reads the same."""

    account: AccountInfo
    today: date
    people: tuple[PersonInfo, ...] = ()
    links: tuple[InfluenceLinkInfo, ...] = ()
    external_factors: tuple[ExternalFactorInfo, ...] = ()
    deals: tuple[DealInfo, ...] = ()
    interactions: tuple[InteractionInfo, ...] = ()
    action_items: tuple[ActionItemInfo, ...] = ()
    bodies: tuple[BodyInfo, ...] = ()
    feedback: tuple[FeedbackInfo, ...] = ()  # answered questionnaires, oldest first


# ---------------------------------------------------------------- the results (output)


@dataclass(frozen=True)
class Part:
    """One part of a score: `points` earned out of `weight` (the most it can give)."""

    name: str
    points: float
    weight: float
    detail: str = ""


@dataclass(frozen=True)
class InfluenceScore:
    person_id: int
    score: int  # 0..100
    parts: tuple[Part, ...]
    drivers: tuple[str, ...]  # top drivers, in words (rendered in the analysis language)


@dataclass(frozen=True)
class CoverageHolder:
    person_id: int
    name: str
    met: bool
    engaged: bool
    attitude: str
    relationship: int
    last_contact: date | None
    influence: int = 3  # the seller's rating in this deal (1..5)
    key: bool = False  # a key person (decision maker, champion, or influence ≥ key_influence)
    days_since_contact: int | None = None  # None: never contacted
    stale: bool = False  # no interaction within stale_days (never contacted included)
    stale_soon: bool = False  # stale, or will be within stale_warning_days


@dataclass(frozen=True)
class Coverage:
    """Who holds one buying role in a deal, and at which stages that role matters."""

    role: str
    holders: tuple[CoverageHolder, ...]
    stages: tuple[str, ...]  # the decision-chain stages where this role matters

    @property
    def held(self) -> bool:
        return bool(self.holders)

    @property
    def met(self) -> bool:
        return any(h.met for h in self.holders)


@dataclass(frozen=True)
class Flag:
    code: str
    severity: str  # high / medium / low
    people: tuple[int, ...]
    reason: str
    action: str


@dataclass(frozen=True)
class Health:
    score: int  # 0..100
    parts: tuple[Part, ...]
    band: str = ""  # good / fair / poor (settings.health_good_from, health_fair_from)


@dataclass(frozen=True)
class PlaybookItem:
    code: str  # strategy code, e.g. roi_case
    text: str
    impact: float
    people: tuple[int, ...] = ()
    flag: str = ""  # the flag code this answers, if any


@dataclass(frozen=True)
class RingPlacement:
    kind: str  # person / factor / body
    id: int
    name: str
    ring: str  # decision_unit / deal_roles / organisation / outside / environment
    reason: str


@dataclass(frozen=True)
class WinWinRow:
    person_id: int
    name: str
    roles: tuple[str, ...]
    business_win: str
    personal_win: str  # "" = a gap
    our_win: str


@dataclass(frozen=True)
class DealAnalysis:
    deal: DealInfo
    health: Health
    coverage: tuple[Coverage, ...]
    flags: tuple[Flag, ...]
    playbook: tuple[PlaybookItem, ...]
    win_win: tuple[WinWinRow, ...]
    key_people: tuple[int, ...] = ()  # active key people of the deal, in stakeholder order
    qualification: Qualification | None = None  # MEDDPICC (open and closed deals alike)
    blue_sheet: tuple[BuyingInfluence, ...] = ()
    factors: FactorWeights = field(default_factory=lambda: FactorWeights(""))


@dataclass(frozen=True)
class AccountAnalysis:
    snapshot: MapSnapshot
    lang: str
    influence: dict[int, InfluenceScore]
    rings: tuple[RingPlacement, ...]
    deals: tuple[DealAnalysis, ...]
    bodies_met: dict[int, tuple[int, ...]] = field(default_factory=dict)  # body id → members we have met
    feedback: dict[int, PersonFeedback] = field(default_factory=dict)
    satisfaction: Satisfaction = field(default_factory=Satisfaction)
    # per person in touch with us (contacts.ContactIndex): the day of the last interaction of any kind,
    # and of the last meeting, call or visit — everyone's, holder of a buying role or not
    last_contact: dict[int, date] = field(default_factory=dict)
    last_met: dict[int, date] = field(default_factory=dict)


@dataclass(frozen=True)
class FlagChange:
    deal_id: int
    code: str
    people: tuple[int, ...]
    deal_name: str = ""
    severity: str = ""
    reason: str = ""
    action: str = ""


@dataclass(frozen=True)
class HealthChange:
    deal_id: int
    name: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class PersonChange:
    person_id: int
    name: str
    detail: str


@dataclass(frozen=True)
class StageMove:
    deal_id: int
    name: str
    before: str | None
    after: str


@dataclass(frozen=True)
class RoleChange:
    """A person's part in a deal changed: `field` is "roles" (buying roles, tuples), "attitude" or
    "influence"; `before` is None (or () for roles) when the person had no part in the deal before."""

    deal_id: int
    deal_name: str
    person_id: int
    name: str
    field: str
    before: str | int | tuple[str, ...] | None
    after: str | int | tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    since: date
    until: date
    new_flags: tuple[FlagChange, ...] = ()
    resolved_flags: tuple[FlagChange, ...] = ()
    worse_flags: tuple[FlagChange, ...] = ()  # still raised, with a higher severity than before
    health: tuple[HealthChange, ...] = ()
    people_added: tuple[PersonChange, ...] = ()
    people_left: tuple[PersonChange, ...] = ()
    people_rerated: tuple[PersonChange, ...] = ()
    stage_moves: tuple[StageMove, ...] = field(default_factory=tuple)
    role_changes: tuple[RoleChange, ...] = ()  # roles, attitude and influence, old → new
    interactions: tuple[InteractionInfo, ...] = ()  # logged since (in the map then, not before)
    actions_done: tuple[ActionItemInfo, ...] = ()  # done since (open or absent before)
    actions_overdue: tuple[ActionItemInfo, ...] = ()  # open and past due at `until`
