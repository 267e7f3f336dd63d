"""The snapshot the analysis reads: one account's map as plain, frozen data (`MapSnapshot` and its parts).

Pure Python: the map layer (battlemap.maps) builds it from the database, optionally as of a date; tests
build one by hand; `python -m battlemap.analysis` reads one from JSON. Ids are whatever the caller uses
(database primary keys); the analysis only compares them. types.py re-exports every name: `from
battlemap.analysis.types import PersonInfo` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from battlemap.punctuation import aside

from .feedback_types import FeedbackInfo

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
class CloseMoveInfo:
    """The deal's expected close changed from `before` to `after` on `moved_on` (from the deal's history)."""

    moved_on: date
    before: date
    after: date


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
    close_moves: tuple[CloseMoveInfo, ...] = ()  # each change of a set expected close, oldest first


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
