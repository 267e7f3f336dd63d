"""The tables of the account review, as header + rows of text, shared by the PDF and the PPTX so both
say the same thing (and what the deal room says: every judgement comes from the analysis).
Call inside `translation.override(lang)`."""

from __future__ import annotations

from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext

from battlemap.analysis.actions import overdue
from battlemap.analysis.coverage import NOT_TO_MEET
from battlemap.deals.selectors import as_chair_of

from ..labels import (
    ATTITUDE_LABELS,
    RELATIONSHIP_LABELS,
    ROLE_LABELS,
    SEVERITY_LABELS,
    STAGE_LABELS,
    label,
    listed,
    roles_text,
    with_aside,
)
from .report import Report, flag_people, money, part_points
from .window_rows import change_counts, health_text, last_review_text

Table = tuple[list[str], list[list[Any]]]


class NothingRecorded(list):
    """The one row a table of the map shows when nothing of it is recorded yet ("None recorded."): the PDF
    prints it in place; the deck gathers such tables on one slide (pptx `_table_slides`) instead of a slide each
    (a sales director's trial counted five nearly empty slides of eighteen)."""


def nothing_recorded(text: str, width: int, at: int = 0) -> list[list[Any]]:
    """`[row]`: a NothingRecorded row of `width` cells, `text` in cell `at`."""
    row = NothingRecorded([""] * width)
    row[at] = text
    return [row]


def is_nothing_recorded(rows: list[list[Any]]) -> bool:
    return len(rows) == 1 and isinstance(rows[0], NothingRecorded)


def yes_no(value: bool) -> str:
    return pgettext("export", "yes") if value else pgettext("export", "no")


def met_text(met: bool, sealed: bool | None) -> str:
    """The Met column of a coverage holder or body: yes, no, or — unmet on a sealed body deciding the deal (a bid
    committee: the analysis' `sealed`) — "not to be met: the tender is won on paper", as the deal room says it."""
    return gettext(NOT_TO_MEET) if sealed and not met else yes_no(met)


def not_stated(text: str | None) -> str:
    return text or pgettext("export", "Not stated yet")


def coverage_table(r: Report) -> Table:
    """Per buying role, its holders still with the customer: attitude, influence, relationship, met, key. On the
    decision-maker row a chair who decides is marked "as chair of …", and a body deciding the deal whose chair is not
    among the holders is a line of its own, met when we reached it (analysis: coverage.deciders, body_reached); a sealed
    body, and whoever sits on it, is not to be met (`met_text`)."""
    header = [
        pgettext("export", "Role"),
        pgettext("export", "Who"),
        pgettext("export", "Attitude"),
        pgettext("export", "Influence"),
        pgettext("export", "Relationship"),
        pgettext("export", "Met"),
        pgettext("export", "Key person"),
    ]
    rows: list[list[Any]] = []
    for row in r.coverage:
        holders = {h["id"] for h in row.people}
        bodies = [b for b in row.bodies if b.get("chair") not in holders]
        if not row.people and not bodies:
            rows.append(
                [label(ROLE_LABELS, row.role), pgettext("export", "Nobody identified"), "", "", "", "", ""]
            )
        for h in row.people:
            chaired = h.get("chair_of") or []
            rows.append(
                [
                    label(ROLE_LABELS, row.role),
                    with_aside(h["name"], as_chair_of(chaired)) if chaired else h["name"],
                    label(ATTITUDE_LABELS, h["attitude"]),
                    h["influence"],
                    label(RELATIONSHIP_LABELS, h["relationship"]),
                    met_text(h["met"], h.get("sealed")),
                    yes_no(h["key"]),
                ]
            )
        for b in bodies:
            rows.append(
                [
                    label(ROLE_LABELS, row.role),
                    with_aside(b["name"], as_a_body(b)),
                    "",
                    "",
                    "",
                    met_text(b["reached"], b.get("sealed")),
                    "",
                ]
            )
    return header, rows


def as_a_body(body: dict[str, Any]) -> str:
    """How a body deciding a deal decides, beside its name on the decision-maker row: "decides as a body: 2 of 3
    members met", or "its chair decides" for a body whose deciding chair holds no part in the deal."""
    if body.get("chair") is not None:
        return gettext("its chair decides")
    return gettext("decides as a body: %(met)s of %(seated)s members met") % {
        "met": len(body.get("met") or []),
        "seated": len(body.get("seated") or []),
    }


def health_table(r: Report) -> Table:
    health = r.health or {"score": "", "parts": []}
    rows = [[capfirst(part.get("label") or part["name"]), part_points(part)] for part in health["parts"]]
    return [pgettext("export", "Health"), str(health["score"])], rows


def flag_table(r: Report) -> Table:
    header = [
        pgettext("export", "Severity"),
        pgettext("export", "Flag"),
        pgettext("export", "Suggested action"),
        pgettext("export", "People"),
    ]
    rows = [
        [label(SEVERITY_LABELS, f["severity"]), f["reason"], f["action"], flag_people(r, f)] for f in r.flags
    ]
    return header, rows or [["", pgettext("export", "No red flags."), "", ""]]


def win_win_table(r: Report) -> Table:
    """Each key person's personal win (gaps first, as the analysis orders them), then the customer's and ours."""
    header = [pgettext("export", "Person"), pgettext("export", "Roles"), pgettext("export", "Personal win")]
    rows: list[list[Any]] = [
        [w["name"], roles_text(w["roles"]), not_stated(w["personal_win"])] for w in r.win_win
    ]
    deal = r.deal or {}
    rows.append([pgettext("export", "Customer"), "", not_stated(deal.get("customer_win"))])
    rows.append([pgettext("export", "Us"), "", not_stated(deal.get("our_win"))])
    return header, rows


def playbook_table(r: Report) -> Table:
    rows = [
        [step["text"], listed(r.by_id[i]["name"] for i in step.get("people") or [] if i in r.by_id)]
        for step in r.playbook
    ]
    return [pgettext("export", "Next best actions"), pgettext("export", "People")], rows


def action_table(r: Report) -> Table:
    """The open action items (a closed deal's left open; the deck's "Open action items" slides): the rows of the
    next steps (`next_step_table`) under the heading "Action", so an item without an owner or a day says so
    alike on every page."""
    header, rows = next_step_table(r)
    return [pgettext("export", "Action"), *header[1:]], rows


def due_text(item: dict[str, Any], as_of: str) -> str:
    """An action item's due day, marked overdue by the one rule (analysis.overdue) on the analysis' day."""
    due = item.get("due") or ""
    if due and as_of and overdue(due, bool(item.get("done")), as_of):
        return with_aside(due, pgettext("export", "overdue"))
    return due


def person_name(person: dict[str, Any]) -> str:
    """The name, marked when the person has left the customer."""
    name = person.get("name") or ""
    return with_aside(name, pgettext("export", "left")) if person.get("status") == "left" else name


# ---- the executive summary (page / slide 1) and the later review sections ----


def no_deal_text() -> str:
    """What a review of an account without a deal lacks, said once: on page / slide 1, in place of the
    deal's facts, its risks and its next steps."""
    return pgettext("export", "No deal: coverage, flags and health need a deal.")


def no_people_text() -> str:
    """Said once in place of the people a review would list or draw (the web's people table says it)."""
    return gettext("No people yet.")


def outcome_text(r: Report) -> str:
    """`Lost to 华为云 on 2026-11-30 · price 20% higher`: a closed deal's outcome, the day it was
    closed (when known), who won it and why, as the deal room's close note says it."""
    d = r.deal or {}
    lost_to, day = d.get("lost_to") or "", r.closed_on
    if d.get("status") == "won":
        head = pgettext("export", "Won on %(day)s") if day else pgettext("export", "Won")
    elif lost_to:
        head = (
            pgettext("export", "Lost to %(name)s on %(day)s")
            if day
            else pgettext("export", "Lost to %(name)s")
        )
    else:
        head = pgettext("export", "Lost on %(day)s") if day else pgettext("export", "Lost")
    head = head % {"day": day, "name": lost_to}
    return " · ".join(t for t in (head, d.get("close_reason") or "") if t)


def summary_facts(r: Report) -> list[tuple[str, str]]:
    """Deal, stage, amount, close date, health with trend — or, for a won or lost deal, its last stage
    and its outcome (`outcome_text`) — (only with a deal: `no_deal_text` says the rest), then the
    owner, the review date, the last review and the change since."""
    d = r.deal
    facts = []
    if d is not None:
        facts = [
            (pgettext("export", "Deal"), d.get("name") or ""),
            (
                pgettext("export", "Last stage") if r.closed else pgettext("export", "Stage"),
                label(STAGE_LABELS, d.get("stage")),
            ),
            (pgettext("export", "Amount"), money(d.get("amount"), d.get("currency"))),
            (pgettext("export", "Expected close"), d.get("expected_close") or ""),
            (pgettext("export", "Outcome"), outcome_text(r))
            if r.closed
            else (pgettext("export", "Health"), health_text(r)),
        ]
    facts += [
        (pgettext("export", "Owner"), r.user(r.account.get("owner"))),
        (pgettext("export", "Review date"), r.as_of),
        (pgettext("export", "Last review"), last_review_text(r)),
        (pgettext("export", "Since then"), change_counts(r)),
    ]
    return facts


def risk_table(r: Report) -> Table:
    """The top three risks with their actions."""
    header = [pgettext("export", "Top risk"), pgettext("export", "Action"), pgettext("export", "People")]
    rows = [
        [f"{label(SEVERITY_LABELS, f['severity'])} · {f.get('title') or ''}", f["action"], flag_people(r, f)]
        for f in r.top_risks()
    ]
    return header, rows or [[pgettext("export", "No red flags."), "", ""]]


def next_step_table(r: Report) -> Table:
    """Committed next steps (open action items) with owners and due dates, overdue ones marked."""
    header = [
        pgettext("export", "Next step"),
        pgettext("export", "Person"),
        pgettext("export", "Owner"),
        pgettext("export", "Due"),
    ]
    rows = [
        [
            a.get("text"),
            r.by_id.get(a.get("person"), {}).get("name", ""),
            r.user(a.get("owner")) or pgettext("export", "nobody yet"),
            due_text(a, r.as_of) or pgettext("export", "no date"),
        ]
        for a in r.next_steps()
    ]
    return header, rows or [[pgettext("export", "No next step committed yet."), "", "", ""]]
