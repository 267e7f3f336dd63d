"""The deals' sheets of the map's XLSX workbook (after xlsx.py's five): each deal's health with its breakdown,
its purchase process, the account's decision bodies and each deal's MEDDPICC — what the deal room, the
decision bodies page and the qualification page show. Every judgement (health, band, points, met members,
qualification) is the analysis' (`maps.account_analysis`, the one the pages read through `deals.insight` and
`process.selectors`), never recomputed here; what was recorded (dates, documents, notes) is the map's.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import capfirst
from django.utils.translation import pgettext

from battlemap.analysis.health import health_band_label
from battlemap.core.multilingual import active_language
from battlemap.look import sealed_bodies
from battlemap.vocab import BODY_KINDS, DECISION_RULES, STEP_STATUSES

from ..labels import (
    MEDDPICC_LABELS,
    QUALIFICATION_LABELS,
    STATUS_LABELS,
    label,
    labelled,
    listed_plain,
    roles_text,
)
from .cards import members_met_text
from .deal_rows import compelling_event
from .report import part_shown
from .rows import met_text
from .xlsx_book import Book, Sheet, day_cell, wide, write_header, write_row


def deal_sheets(wb: Any, book: Book) -> None:
    """The four sheets, in the order the deal room reads: health, purchase process, decision bodies, MEDDPICC;
    each printed landscape, a page wide (a few columns of sentences, read on paper at a review)."""
    for title, sheet in (
        (pgettext("export", "Deal health"), health_sheet),
        (pgettext("export", "Purchase process"), process_sheet),
        (pgettext("export", "Decision bodies"), bodies_sheet),
        (pgettext("export", "Qualification"), qualification_sheet),
    ):
        ws = wb.sheet(title)
        ws.ws.set_landscape()
        ws.ws.fit_to_pages(1, 0)
        sheet(ws, book)


def judged_deals(book: Book) -> dict[Any, dict[str, Any]]:
    """The analysis of each deal, by id."""
    return {d.get("id"): d for d in book.analysis.get("deals") or []}


def health_sheet(ws: Sheet, book: Book) -> None:
    """Per open deal, its health, its band (vocab.HEALTH_BANDS, as the web's health filter names it) and a row
    per part of the breakdown with the whole points the deal room shows (they add up to the score). A won or
    lost deal shows its outcome instead, as the deal room does."""
    write_header(
        ws,
        [
            wide(pgettext("export", "Deal"), 24),
            pgettext("export", "Status"),
            pgettext("export", "Health"),
            pgettext("export", "Band"),
            wide(pgettext("export", "Part"), 20),
            pgettext("export", "Points"),
        ],
    )
    judged, lang = judged_deals(book), active_language()
    for d in book.deals:
        base = [d.get("name"), label(STATUS_LABELS, d.get("status"))]
        health = (judged.get(d.get("id")) or {}).get("health")
        if d.get("status", "open") != "open" or not health:
            write_row(ws, base)
            continue
        base += [health.get("score"), capfirst(health_band_label(health.get("band") or "", lang))]
        for part in health.get("parts") or []:
            write_row(ws, [*base, capfirst(part.get("label") or part.get("name")), part_shown(part)])
        if not health.get("parts"):
            write_row(ws, base)


def process_sheet(ws: Sheet, book: Book) -> None:
    """Per deal, its compelling event and its purchase process in order: each step's name (the analysis'
    title), status, planned and actual dates, the body and the people responsible and its documents."""
    write_header(
        ws,
        [
            wide(pgettext("export", "Deal"), 24),
            wide(pgettext("export", "Step"), 30),
            pgettext("export", "Status"),
            pgettext("export", "Planned on"),
            pgettext("export", "Done on"),
            pgettext("export", "Responsible body"),
            wide(pgettext("export", "Responsible people"), 24),
            wide(pgettext("export", "Documents"), 40),
        ],
    )
    judged, lang = judged_deals(book), active_language()
    bodies = {b["id"]: b.get("name") or "" for b in book.data.get("decision_bodies") or []}
    for d in book.deals:
        if event := compelling_event(d):
            write_row(ws, [d.get("name"), event, "", day_cell(d.get("compelling_event_on"))])
        documents = {s.get("id"): s.get("documents") or "" for s in d.get("process") or []}
        for step in (judged.get(d.get("id")) or {}).get("process") or []:
            write_row(
                ws,
                [
                    d.get("name"),
                    step.get("title"),
                    STEP_STATUSES.label(step.get("status"), lang),
                    day_cell(step.get("planned_on")),
                    day_cell(step.get("done_on")),
                    bodies.get(step.get("body"), ""),
                    listed_plain(book.shown(p) for p in step.get("people") or []),
                    documents.get(step.get("id"), ""),
                ],
            )


def bodies_sheet(ws: Sheet, book: Book) -> None:
    """The account's decision bodies (the decision bodies page): kind, how it decides, chair, members (the chair
    first), the members we have met (the analysis' `met_members`) — none of a bid committee deciding an open deal
    exported (`look.sealed_bodies`): "not to be met", as the deal room says it — and how many, when it meets and its next
    meeting, its roles in the deals exported, its notes."""
    write_header(
        ws,
        [
            pgettext("export", "Decision body"),
            pgettext("export", "Kind"),
            pgettext("export", "Decides by"),
            pgettext("export", "Chair"),
            wide(pgettext("export", "Members"), 30),
            wide(pgettext("export", "Met"), 24),
            pgettext("export", "Members met"),
            wide(pgettext("export", "Meets"), 28),
            pgettext("export", "Next meeting"),
            wide(pgettext("export", "Roles in deals"), 30),
            wide(pgettext("export", "Note"), 40),
        ],
    )
    lang = active_language()
    met = {b.get("id"): set(b.get("met_members") or []) for b in book.analysis.get("decision_bodies") or []}
    shut = sealed_bodies(book.analysis, among={d.get("id") for d in book.deals})
    for body in book.data.get("decision_bodies") or []:
        chair = body.get("chair")
        members = sorted(body.get("members") or [], key=lambda pid: pid != chair)  # the chair first
        seen = met.get(body["id"], set())
        held = [
            labelled(d.get("name"), roles_text(r.get("roles") or []))
            for d in book.deals
            for r in d.get("body_roles") or []
            if r.get("body") == body["id"]
        ]
        write_row(
            ws,
            [
                body.get("name"),
                BODY_KINDS.label(body.get("kind"), lang),
                DECISION_RULES.label(body.get("decision_rule"), lang) if body.get("decision_rule") else "",
                book.shown(chair) if chair else "",
                listed_plain(book.shown(p) for p in members),
                listed_plain(book.shown(p) for p in members if p in seen)
                or (met_text(False, True) if body["id"] in shut else ""),
                members_met_text(len(members), len([p for p in members if p in seen])),
                body.get("meets"),
                day_cell(body.get("next_meeting")),
                "\n".join(held),
                body.get("notes"),
            ],
        )


def qualification_sheet(ws: Sheet, book: Book) -> None:
    """Per deal, MEDDPICC as the qualification page shows it: each element confirmed, assumed or unknown with its
    evidence, and the qualification score beside the deal."""
    write_header(
        ws,
        [
            wide(pgettext("export", "Deal"), 24),
            pgettext("export", "Qualification score"),
            pgettext("export", "Element"),
            pgettext("export", "Status"),
            wide(pgettext("export", "Evidence"), 80),
        ],
    )
    judged = judged_deals(book)
    for d in book.deals:
        q = (judged.get(d.get("id")) or {}).get("qualification") or {}
        for e in q.get("elements") or []:
            write_row(
                ws,
                [
                    d.get("name"),
                    q.get("score"),
                    label(MEDDPICC_LABELS, e.get("code")),
                    label(QUALIFICATION_LABELS, e.get("status")),
                    "\n".join(e.get("evidence") or []) or pgettext("export", "Nothing on the map yet"),
                ],
            )
