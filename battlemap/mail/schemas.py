"""The shapes of the mail API (mail/api.py): what an ingest takes and answers, an ingest run, a suggestion, and
the answers of the decisions on them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from battlemap.core.schemas import InSchema, Lang


class IngestForm(InSchema):
    our_domains: str = Field("", max_length=2000, description="our side's domains, comma separated")
    customer_domains: str = Field("", max_length=2000, description="the customer's domains, comma separated")
    dry_run: bool = Field(True, description="true: read and report only, nothing is stored")
    skip_bad: bool = Field(False, description="ingest the readable files when some are not")
    bodies: bool = Field(False, description="also read signature blocks (title, phone) of the bodies")


class IngestQueueForm(InSchema):
    our_domains: str = Field("", max_length=2000, description="our side's domains, comma separated")
    customer_domains: str = Field("", max_length=2000, description="the customer's domains, comma separated")
    skip_bad: bool = Field(False, description="ingest the readable files when some are not")
    bodies: bool = Field(False, description="also read signature blocks (title, phone) of the bodies")


class IngestRunOut(Schema):
    id: int
    status: Literal["queued", "running", "done", "failed"]
    files: list[str]
    created_at: datetime
    finished_at: datetime | None
    summary: str = Field(description="once done or failed: what was ingested, or why not, in words")
    stage: Literal["", "reading", "storing"] = Field(
        description="while running: reading the files, then storing what was read; empty otherwise"
    )
    items_read: int = Field(description="messages, meetings and activities read so far (all, once storing)")


class BadFileOut(Schema):
    path: str
    reason: str


class IngestOut(Schema):
    dry_run: bool
    read: int
    new: int
    duplicates: int = Field(description="items already stored, or repeated in the files")
    updated: int = Field(
        description="meetings stored before whose new reading changed (attendees, their answers, time, title)"
    )
    interactions: int
    participants: int
    bad_files: list[BadFileOut]
    our_domains: list[str]
    customer_domains: list[str]
    suggestions_created: int = Field(description="new pending suggestions (0 on a dry run)")
    people_left_out: int = Field(
        description="new people not suggested: a run suggests at most MAIL_NEW_PEOPLE_PER_RUN, those in the most "
        "messages and meetings first; the next run suggests the next ones (0 on a dry run)"
    )
    summary: str


class DealRefOut(Schema):
    id: int
    name: str


class SuggestionOut(Schema):
    id: int
    kind: str
    email: str
    name: str
    value: str = Field(description="the title, the manager's e-mail, or the deal's id (decision maker)")
    deal: DealRefOut | None = Field(None, description="a decision maker's deal, with its name; else null")
    probability: float | None
    messages: int = Field(
        description="the mail messages the person is in (before meetings were counted apart: with them)"
    )
    meetings: int = Field(description="the meetings the person is in")
    state: str
    evidence: list[str]


class SuggestionQuery(Schema):
    state: Literal["pending", "accepted", "rejected"] = Field(
        "pending", description="pending (to decide), accepted or rejected"
    )
    min_probability: float | None = Field(
        None, ge=0, le=1, description="only suggestions at least this likely"
    )


class AcceptAboveIn(InSchema):
    percent: int = Field(
        ..., ge=0, le=100, description="accept reporting lines and decision makers from this %"
    )


class UndoIn(InSchema):
    batch: str = Field(..., min_length=1, max_length=500, description="the `batch` an accept-all returned")


class SkippedOut(Schema):
    id: int | None  # the suggestion; None when it is gone
    reason: str


class RefreshOut(Schema):
    created: list[int] = Field(description="ids of the suggestions made now (pending)")
    people_left_out: int = Field(description="new people not suggested this time (MAIL_NEW_PEOPLE_PER_RUN)")


class BatchOut(Schema):
    batch: str | None = Field(
        description="null when nothing was accepted: no batch is made, `detail` says why"
    )
    suggestions: list[int]
    skipped: list[SkippedOut]
    detail: str = Field("", description="when nothing was accepted: why, and what to do")


class SaidIn(Schema):
    lang: Lang | None = Field(None, description="the language of the summaries (default: the request's)")
