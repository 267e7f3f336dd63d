"""The map as an XLSX workbook: people, deals & roles, links, interactions, flags & actions (one
function per sheet; influence scores and flags from the analysis).

Headers are in the chosen language; cells are written as strings or numbers, never as formulas
(a name starting with `=` stays text), so the file opens the same in Excel and WPS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, BinaryIO

from django.utils import timezone
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from battlemap.analysis.actions import overdue
from battlemap.core.text import clean_control

from ..labels import (
    ATTITUDE_LABELS,
    KIND_LABELS,
    RELATIONSHIP_LABELS,
    SEVERITY_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    label,
    roles_text,
)
from .report import analysed_export

HEADER_FILL = PatternFill("solid", fgColor="E3EAF2")


@dataclass(frozen=True)
class Book:
    """What every sheet reads: the map dict, the analysis dict and the deals exported."""

    data: dict[str, Any]
    analysis: dict[str, Any]
    deals: list[dict[str, Any]]

    def name(self, pid: Any) -> str:
        return self.people.get(pid, {}).get("name", "")

    @cached_property
    def people(self) -> dict[Any, dict[str, Any]]:
        return {p["id"]: p for p in self.data.get("people") or []}


@analysed_export
def export_xlsx(buf: BinaryIO, data: dict[str, Any], analysis: dict[str, Any], deal_id: int | None) -> None:
    deals = data.get("deals") or []
    if deal_id is not None:
        deals = [d for d in deals if d.get("id") == deal_id]
    book = Book(data, analysis, deals)
    wb = Workbook(write_only=True)  # rows stream to the file as they are appended: linear, little memory
    people_sheet(wb.create_sheet(pgettext("export", "People")), book)
    deals_sheet(wb.create_sheet(pgettext("export", "Deals and roles")), book)
    links_sheet(wb.create_sheet(pgettext("export", "Influence links")), book)
    interactions_sheet(wb.create_sheet(pgettext("export", "Interactions")), book)
    flags_sheet(wb.create_sheet(pgettext("export", "Flags and actions")), book)
    wb.save(buf)


def people_sheet(ws: Any, book: Book) -> None:
    """Everyone on the map, with their part in the first deal and their influence score (analysis)."""
    units = {u["id"]: u["name"] for u in book.data.get("org_units") or []}
    scores = {p["id"]: p["influence"]["score"] for p in book.analysis.get("people") or []}
    first_roles = {r["person"]: r for d in book.deals[:1] for r in d.get("roles", [])}
    _header(
        ws,
        [
            pgettext("export", "Id"),
            pgettext("export", "Name"),
            pgettext("export", "Title"),
            pgettext("export", "Department"),
            pgettext("export", "Reports to"),
            pgettext("export", "Email"),
            pgettext("export", "Phone"),
            pgettext("export", "Status"),
            pgettext("export", "External"),
            pgettext("export", "Organisation"),
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
                pgettext("export", "yes") if p.get("external") else "",
                p.get("organisation"),
                roles_text(role.get("roles") or []),
                label(ATTITUDE_LABELS, role.get("attitude")),
                role.get("influence"),
                scores.get(p["id"]),
                p.get("external_id"),
            ],
        )


def deals_sheet(ws: Any, book: Book) -> None:
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
                    ", ".join(r.get("covered_by") or []),
                ],
            )
        if not d.get("roles"):
            _row(ws, base)


def links_sheet(ws: Any, book: Book) -> None:
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
                link.get("strength"),
                link.get("note"),
            ],
        )


def interactions_sheet(ws: Any, book: Book) -> None:
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
    for i in book.data.get("interactions") or []:
        _row(
            ws,
            [
                _local_moment(i.get("date")),
                label(KIND_LABELS, i.get("kind")),
                ", ".join(book.name(p) for p in i.get("participants") or []),
                ", ".join(i.get("our_participants") or []),
                i.get("summary"),
                i.get("outcome"),
                i.get("next_step"),
            ],
        )


def flags_sheet(ws: Any, book: Book) -> None:
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
                    ", ".join(book.name(p) for p in f.get("people") or []),
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
                    a.get("owner"),
                    a.get("due"),
                    pgettext("export", "yes") if a.get("done") else pgettext("export", "no"),
                ],
            )


def _header(ws: Any, titles: list[str]) -> None:
    """The bold first row, frozen, and the column widths: set before any row, as a write-only sheet
    (`Workbook(write_only=True)`) needs."""
    ws.freeze_panes = "A2"
    for i, title in enumerate(titles):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(12, min(40, len(title) * 2 + 4))
    bold = Font(bold=True)
    cells = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font, cell.fill = bold, HEADER_FILL
        cells.append(cell)
    ws.append(cells)


def _local_moment(text: str | None) -> datetime | str:
    """A map-format timestamp (ISO 8601, stored in UTC) as the naive local date-time a spreadsheet shows,
    in TIME_ZONE, the zone every page shows it in; "" when there is none."""
    if not text:
        return ""
    moment = datetime.fromisoformat(text)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None, second=0, microsecond=0)


def _row(ws: Any, values: list[Any]) -> None:
    """Append one row in constant time (a write-only sheet streams it; never ask a sheet for `max_row`,
    which scans every cell)."""
    ws.append([_value(ws, v) for v in values])


def _value(ws: Any, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        value = clean_control(value)  # what XML cannot hold is left out (rows stored before the cleaning)
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = TYPE_STRING  # a name like "=cmd" must not become a formula
        return cell
    return value
