"""API schemas of import (a CSV/XLSX of people, dry run or apply) and export."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from battlemap.core.schemas import Id, text
from battlemap.io.export import FORMATS


class ImportForm(Schema):
    deal: Id | None = Field(None, description="also write the buying roles of the file into this deal")
    sheet: text(100) | None = Field(None, description="the XLSX sheet to read (default: the first)")
    dry_run: bool = Field(True, description="true: check and report only, nothing is written")


class ImportOut(Schema):
    dry_run: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    skipped: int
    roles_created: int
    roles_updated: int
    roles_ignored: int = Field(description="rows with roles while no deal was given")
    source: str
    encoding: str | None
    sheet: str | None
    ignored_columns: list[str]
    recognised: dict[str, str] = Field(description="field → the header it was read from")


class ExportQuery(Schema):
    deal: Id | None = Field(None, description="only this deal")
    lang: Literal["en", "zh-hans"] | None = None


Format = Literal[FORMATS]
