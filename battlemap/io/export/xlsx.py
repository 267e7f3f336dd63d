"""The map as an XLSX workbook: people, deals & roles, links, interactions, flags & actions (one
function per sheet; influence scores and flags from the analysis).

Headers are in the chosen language; cells are written as strings or numbers, never as formulas
(a name starting with `=` stays text) nor links, so the file opens the same in Excel and WPS.
Written with XlsxWriter in constant-memory mode: each row goes to the file as it is written (linear
in rows, little memory; openpyxl took three times as long for a 2,000-person account's 46,000 rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from numbers import Number
from typing import Any, BinaryIO

import xlsxwriter
from django.utils import timezone
from django.utils.translation import pgettext

from battlemap.analysis.actions import overdue
from battlemap.core.text import clean_control

from ..labels import (
    ATTITUDE_LABELS,
    KIND_LABELS,
    LINK_STRENGTH_LABELS,
    RELATIONSHIP_LABELS,
    SEVERITY_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    label,
    listed_plain,
    roles_text,
)
from .report import analysed_export

HEADER_FILL = "#E3EAF2"


class Sheet:
    """One worksheet written row after row (`_header` first, then `_row`)."""

    def __init__(self, book: Workbook, title: str) -> None:
        self.ws = book.wb.add_worksheet(title[:31])
        self.formats = book.formats
        self.next = 0

    def write(self, values: list[Any], fmt: Any = None) -> None:
        ws, r = self.ws, self.next
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                ws.write_string(r, c, value, fmt)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value, fmt)
            elif isinstance(value, Number):
                ws.write_number(r, c, value, fmt)
            elif isinstance(value, datetime):
                ws.write_datetime(r, c, value, self.formats["moment"])
            elif isinstance(value, date):
                ws.write_datetime(r, c, value, self.formats["day"])
            else:
                ws.write_string(r, c, str(value), fmt)
        self.next += 1


class Workbook:
    """An XLSX file being written into `buf`; `sheet(title)` adds a worksheet, `close()` finishes it."""

    def __init__(self, buf: BinaryIO) -> None:
        self.wb = xlsxwriter.Workbook(
            buf,
            {
                "constant_memory": True,
                "in_memory": True,
                "strings_to_formulas": False,  # "=cmd" in a name stays text
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "remove_timezone": True,
            },
        )
        self.formats = {
            "header": self.wb.add_format({"bold": True, "bg_color": HEADER_FILL}),
            "moment": self.wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "day": self.wb.add_format({"num_format": "yyyy-mm-dd"}),
        }

    def sheet(self, title: str) -> Sheet:
        return Sheet(self, title)

    def close(self) -> None:
        self.wb.close()


@dataclass(frozen=True)
class Book:
    """What every sheet reads: the map dict, the analysis dict and the deals exported."""

    data: dict[str, Any]
    analysis: dict[str, Any]
    deals: list[dict[str, Any]]

    def name(self, pid: Any) -> str:
        return self.people.get(pid, {}).get("name", "")

    def user(self, username: str | None) -> str:
        """A user by the name every page shows (analysis "users"; the username when unknown)."""
        return (self.analysis.get("users") or {}).get(username or "", username or "")

    @cached_property
    def people(self) -> dict[Any, dict[str, Any]]:
        return {p["id"]: p for p in self.data.get("people") or []}


@analysed_export
def export_xlsx(buf: BinaryIO, data: dict[str, Any], analysis: dict[str, Any], deal_id: int | None) -> None:
    deals = data.get("deals") or []
    if deal_id is not None:
        deals = [d for d in deals if d.get("id") == deal_id]
    book = Book(data, analysis, deals)
    wb = Workbook(buf)
    people_sheet(wb.sheet(pgettext("export", "People")), book)
    deals_sheet(wb.sheet(pgettext("export", "Deals and roles")), book)
    links_sheet(wb.sheet(pgettext("export", "Influence links")), book)
    interactions_sheet(wb.sheet(pgettext("export", "Interactions")), book)
    flags_sheet(wb.sheet(pgettext("export", "Flags and actions")), book)
    wb.close()


def people_sheet(ws: Sheet, book: Book) -> None:
    """Everyone on the map, with their part in the first deal and their influence score (analysis). Its
    columns are the people import's (io.tabular.columns), so the sheet imports back unchanged."""
    units = {u["id"]: u["name"] for u in book.data.get("org_units") or []}
    scores = {p["id"]: p["influence"]["score"] for p in book.analysis.get("people") or []}
    first_roles = {r["person"]: r for d in book.deals[:1] for r in d.get("roles", [])}
    first_deal = book.deals[0]["id"] if book.deals else None
    _header(
        ws,
        [
            pgettext("export", "Battlemap id"),  # io.tabular.columns.OWN_EXPORT_IDS: not read as a CRM id
            pgettext("export", "Name"),
            pgettext("export", "Title"),
            pgettext("export", "Department"),
            pgettext("export", "Reports to"),
            pgettext("export", "Email"),
            pgettext("export", "Phone"),
            pgettext("export", "Status"),
            pgettext("export", "Left on"),
            pgettext("export", "External"),
            pgettext("export", "Organisation"),
            pgettext(
                "export", "Deal id"
            ),  # the deal of the roles beside it: an import into another deal refuses them
            pgettext("export", "Roles"),
            pgettext("export", "Attitude"),
            pgettext("export", "Influence"),
            pgettext("export", "Influence score"),
            pgettext("export", "External id"),
        ],
    )
    for p in book.data.get("people") or []:
        role = first_roles.get(p["id"]) or {}
        _row(
            ws,
            [
                p["id"],
                p.get("name"),
                p.get("title"),
                units.get(p.get("org_unit"), ""),
                book.name(p.get("reports_to")),
                p.get("email"),
                p.get("phone"),
                label(STATUS_LABELS, p.get("status")),
                _day(p.get("left_on")),  # a date cell, read back by import
                pgettext("export", "yes") if p.get("external") else "",
                p.get("organisation"),
                first_deal if role else None,
                roles_text(role.get("roles") or []),
                label(ATTITUDE_LABELS, role.get("attitude")),
                role.get("influence"),
                scores.get(p["id"]),
                p.get("external_id"),
            ],
        )


def deals_sheet(ws: Sheet, book: Book) -> None:
    """Each deal and the roles recorded in it."""
    _header(
        ws,
        [
            pgettext("export", "Deal"),
            pgettext("export", "Stage"),
            pgettext("export", "Status"),
            pgettext("export", "Amount"),
            pgettext("export", "Currency"),
            pgettext("export", "Person"),
            pgettext("export", "Roles"),
            pgettext("export", "Attitude"),
            pgettext("export", "Influence"),
            pgettext("export", "Relationship"),
            pgettext("export", "Personal win"),
            pgettext("export", "Favoured competitor"),
            pgettext("export", "Covered by"),
        ],
    )
    for d in book.deals:
        base = [
            d.get("name"),
            label(STAGE_LABELS, d.get("stage")),
            label(STATUS_LABELS, d.get("status")),
            d.get("amount"),
            d.get("currency"),
        ]
        for r in d.get("roles") or []:
            _row(
                ws,
                base
                + [
                    book.name(r["person"]),
                    roles_text(r.get("roles") or []),
                    label(ATTITUDE_LABELS, r.get("attitude")),
                    r.get("influence"),
                    label(RELATIONSHIP_LABELS, r.get("relationship")),
                    r.get("win"),
                    r.get("favoured_competitor"),
                    listed_plain(book.user(u) for u in r.get("covered_by") or []),
                ],
            )
        if not d.get("roles"):
            _row(ws, base)


def links_sheet(ws: Sheet, book: Book) -> None:
    _header(
        ws,
        [
            pgettext("export", "From"),
            pgettext("export", "To"),
            pgettext("export", "Kind"),
            pgettext("export", "Strength"),
            pgettext("export", "Note"),
        ],
    )
    for link in book.data.get("influence_links") or []:
        _row(
            ws,
            [
                book.name(link["from"]),
                book.name(link["to"]),
                label(KIND_LABELS, link.get("kind")),
                label(LINK_STRENGTH_LABELS, link.get("strength")),
                link.get("note"),
            ],
        )


def interactions_sheet(ws: Sheet, book: Book) -> None:
    _header(
        ws,
        [
            pgettext("export", "Date"),
            pgettext("export", "Kind"),
            pgettext("export", "Customer participants"),
            pgettext("export", "Our participants"),
            pgettext("export", "Summary"),
            pgettext("export", "Outcome"),
            pgettext("export", "Next step"),
        ],
    )
    kinds: dict[Any, str] = {}  # 40,000 rows, a handful of kinds: each label looked up once
    zone = timezone.get_current_timezone()
    for i in book.data.get("interactions") or []:
        kind = i.get("kind")
        if kind not in kinds:
            kinds[kind] = label(KIND_LABELS, kind)
        _row(
            ws,
            [
                _local_moment(i.get("date"), zone),
                kinds[kind],
                listed_plain(book.name(p) for p in i.get("participants") or []),
                listed_plain(book.user(u) for u in i.get("our_participants") or []),
                i.get("summary"),
                i.get("outcome"),
                i.get("next_step"),
            ],
        )


def flags_sheet(ws: Sheet, book: Book) -> None:
    """Per deal, the red flags of the analysis, then the action items."""
    _header(
        ws,
        [
            pgettext("export", "Deal"),
            pgettext("export", "Kind"),
            pgettext("export", "Severity"),
            pgettext("export", "Text"),
            pgettext("export", "Suggested action"),
            pgettext("export", "People"),
            pgettext("export", "Owner"),
            pgettext("export", "Due"),
            pgettext("export", "Done"),
        ],
    )
    flags_by_deal = {d.get("id"): d.get("flags") or [] for d in book.analysis.get("deals") or []}
    for d in book.deals:
        for f in flags_by_deal.get(d.get("id"), []):
            _row(
                ws,
                [
                    d.get("name"),
                    pgettext("export", "Red flag"),
                    label(SEVERITY_LABELS, f.get("severity")),
                    f.get("reason") or f.get("code"),
                    f.get("action"),
                    listed_plain(book.name(p) for p in f.get("people") or []),
                ],
            )
        for a in d.get("action_items") or []:
            _row(
                ws,
                [
                    d.get("name"),
                    pgettext("export", "Action item"),
                    pgettext("export", "overdue")
                    if book.analysis.get("as_of")
                    and overdue(a.get("due"), bool(a.get("done")), book.analysis["as_of"])
                    else "",
                    a.get("text"),
                    "",
                    book.name(a.get("person")),
                    book.user(a.get("owner")),
                    _day(a.get("due")),
                    pgettext("export", "yes") if a.get("done") else pgettext("export", "no"),
                ],
            )


def _header(ws: Sheet, titles: list[str]) -> None:
    """The bold first row, frozen, and the column widths."""
    ws.ws.freeze_panes(1, 0)
    for i, title in enumerate(titles):
        ws.ws.set_column(i, i, max(12, min(40, len(title) * 2 + 4)))
    ws.write(titles, ws.formats["header"])


def _day(text: str | None) -> date | None:
    """A map-format day (ISO 8601) as a date cell, as every date of the workbook is; None when there is none."""
    return date.fromisoformat(text) if text else None


def _local_moment(text: str | None, zone: Any = None) -> datetime | str:
    """A map-format timestamp (ISO 8601, stored in UTC) as the naive local date-time a spreadsheet shows,
    in TIME_ZONE, the zone every page shows it in (`zone`, when the caller looked it up once); "" when
    there is none."""
    if not text:
        return ""
    moment = datetime.fromisoformat(text)
    if timezone.is_aware(moment):
        moment = moment.astimezone(zone or timezone.get_current_timezone())
    return moment.replace(tzinfo=None, second=0, microsecond=0)


def _row(ws: Sheet, values: list[Any]) -> None:
    """Write the next row (constant time: never ask a sheet how many rows it has)."""
    ws.write([clean_control(v) if isinstance(v, str) else v for v in values])
