"""Plain, frozen data the analysis reads (a `MapSnapshot`, in snapshot_types.py, re-exported here) and
writes (the results, below).

Pure Python: the Django apps build a snapshot from the database (optionally as of a date),
tests build one by hand, `python -m battlemap.analysis` reads one from JSON.
Ids are whatever the caller uses (database primary keys); the analysis only compares them.
The customer's answers and what they say are in feedback_types.py; the qualification views
(MEDDPICC, the Blue Sheet) in qualification_types.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .feedback_types import FactorWeights, FeedbackInfo, PersonFeedback, Satisfaction  # noqa: F401
from .qualification_types import BuyingInfluence, Qualification

# The snapshot's types (snapshot_types.py), importable from here as before.
from .snapshot_types import (  # noqa: F401
    AccountInfo,
    ActionItemInfo,
    BodyInfo,
    BodyRoleInfo,
    CloseMoveInfo,
    DealInfo,
    DecisionFactorInfo,
    ExternalFactorInfo,
    InfluenceLinkInfo,
    InteractionInfo,
    MapSnapshot,
    PersonInfo,
    ProcessStepInfo,
    StageChangeInfo,
    StageChannelsInfo,
    StakeholderInfo,
)

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
    chair_of: tuple[str, ...] = ()  # decision maker as the deciding chair of these bodies (coverage.deciders)
    sealed: bool = (
        False  # sits on a sealed body deciding the deal (Deciders.sealed): not to be met, never a gap
    )


@dataclass(frozen=True)
class CoverageBody:
    """A decision body deciding the deal (coverage.deciders), on the decision-maker row: how it decides, its
    members still with the customer (`seated`), those we met, and whether we reached it (coverage.body_reached)."""

    body_id: int
    name: str
    decision_rule: str
    chair: int | None  # the deciding chair (chair_decides, chair still with the customer); None: collectively
    seated: tuple[int, ...]
    met: tuple[int, ...]
    reached: bool
    sealed: bool = False  # a bid committee (coverage.sealed): no bidder may meet its members, nor is it a gap


@dataclass(frozen=True)
class Coverage:
    """Who holds one buying role in a deal, and at which stages that role matters; the decision-maker row also
    lists the decision bodies deciding the deal (`bodies`: coverage.deciders)."""

    role: str
    holders: tuple[CoverageHolder, ...]
    stages: tuple[str, ...]  # the decision-chain stages where this role matters
    bodies: tuple[CoverageBody, ...] = ()
    # the decision-maker row when only sealed bodies decide (a bid committee, coverage.sealed): nobody to meet —
    # the tender is won on paper —, so health counts the row neither as a gap nor as met (health.py)
    not_to_meet: bool = False

    @property
    def held(self) -> bool:
        return bool(self.holders or self.bodies)

    @property
    def met(self) -> bool:
        return any(h.met for h in self.holders) or any(b.reached for b in self.bodies)


@dataclass(frozen=True)
class Flag:
    code: str
    severity: str  # high / medium / low
    people: tuple[int, ...]
    reason: str
    action: str
    # whether it takes its severity's points off health: a gap about people we have never been in touch with is
    # named with its action but costs nothing yet (docs/analysis.md §4, health.py)
    costs: bool = True
    # the champions its action asks to bring to who decides though nothing on the map joins them yet
    # (champion_reach.unjoined_champions): the playbook gives them no `champion_no_path` item of their own
    bridges: tuple[int, ...] = ()


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
    # ids of the process steps planned after the expected close (flag_rules_progress.steps_after_close)
    steps_after_close: tuple[int, ...] = ()


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
    # a flag still raised that now names people it did not (a second key person left): who, and the sentence
    # saying so in the analysis' language ("now also names 陈国强"); empty for a flag new, resolved or naming no one new
    gained: tuple[int, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class HealthChange:
    deal_id: int
    name: str
    before: int | None  # None: the deal is new, or was won or lost (`before_status`), which has no health
    after: int | None  # None: the deal is gone, or won or lost (`status`), which has no health
    status: str = "open"  # the deal's status at the end (open / won / lost), "" when it is gone
    before_status: str = "open"  # its status at the start (open / won / lost), "" when it is new


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
class LinkChange:
    """An influence link added or removed: who sways whom (`link`), both named as the analysis names people."""

    link: InfluenceLinkInfo
    source_name: str
    target_name: str


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
    # still raised, with a higher severity than before or naming people it did not (`FlagChange.gained`)
    worse_flags: tuple[FlagChange, ...] = ()
    health: tuple[HealthChange, ...] = ()
    people_added: tuple[PersonChange, ...] = ()
    people_left: tuple[PersonChange, ...] = ()  # left the customer (status "left") in the window
    people_removed: tuple[PersonChange, ...] = ()  # deleted from the map in the window
    people_rerated: tuple[PersonChange, ...] = ()
    stage_moves: tuple[StageMove, ...] = field(default_factory=tuple)
    role_changes: tuple[RoleChange, ...] = ()  # roles, attitude and influence, old → new
    interactions: tuple[InteractionInfo, ...] = ()  # logged since (in the map then, not before)
    actions_done: tuple[ActionItemInfo, ...] = ()  # done since (open or absent before)
    actions_overdue: tuple[ActionItemInfo, ...] = ()  # open and past due at `until`
    # the account's own: its lifecycle (before, after) when it moved; influence links and outside factors
    # added or removed (a seller's trial: What changed said nothing of them)
    lifecycle: tuple[str, str] | None = None
    links_added: tuple[LinkChange, ...] = ()
    links_removed: tuple[LinkChange, ...] = ()
    factors_added: tuple[ExternalFactorInfo, ...] = ()
    factors_removed: tuple[ExternalFactorInfo, ...] = ()
    factors_changed: tuple[tuple[ExternalFactorInfo, ExternalFactorInfo], ...] = ()  # (before, after)
