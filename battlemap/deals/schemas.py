"""API schemas of deals, stakeholder roles and action items."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Schema

from battlemap import vocab
from battlemap.core.schemas import (
    Currency,
    Day,
    Id,
    InSchema,
    Money,
    OnAccount,
    Slug,
    Stamped,
    Text,
    id_of,
    text,
    username_of,
)
from battlemap.core.text import TEXT_MAX
from battlemap.deals.models import COMPETITOR_MAX, COMPETITORS_MAX, FACTOR_WEIGHT_MAX

Stage = Literal[vocab.STAGES]
Status = Literal[vocab.DEAL_STATUSES]
Role = Literal[vocab.ROLES]
Factor = Literal[vocab.DECISION_FACTORS]
Channel = Literal[vocab.CHANNELS]
# the model's rule (deals.models.FACTOR_WEIGHT_MAX): a whole number from 0 to 100, as the web form takes it
Weight = Annotated[int, Field(ge=0, le=FACTOR_WEIGHT_MAX)]


class DealIn(InSchema):
    name: text(200, min_length=1)
    amount: Money | None = None
    currency: Currency = Field(
        "CNY", description="ISO 4217; a deal created or put without it is in its account's currency"
    )
    expected_close: Day | None = Field(
        None,
        description="from 2000-01-01 to 10 years after today; 2026-12-31 (or 2026/12/31, 2026年12月31日)",
    )
    status: Status = "open"
    stage: Stage = "need_recognition"
    decision_factors: dict[Factor, Weight] = Field(default_factory=dict, description="factor → weight")
    channels: dict[Stage, list[Channel]] = Field(default_factory=dict, description="stage → channels")
    competitors: list[text(COMPETITOR_MAX, min_length=1)] = Field(
        default_factory=list, max_length=COMPETITORS_MAX
    )
    customer_win: Text = ""
    our_win: Text = ""
    metrics: Text = Field("", description="MEDDPICC metrics: the measurable result the customer expects")
    paper_process: Text = Field("", description="MEDDPICC paper process: how the contract gets signed")
    close_reason: Text = Field("", description="why it was won or lost")
    lost_to: text(COMPETITOR_MAX) = Field("", description="a lost deal: the competitor who won it")
    reopen_reason: Text = Field(
        "", description="why a won or lost deal is reopened: send it with `status: open` (history keeps it)"
    )
    another_deal: bool = Field(
        False,
        description="a new deal named as one of the account's (case, spacing and full-width forms aside) is a 422 "
        "naming `name` and those deals, unless this is true: another deal of that name on purpose",
    )
    compelling_event: Text = Field("", description="what forces the customer to decide by a date")
    compelling_event_on: Day | None = Field(None, description="the compelling event's date; 2027-03-31")


class DealOut(OnAccount):
    name: str
    amount: float | None
    currency: str
    expected_close: date | None
    status: str
    stage: str
    decision_factors: dict[str, float]
    channels: dict[str, list[str]]
    competitors: list[str]
    customer_win: str
    our_win: str
    metrics: str
    paper_process: str
    close_reason: str
    lost_to: str
    reopen_reason: str
    compelling_event: str
    compelling_event_on: date | None


class AccountDealFilter(Schema):
    """An account's deals (`/api/accounts/{slug}/deals`): the account is the path's, so no `account` here (it had
    listed nothing, 200, for `?account=` another account's slug)."""

    status: Status | None = None
    stage: Stage | None = None
    name: text(200) | None = Field(
        None, description="the deals of exactly this name (as stored: trimmed), for a sync to find its deal"
    )


class DealFilter(AccountDealFilter):
    account: Slug | None = Field(None, description="only this account's deals")


class RoleIn(InSchema):
    person: Id = Field(description="a person of the deal's account")
    roles: list[Role] = Field(default_factory=list, max_length=len(vocab.ROLES))
    attitude: Literal[vocab.ATTITUDES] = "unknown"
    influence: int = Field(3, ge=vocab.INFLUENCE_MIN, le=vocab.INFLUENCE_MAX)
    relationship: int = Field(0, ge=0, le=4, description="0 none … 4 partner")
    favoured_competitor: text(200) = ""
    personal_win: Text = ""
    plan: Text = Field("", description="the message: what we want this person to hear")
    plan_channel: Literal[("", *vocab.PLAN_CHANNELS)] = Field("", description="how we plan to reach them")
    response_mode: Literal[("", *vocab.RESPONSE_MODES)] = Field(
        "", description="Blue Sheet: growth, trouble, even_keel or overconfident"
    )
    plan_cadence_days: int | None = Field(
        None, ge=1, le=vocab.CADENCE_MAX_DAYS, description="be in touch at least every N days"
    )


class RoleOut(Stamped):
    deal: int
    person: int
    roles: list[str]
    attitude: str
    influence: int
    relationship: int
    favoured_competitor: str
    personal_win: str
    plan: str
    plan_channel: str
    plan_cadence_days: int | None
    response_mode: str

    resolve_deal = id_of("deal")
    resolve_person = id_of("person")


class RoleFilter(Schema):
    person: Id | None = None
    role: Role | None = Field(None, description="people holding this buying role")
    attitude: Literal[vocab.ATTITUDES] | None = None


class ActionItemIn(InSchema):
    text: text(TEXT_MAX, min_length=1)
    person: Id | None = Field(None, description="who the action is about")
    owner: text(150) | None = Field(
        None, description="username of who does it; not sent: you (on POST and PUT); null: nobody"
    )
    due: Day | None = None
    done: bool = False


class ActionItemOut(Stamped):
    deal: int
    text: str
    person: int | None
    owner: str | None
    due: date | None
    done: bool

    resolve_deal = id_of("deal")
    resolve_person = id_of("person")
    resolve_owner = username_of("owner")


Username = text(150)  # named here: the filter's field `text` would hide `text()` from its annotations


class ActionItemFilter(Schema):
    done: bool | None = None
    owner: Username | None = None
    person: Id | None = None
    text: Text | None = Field(
        None, description="the items of exactly this text (as stored: trimmed), for a sync to find its own"
    )
    due: Day | None = Field(None, description="only the items due this day")


class CoverageIn(InSchema):
    user: text(150, min_length=1) = Field(description="username of a colleague who works on this account")


class CoverageOut(Schema):
    id: int
    role: int
    user: str

    resolve_role = id_of("stakeholder")
    resolve_user = username_of("user")


class StageChangeOut(Schema):
    id: int
    stage: str
    changed_on: date
    note: str
    by: str | None

    resolve_by = username_of("by")
