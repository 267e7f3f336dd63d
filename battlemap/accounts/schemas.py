"""API schemas of accounts, org units and external factors."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from battlemap import vocab
from battlemap.accounts.models import COMPANY_NAME_MAX, COMPANY_NAMES_MAX, SEGMENT_MAX, SEGMENTS_MAX
from battlemap.core.schemas import (
    Currency,
    Id,
    InSchema,
    Lang,
    Money,
    OnAccount,
    PastQueryDay,
    SinceQueryDay,
    Slug,
    Stamped,
    Text,
    id_of,
    patch_of,
    put_of,
    text,
    username_of,
)
from battlemap.core.text import TEXT_MAX

Lifecycle = Literal[vocab.LIFECYCLE]
FactorKind = Literal[vocab.FACTOR_KINDS]


class AccountFields(InSchema):
    slug: Slug | None = Field(
        None,
        description="the account's address; not sent: made from the name (pinyin for Chinese), as the web does",
    )
    name: text(200, min_length=1)
    industry: text(120) = ""
    size: text(120) = ""
    region: text(120) = ""
    segments: list[text(SEGMENT_MAX)] = Field(default_factory=list, max_length=SEGMENTS_MAX)
    company_names: list[text(COMPANY_NAME_MAX)] = Field(
        default_factory=list,
        max_length=COMPANY_NAMES_MAX,
        description="other names the customer's files write it by (华东能投): a people import takes rows of these "
        "companies as the account's own people, and adds a company it took as the account's by another rule",
    )
    potential_value: Money | None = None
    currency: Currency = "CNY"
    lifecycle: Lifecycle = "prospect"
    strategic_goals: Text = ""
    needs: Text = ""
    pains: Text = ""
    buying_behaviour: Text = ""
    notes: Text = ""
    team: Id | None = Field(
        None,
        description="id of a team you belong to; shares the account with it. Not sent: your team when you "
        "are on exactly one, else none (choose one if you are on several); null: shared with no team",
    )


class AccountIn(AccountFields):
    """A new account. A name an account you see bears already (the web's "another customer of the same name"
    question: case, spacing and legal forms aside) is refused, 422 naming `name` and the accounts as
    "name (slug)", unless `another_account` is true."""

    another_account: bool = Field(
        False,
        description="create it even if you see an account of the same name: another customer of that name",
    )


AccountPatch = patch_of(AccountFields, stem="Account")
AccountPut = put_of(AccountFields, stem="Account")


class AccountOut(Stamped):
    slug: str
    name: str
    industry: str
    size: str
    region: str
    segments: list[str]
    company_names: list[str]
    potential_value: float | None
    currency: str
    lifecycle: str
    strategic_goals: str
    needs: str
    pains: str
    buying_behaviour: str
    notes: str
    owner: str
    team: int | None

    resolve_owner = username_of("owner")
    resolve_team = id_of("team")


class AccountFilter(Schema):
    search: text(100) | None = Field(None, description="name (characters or pinyin) or slug")
    lifecycle: Lifecycle | None = None
    team: Id | None = None


class OrgUnitIn(InSchema):
    name: text(200, min_length=1)
    parent: Id | None = None


class OrgUnitOut(OnAccount):
    name: str
    parent: int | None

    resolve_parent = id_of("parent")


class ExternalFactorIn(InSchema):
    kind: FactorKind
    description: text(TEXT_MAX, min_length=1)
    effect: int = Field(0, ge=vocab.FACTOR_EFFECT_MIN, le=vocab.FACTOR_EFFECT_MAX)


class ExternalFactorOut(OnAccount):
    kind: str
    description: str
    effect: int


class ExternalFactorFilter(Schema):
    kind: FactorKind | None = None


class AnalysisQuery(Schema):
    as_of: PastQueryDay = Field(
        None, description="analyse the map as it was at the end of this day, up to today"
    )
    since: SinceQueryDay = Field(
        None,
        description="add a 'changes' section: what moved since the end of this day (before today), up to as_of",
    )
    lang: Lang | None = None


class WhatChangedQuery(Schema):
    since: SinceQueryDay = Field(
        None,
        description=(
            "changes since the end of this day, up to now: a day before today, yesterday for today's changes "
            "(default: the last review, else 7 days ago)"
        ),
    )
    lang: Lang | None = None


class AsOfQuery(Schema):
    as_of: text(40, min_length=1) = Field(description="YYYY-MM-DD (the end of that day) or an ISO date-time")


class SinceQuery(Schema):
    since: text(40, min_length=1) = Field(
        description="YYYY-MM-DD (the start of that day) or an ISO date-time"
    )
    limit: int = Field(200, ge=1, le=1000)
    offset: int = Field(
        0,
        ge=0,
        le=1_000_000,
        description="skip this many of the newest first: the next page (slow when deep: prefer `after`)",
    )
    after: text(200) | None = Field(
        None,
        description="the `next` of the page before: the page after it, as fast at the millionth change as at the "
        "first, none repeated or skipped when edits are made meanwhile",
    )


class ChangeOut(Schema):
    at: datetime
    model: str = Field(description="account, org_unit, person, deal, stakeholder_role, …")
    id: int
    change: Literal["created", "changed", "deleted", "restored"]
    fields: list[str] = Field(description="fields that changed (for 'changed')")
    by: str | None = Field(
        description="the username of who made it (as a 409 and 410 name users); null when no one was recorded"
    )
    label: str


class ChangesOut(Schema):
    since: datetime
    total: int = Field(description="every change since then")
    offset: int
    count: int = Field(description="the changes in this answer")
    truncated: bool = Field(
        description="more after these: ask again with `after` = `next` (or offset + count)"
    )
    next: str | None = Field(description="when more follow: the cursor to send as `after` for the next page")
    changes: list[ChangeOut]


JsonObject = dict[str, Any]
