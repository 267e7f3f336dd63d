"""API schemas of interactions (meetings, calls, mails… with the customer)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from battlemap import vocab
from battlemap.core.schemas import Id, InSchema, Moment, OnAccount, Text, id_of, put_of, text

Kind = Literal[vocab.INTERACTION_KINDS]
SOURCES = ("manual", "import", "mail", "calendar")


class InteractionIn(InSchema):
    occurred_at: Moment = Field(description="ISO date-time; without a zone, the server's time zone")
    kind: Kind = "meeting"
    deal: Id | None = Field(None, description="a deal of the same account")
    summary: Text = ""
    outcome: Text = ""
    next_step: Text = ""
    source: Literal[SOURCES] = "manual"
    source_ref: text(500) = Field("", description="Message-ID or calendar UID; unique per account")
    participants: list[Id] = Field(
        default_factory=list, max_length=500, description="ids of the customer's people who took part"
    )


InteractionPut = put_of(
    InteractionIn,
    participants=(
        list[Id] | None,
        Field(None, max_length=500, description="the customer's people who took part; not sent: unchanged"),
    ),
)


class InteractionOut(OnAccount):
    occurred_at: datetime
    all_day: bool = Field(
        False, description="an all-day calendar event: occurred_at is that day, no meeting time"
    )
    kind: str
    deal: int | None
    summary: str
    outcome: str
    next_step: str
    source: str
    source_ref: str
    participants: list[int]

    resolve_deal = id_of("deal")

    @staticmethod
    def resolve_participants(obj) -> list[int]:
        return sorted(p.person_id for p in obj.participants.all())


class InteractionFilter(Schema):
    kind: Kind | None = None
    deal: Id | None = None
    person: Id | None = Field(None, description="interactions this person took part in")
    since: Moment | None = None
    until: Moment | None = None
