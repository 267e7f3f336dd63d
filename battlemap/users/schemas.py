"""API schemas of the user and their tokens."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class MeOut(Schema):
    username: str
    language: str
    is_superuser: bool
    teams: list[str]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created: datetime
    last_used: datetime | None
    expires: datetime | None
    revoked: datetime | None
    read_only: bool = Field(description="it may only read: any other method is a 403")
