"""The deal's tables of the account review — the qualification (MEDDPICC, the Blue Sheet), the buying
process (stage history, purchase process, decision bodies, decision factors and channels) and the
competition (competitors, outside factors) — as header + rows of text, shared by the PDF and the PPTX
like the tables of rows.py; `PROCESS_TABLES` and `QUALIFYING_TABLES` give both files the same headings and
column widths. Call inside `translation.override(lang)`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import pgettext

from battlemap.analysis.feedback_types import weight_text
from battlemap.core.multilingual import active_language
from battlemap.io.matching import match_name, names_by_key
from battlemap.process.body_names import body_kind_shown
from battlemap.vocab import (
    CHANNELS,
    DECISION_RULES,
    FACTOR_KINDS,
    PROCESS_STEPS,
    STEP_STATUSES,
)

from ..labels import (
    BUYING_INFLUENCE_LABELS,
    DEGREE_LABELS,
    FLAG_LABELS,
    MEDDPICC_LABELS,
    QUALIFICATION_LABELS,
    RESPONSE_MODE_LABELS,
    STAGE_LABELS,
    STRENGTH_LABELS,
    label,
    labelled,
    listed,
    roles_text,
    with_aside,
)
from .changes_rows import change_table, window_title
from .report import Report
from .rows import Table, not_stated, nothing_recorded


def _lang() -> str:
    return active_language()


def qualification_table(r: Report) -> Table:
    """MEDDPICC: each element's status and evidence, as the analysis judged them; the score in the header."""
    q = r.qualification or {"score": "", "elements": []}
    header = [
        f"MEDDPICC {q['score']}/100",
        pgettext("export", "Status"),
        pgettext("export", "Evidence"),
    ]
    rows = [
        [
            label(MEDDPICC_LABELS, e["code"]),
            label(QUALIFICATION_LABELS, e["status"]),
            "\n".join(e["evidence"]) or pgettext("export", "Nothing on the map yet"),
        ]
        for e in q["elements"]
    ]
    return header, rows


def blue_sheet_table(r: Report) -> Table:
    """The Blue Sheet's buying influences: the person and the buying roles they hold (so a champion the Blue
    Sheet calls a coach is not read as our coach role, as the web's Blue Sheet shows), part, degree, response
    mode, win-result, red flags, strengths."""
    header = [
        pgettext("export", "Person"),
        pgettext("export", "Roles"),
        pgettext("export", "Buying influence"),
        pgettext("export", "Degree"),
        pgettext("export", "Response mode"),
        pgettext("export", "Personal win"),
        pgettext("export", "Red flags"),
        pgettext("export", "Strengths"),
    ]
    rows = [
        [
            b["name"],
            roles_text(b.get("roles") or []),
            label(BUYING_INFLUENCE_LABELS, b["kind"]),
            label(DEGREE_LABELS, b["degree"]),
            label(RESPONSE_MODE_LABELS, b["response_mode"]) or pgettext("export", "Not assessed"),
            not_stated(b["personal_win"]),
            listed(label(FLAG_LABELS, c) for c in b["red_flags"]),
            listed(label(STRENGTH_LABELS, c) for c in b["strengths"]),
        ]
        for b in r.blue_sheet
    ]
    return header, rows or nothing_recorded(pgettext("export", "None recorded."), 8)


def stage_table(r: Report) -> Table:
    header = [pgettext("export", "Date"), pgettext("export", "Stage"), pgettext("export", "Note")]
    rows = [
        [c.get("date") or "", label(STAGE_LABELS, c.get("stage")), c.get("note") or ""]
        for c in (r.deal or {}).get("stage_history") or []
    ]
    return header, rows or nothing_recorded(pgettext("export", "No stage change recorded."), 3, at=1)


def compelling_event(d: dict[str, Any]) -> str:
    """The deal's compelling event as one cell, "Compelling event: <what>" (or the label alone when only its day
    is known), "" when it has none: the first row of the purchase process in the PDF, the PPTX and the XLSX."""
    if not (d.get("compelling_event") or d.get("compelling_event_on")):
        return ""
    event = pgettext("export", "Compelling event")
    return labelled(event, d["compelling_event"]) if d.get("compelling_event") else event


def _planned(r: Report, step: dict[str, Any]) -> str:
    """A step's planned day, marked "after the expected close" below it as the deal room marks it (the
    analysis' rule, `Report.steps_after_close`)."""
    planned = step.get("planned_on") or ""
    if step.get("id") in r.steps_after_close:
        # not inside the f-string below: makemessages would not find it there
        mark = pgettext("export", "after the expected close")
        return f"{planned}\n{mark}"
    return planned


def process_table(r: Report) -> Table:
    """The deal's purchase process in order (its compelling event first, in the step's column with its day as
    the planned one): step, status, planned and actual dates (a step planned after the expected close marked
    so, as in the deal room), the body and the people responsible."""
    lang = _lang()
    d = r.deal or {}
    rows: list[list[Any]] = []
    if event := compelling_event(d):
        rows.append([event, "", d.get("compelling_event_on") or "", "", ""])
    for step in d.get("process") or []:
        title = step.get("name") or PROCESS_STEPS.label(step.get("kind"), lang)
        body = r.bodies.get(step.get("body"), {}).get("name", "")
        people = [r.by_id[i]["name"] for i in step.get("people") or [] if i in r.by_id]
        rows.append(
            [
                title,
                STEP_STATUSES.label(step.get("status"), lang),
                _planned(r, step),
                step.get("done_on") or "",
                listed(n for n in (body, *people) if n),
            ]
        )
    header = [
        pgettext("export", "Step"),
        pgettext("export", "Status"),
        pgettext("export", "Planned on"),
        pgettext("export", "Done on"),
        pgettext("export", "Responsible"),
    ]
    return header, rows or nothing_recorded(pgettext("export", "No purchase process recorded."), 5)


def body_named(body: dict[str, Any], lang: str) -> str:
    """A body's name with its kind in brackets when the name does not say it (`body_names.body_kind_shown`, the
    web's rule): 集团党委会, not 集团党委会（党委会）; 院长办公会（党委会）."""
    kind = body_kind_shown(body.get("name") or "", body.get("kind") or "", lang)
    return with_aside(body["name"], kind) if kind else body["name"]


def body_table(r: Report) -> Table:
    """The decision bodies with a part in the deal: kind, roles, how they decide, chair, members (met or not;
    no ✓: the PDF's font has no such glyph)."""
    lang = _lang()
    met = {b["id"]: set(b.get("met_members") or []) for b in r.analysis.get("decision_bodies") or []}
    rows: list[list[Any]] = []
    for role in (r.deal or {}).get("body_roles") or []:
        body = r.bodies.get(role.get("body"))
        if body is None:
            continue
        members = [
            r.by_id[i]["name"] + (pgettext("export", " (met)") if i in met.get(body["id"], set()) else "")
            for i in body.get("members") or []
            if i in r.by_id
        ]
        chair = r.by_id.get(body.get("chair"), {}).get("name", "")
        rows.append(
            [
                body_named(body, lang),
                roles_text(role.get("roles") or []),
                DECISION_RULES.label(body.get("decision_rule"), lang),
                chair,
                listed(members) or pgettext("export", "Members not known yet"),
            ]
        )
    header = [
        pgettext("export", "Decision body"),
        pgettext("export", "Roles"),
        pgettext("export", "Decides by"),
        pgettext("export", "Chair"),
        pgettext("export", "Members"),
    ]
    return header, rows or nothing_recorded(
        pgettext("export", "No decision body has a part in this deal."), 5
    )


def factor_table(r: Report) -> Table:
    """Decision factors, each with its share of the weight as the analysis reads it — the customer's answers
    where there are any (the chain page's and MEDDPICC's weights: `Report.factors`), else the seller's typed
    weights — and where the weights come from; then the channels the customer uses in each stage."""
    lang = _lang()
    d = r.deal or {}
    weights = (r.factors or {}).get("weights") or []
    rows: list[list[Any]] = [[w["label"], weight_text(w["value"])] for w in weights]
    if weights and r.factors.get("source_label"):
        respondents = [r.by_id[i]["name"] for i in r.factors.get("respondents") or [] if i in r.by_id]
        source = r.factors["source_label"]
        rows.append(
            [
                pgettext("export", "Weights from"),
                labelled(source, listed(respondents)) if respondents else source,
            ]
        )
    for stage, channels in (d.get("channels") or {}).items():
        rows.append(
            [
                pgettext("export", "Channels in %(stage)s") % {"stage": label(STAGE_LABELS, stage)},
                listed(CHANNELS.label(c, lang) for c in channels),
            ]
        )
    header = [pgettext("export", "Decision factor / channel"), pgettext("export", "Weight / channels")]
    return header, rows or nothing_recorded(pgettext("export", "Not stated yet"), 2)


def competitor_table(r: Report) -> Table:
    """Each competitor of the deal (its list, who won it, favoured competitors, notes; one name key, as the
    competitor view matches them): who favours them, strengths, weaknesses and what they offered."""
    d = r.deal or {}
    favoured = [(role["favoured_competitor"], role["person"]) for role in d.get("roles") or []]
    notes = {match_name(n["name"]): n for n in d.get("competition") or []}
    spelled = [*(d.get("competitors") or []), d.get("lost_to") or "", *(name for name, _ in favoured)]
    names = names_by_key([*spelled, *(n["name"] for n in d.get("competition") or [])])
    rows = []
    for key, name in names.items():
        who = [
            r.by_id[pid]["name"] for fav, pid in favoured if fav and match_name(fav) == key and pid in r.by_id
        ]
        note = notes.get(key, {})
        rows.append(
            [
                name,
                listed(who),
                note.get("strengths", ""),
                note.get("weaknesses", ""),
                note.get("offer", ""),
            ]
        )
    header = [
        pgettext("export", "Competitor"),
        pgettext("export", "Favoured by"),
        pgettext("export", "Strengths"),
        pgettext("export", "Weaknesses"),
        pgettext("export", "What they offered"),
    ]
    return header, rows or nothing_recorded(pgettext("export", "None recorded."), 5)


def signed(effect: int) -> str:
    """An outside factor's effect on us as the PDF and the deck print it: "+2", "-1", "+0"."""
    return f"{effect:+d}"


def outside_table(r: Report, effect: Callable[[int], Any] = signed) -> Table:
    """The outside factors on the decision, with their effect on us (-2..+2, `ExternalFactor.effect`) as
    `effect` gives it: the signed text "+2" the PDF and the deck print, a number cell in the workbook."""
    header = [
        pgettext("export", "Outside factor"),
        pgettext("export", "Kind"),
        pgettext("export", "Effect on us"),
    ]
    rows = [
        [f.get("description"), FACTOR_KINDS.label(f.get("kind"), _lang()), effect(f.get("effect") or 0)]
        for f in r.analysis.get("external_factors") or []
    ]
    return header, rows or nothing_recorded(pgettext("export", "None recorded."), 3)


@dataclass(frozen=True)
class DealTable:
    """A table of the deal as the PDF and the PPTX both draw it: its heading (read in the active
    language), its header + rows, and the share of the page's width each column takes."""

    title: Callable[[Report], str]
    rows: Callable[[Report], Table]
    widths: tuple[float, ...]


# The deal's tables of the review, in the order both files show them: the buying process (after the
# influence circle), then the qualification and the competition (after the flags and the win-win).
PROCESS_TABLES = (
    DealTable(lambda r: pgettext("export", "Decision factors and channels"), factor_table, (0.4, 0.6)),
    DealTable(lambda r: pgettext("export", "Stage history"), stage_table, (0.15, 0.25, 0.6)),
    DealTable(lambda r: pgettext("export", "Purchase process"), process_table, (0.3, 0.12, 0.14, 0.14, 0.3)),
    DealTable(lambda r: pgettext("export", "Decision bodies"), body_table, (0.26, 0.14, 0.14, 0.12, 0.34)),
    DealTable(window_title, change_table, (0.2, 0.8)),
)
QUALIFYING_TABLES = (  # MEDDPICC and the Blue Sheet (docs/analysis.md §5b), then the competitors
    DealTable(lambda r: pgettext("export", "Qualification"), qualification_table, (0.2, 0.12, 0.68)),
    DealTable(
        lambda r: pgettext("export", "Blue Sheet"),
        blue_sheet_table,
        (0.11, 0.12, 0.12, 0.07, 0.1, 0.2, 0.16, 0.12),
    ),
    DealTable(lambda r: pgettext("export", "Competitors"), competitor_table, (0.16, 0.18, 0.22, 0.22, 0.22)),
)
