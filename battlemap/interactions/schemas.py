"""API schemas of interactions (meetings, calls, mails… with the customer)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import model_validator

from battlemap import vocab
from battlemap.core.schemas import Id, InSchema, Moment, OnAccount, Text, id_of, text

Kind = Literal[vocab.INTERACTION_KINDS]
SOURCES = ("manual", "import", "mail", "calendar")


# a day alone, as `occurred_at`: the interaction is all day
_BARE_DAY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


class InteractionIn(InSchema):
    occurred_at: Moment = Field(
        description="ISO date-time; without a zone, the server's time zone; a day alone (2026-12-05) is all day"
    )
    all_day: bool = Field(
        False,
        description="the day alone, no meeting time: stored at 09:00 of occurred_at's day in the server's time "
        "zone, as a calendar's all-day event",
    )
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

    @model_validator(mode="before")
    @classmethod
    def _a_day_alone_is_all_day(cls, data: Any) -> Any:
        """`"occurred_at": "2026-12-05"` was stored as midnight, the day before read in UTC (a reviewer's trial):
        a day alone is an all-day interaction, as a date-only row of an activity log or calendar. (Ninja hands the
        body in a DjangoGetter on its second pass: its `_obj` is the body.)"""
        body = getattr(data, "_obj", data)
        day = body.get("occurred_at") if isinstance(body, dict) else None
        if isinstance(day, str) and _BARE_DAY.match(day) and "all_day" not in body:
            return {**body, "all_day": True}
        return data


class InteractionOut(OnAccount):
    occurred_at: datetime
    all_day: bool = Field(
        False, description="the day alone: occurred_at is that day (09:00), no meeting time"
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
