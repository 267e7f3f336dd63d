"""API schemas of import (a CSV/XLSX of people, dry run or apply; a map file as a new account) and export."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from battlemap.core.schemas import Id, InSchema, Lang, Slug, text
from battlemap.io.export import FORMATS
from battlemap.io.text import ASKED_NAMES


class ImportForm(InSchema):
    deal: Id | None = Field(None, description="also write the buying roles of the file into this deal")
    sheet: text(100) | None = Field(
        None, description="the XLSX sheet to read (default: the first visible one)"
    )
    encoding: Literal[ASKED_NAMES] | None = Field(  # fmt: skip
        None, description="the CSV's text encoding when the detected one is wrong (default: detected)"
    )
    date_order: Literal["dmy", "mdy"] | None = Field(
        None, description="dates like 03/11/2026: day first or month first, when the file does not settle it"
    )
    dry_run: bool = Field(True, description="true: check and report only, nothing is written")
    background: bool = Field(
        False,
        description="true: run it in a background worker whatever its size (202 with the job); a file of more "
        "than IMPORT_BACKGROUND_ROWS rows always is",
    )
    lang: Lang | None = Field(
        None,
        description="the language of the answer (its summary, warnings and problems), as `?lang=` gives it; "
        "this field wins over `?lang=`",
    )


class ImportQuery(Schema):
    lang: Lang | None = Field(
        None,
        description="zh (also zh-hans, zh-CN) or en: the language of the summary, warnings and problems; "
        "default: the language of the request",
    )


class ImportOut(Schema):
    dry_run: bool
    import_id: str | None = Field(
        None,
        description="the import's id: POST /accounts/{slug}/imports/{import_id}/undo takes it back; null for "
        "a dry run",
    )
    rows: int
    created: int
    updated: int
    unchanged: int
    skipped: int
    roles_created: int
    roles_updated: int
    roles_ignored: int = Field(description="rows with roles while no deal was given")
    roles_absent: int = Field(
        default=0,
        description="rows with no role, attitude or influence while a deal was given: not added to it",
    )
    source: str = Field(
        description="the tool the file comes from: salesforce, hubspot, dynamics, outlook, wecom, dingtalk, "
        "feishu, vcard (contact cards) — else chinese (a table with Chinese headers) or custom"
    )
    encoding: str | None
    alternatives: list[str] = Field(description="other encodings that also decode the CSV")
    sheet: str | None
    hidden_sheets: list[str]
    empty_sheets: list[str] = Field(default_factory=list, description="empty visible sheets passed over")
    legacy_rows: list[int] = Field(
        default_factory=list,
        description="a CSV mixing two encodings, read line by line: the rows read in the legacy encoding "
        "(named in `encoding`, e.g. `UTF-8 + GB18030`); the others are UTF-8",
    )
    header_row: int = Field(description="the spreadsheet row taken as the header (0: a vCard file has none)")
    cards: int = Field(default=0, description="a vCard file: the cards read, one row each (card 1 is row 1)")
    company_cards: list[tuple[int, str]] = Field(
        default_factory=list,
        description="a vCard file: the cards of a company, not a person (KIND:org, X-ABShowAs:COMPANY, an FN that "
        "is its ORG), passed over: (card, FN)",
    )
    group_row: int | None = Field(description="the row of merged group cells above it, if any")
    footer: list[tuple[int, str]] = Field(description="report footer lines skipped: (row, text)")
    notes: list[tuple[int, str]] = Field(
        default_factory=list,
        description="note rows among the people skipped (备注：…, 合计：3人, Total: …): (row, text)",
    )
    sections: list[tuple[int, str]] = Field(
        default_factory=list, description="heading rows read as the unit of the people below: (row, text)"
    )
    repeated_headers: list[tuple[int, str]] = Field(
        default_factory=list,
        description="rows repeating the header (`姓名,职务` again, or `Name,Title` under it) skipped: (row, text)",
    )
    groups: list[tuple[int, str, str]] = Field(
        default_factory=list,
        description="a report's group rows (`Acme Corp (2)`), their value filling the empty cells of their column "
        "in the rows below: (row, text, the column's header)",
    )
    ignored_columns: list[str]
    suspicious_columns: list[str] = Field(description="ignored columns that read like a manager, unit or id")
    owner_units: list[tuple[str, str]] = Field(
        default_factory=list,
        description="unit columns not read as the department, beside the column of the record's owner in our CRM "
        "(所属部门 beside 负责人: the owner's unit): (the unit column, the owner column)",
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="by row, nothing refused: a name already on the map in another unit, or with another "
        "e-mail, id or phone (added as a new person), an e-mail match whose name or id from another system was "
        "kept",
    )
    external_people: dict[str, list[str]] = Field(
        default_factory=dict, description="people who come in as external, by their company"
    )
    recognised: dict[str, str] = Field(description="field → the header it was read from")
    also_read: dict[str, list[str]] = Field(
        default_factory=dict,
        description="field → its further columns read (Phone and Mobile: both numbers kept, `138… / 139…`; "
        "of several e-mail columns, each row's first filled one)",
    )
    hidden_rows: list[int] = Field(
        default_factory=list,
        description="hidden rows of the sheet skipped (spreadsheet numbers), as the user "
        "who hid them sees the sheet",
    )
    hidden_columns: list[str] = Field(
        default_factory=list, description="hidden columns of the sheet skipped, by letter"
    )
    note_sheets: list[str] = Field(
        default_factory=list, description="visible sheets without a table header passed over"
    )
    summary: list[str] = Field(
        default_factory=list,
        description="the summary as `battlemap import` prints it, line by line, in the request's language: "
        "every warning the fields above give, and those they do not",
    )

    @staticmethod
    def resolve_summary(result) -> list[str]:  # noqa: ANN001
        from battlemap.io.tabular.summary import summary_lines

        if isinstance(result, dict):  # the answer a background job kept (tabular.jobs.import_answer)
            return result.get("summary") or []
        return summary_lines(result)


class ImportProblemOut(Schema):
    field: str | None = Field(
        description="what the problem is about, as a 422 names it: `rows.<row>.<column>`, `file` or `mapping`; "
        "null when the worker stopped"
    )
    message: str


class ImportUndoOut(Schema):
    filename: str = Field(description="the file of the import undone")
    people_removed: int = Field(description="people the import created, deleted")
    people_restored: int = Field(description="people the import changed, given back their values before it")
    units_removed: int = Field(description="departments the import created, deleted")
    roles_removed: int = Field(description="deal roles the import created, deleted")
    roles_restored: int = Field(
        description="deal roles the import changed, given back their values before it"
    )


class ImportJobOut(Schema):
    id: str = Field(
        description="the job; poll GET /accounts/{slug}/imports/{id} until `status` is done or failed"
    )
    status: Literal["queued", "running", "done", "failed"]
    status_url: str = Field(description="the job's state: GET it (with the same token)")
    dry_run: bool = Field(description="a dry run: checked and counted, nothing written")
    done: int = Field(description="rows written so far")
    total: int = Field(description="rows of the file (0 until the worker has read it, when not known before)")
    result: ImportOut | None = Field(
        None, description="once done: the answer the import gives within a request (counts, summary lines …)"
    )
    problems: list[ImportProblemOut] = Field(
        default_factory=list,
        description="once failed: every problem, by row and column; nothing was imported",
    )
    notice: str | None = Field(
        None, description="while queued with no background worker running: that none is, and how to start one"
    )


class MapImportForm(InSchema):
    slug: Slug | None = Field(None, description="the new account's slug (default: the slug in the file)")
    team: Id | None = Field(
        None,
        description="id of a team you belong to, to share the account with; empty: no team; not sent: your team "
        "when you are on exactly one, else none (the rule of POST /accounts)",
    )
    lang: Lang | None = Field(
        None,
        description="the language of the 422's messages, as `?lang=` gives it; this field wins over `?lang=`",
    )

    @field_validator("slug", "team", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """A form field sent empty (`-F team=`, the web form's empty choice) is none: no team, the file's slug."""
        return None if value == "" else value


class MapImportJobOut(Schema):
    id: str = Field(description="the job; poll GET /maps/imports/{id} until `status` is done or failed")
    status: Literal["queued", "running", "done", "failed"]
    status_url: str = Field(description="the job's state: GET it (with the same token; only yours)")
    done: int = Field(description="items of the map loaded so far (departments, people, links, deals …)")
    total: int = Field(description="items of the map (1 until the worker has read it)")
    account: str | None = Field(None, description="once done: the new account's slug")
    account_url: str | None = Field(None, description="once done: GET it for the new account")
    left_out: str | None = Field(
        None,
        description="once done: what of the map was not kept (users unknown here, or who may not see the "
        "account), in the asked language; null when nothing was left out",
    )
    problems: list[str] = Field(
        default_factory=list, description="once failed: why; nothing was imported (all or nothing)"
    )
    notice: str | None = Field(
        None, description="while queued with no background worker running: that none is, and how to start one"
    )


class ExportQuery(Schema):
    deal: Id | None = Field(None, description="only this deal")
    lang: Lang | None = None


Format = Literal[FORMATS]


class ExportIn(InSchema):
    format: Format = Field(description="json, xlsx, pdf, pptx or png")
    deal: Id | None = Field(None, description="only this deal (the review formats)")
    lang: Lang | None = None


class ExportJobOut(Schema):
    id: str = Field(description="the job; poll GET …/exports/{id} until `status` is done or failed")
    status: Literal["queued", "running", "done", "failed", "expired"]
    format: Format
    done: int = Field(description="steps done (read the map, analyse it, draw the file)")
    total: int
    filename: str | None = Field(None, description="the file's name, once done")
    size: int | None = Field(None, description="the file's size in bytes, once done")
    problems: list[str] = Field(default_factory=list, description="why it failed")
    file_url: str | None = Field(
        None, description="GET it for the file, once done (kept EXPORT_KEEP_MINUTES)"
    )
    notice: str | None = Field(
        None, description="while queued with no background worker running: that none is, and how to start one"
    )
