"""API schemas of interactions (meetings, calls, mails… with the customer)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import ValidationInfo, field_validator, model_validator

from battlemap import vocab
from battlemap.core.schemas import Id, InSchema, Moment, OnAccount, Text, id_of, patch_of, text
from battlemap.io.mail.records import ALL_DAY_AT

Kind = Literal[vocab.INTERACTION_KINDS]
SOURCES = ("manual", "import", "mail", "calendar")


# a day alone, as `occurred_at`: the interaction is all day
_BARE_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*$")
ALL_DAY_HAS_NO_TIME = _(
    "An all-day interaction has its day alone: send occurred_at as a day (2026-12-05), or all_day false with its "
    "time."
)


class AllDayRule(InSchema):
    """The rule of `all_day` on every body that writes an interaction (create, PUT, PATCH)."""

    @model_validator(mode="before")
    @classmethod
    def _day_alone(cls, data: Any) -> Any:
        """`all_day` read from how `occurred_at` is written, when it is not sent: a day alone (`2026-12-05`) is all
        day, at 09:00 of that day (it was stored at midnight, the day before read in UTC: a reviewer's trial); a day
        and a time is a meeting at that time (an all-day interaction given a time by a PATCH kept 09:00 without a
        word). Ninja hands the body in a DjangoGetter on its second pass: its `_obj` is the body."""
        body = getattr(data, "_obj", data)
        moment = body.get("occurred_at") if isinstance(body, dict) else None
        if not isinstance(moment, str):
            return data
        day = _BARE_DAY.match(moment)
        if day and body.get("all_day", True):
            return {**body, "occurred_at": f"{day.group(1)}T{ALL_DAY_AT:%H:%M}", "all_day": True}
        return data if "all_day" in body else {**body, "all_day": False}

    @field_validator("all_day", check_fields=False)
    @classmethod
    def _no_time(cls, all_day: bool | None, info: ValidationInfo) -> bool | None:
        """An all-day interaction sent with a time of day other than the all-day one (09:00 in the server's time
        zone) is refused naming `all_day`: its time would be dropped (a GET, the time changed, a PUT back)."""
        moment = info.data.get("occurred_at")
        if all_day and isinstance(moment, datetime):
            local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
            if local.time() != ALL_DAY_AT:
                raise ValueError(str(ALL_DAY_HAS_NO_TIME))
        return all_day


class InteractionIn(AllDayRule):
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


class InteractionPatch(patch_of(InteractionIn), AllDayRule):
    """Any fields of an interaction (a PATCH): `occurred_at` as a day alone or with a time says `all_day` as on
    create."""


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
    source_ref: text(500) | None = Field(
        None, description="the one of exactly this source reference (a CRM id, Message-ID, calendar UID)"
    )
