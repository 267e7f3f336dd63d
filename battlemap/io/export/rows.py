"""The tables of the account review, as header + rows of text, shared by the PDF and the PPTX so both
say the same thing (and what the deal room says: every judgement comes from the analysis).
Call inside `translation.override(lang)`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext

from battlemap.analysis.actions import overdue

from ..labels import (
    ATTITUDE_LABELS,
    RELATIONSHIP_LABELS,
    ROLE_LABELS,
    SEVERITY_LABELS,
    label,
    roles_text,
)
from .report import Report, flag_people, part_points

Table = tuple[list[str], list[list[Any]]]


def yes_no(value: bool) -> str:
    return pgettext("export", "yes") if value else pgettext("export", "no")


def not_stated(text: str | None) -> str:
    return text or pgettext("export", "Not stated yet")


def coverage_table(r: Report) -> Table:
    """Per buying role, its holders still with the customer: attitude, influence, relationship, met, key."""
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
        if not row.people:
            rows.append(
                [label(ROLE_LABELS, row.role), pgettext("export", "Nobody identified"), "", "", "", "", ""]
            )
        for h in row.people:
            rows.append(
                [
                    label(ROLE_LABELS, row.role),
                    h["name"],
                    label(ATTITUDE_LABELS, h["attitude"]),
                    h["influence"],
                    label(RELATIONSHIP_LABELS, h["relationship"]),
                    yes_no(h["met"]),
                    yes_no(h["key"]),
                ]
            )
    return header, rows


def health_table(r: Report) -> Table:
    health = r.health or {"score": "", "parts": []}
    rows = [[part.get("label") or part["name"], part_points(part)] for part in health["parts"]]
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
        [step["text"], ", ".join(r.by_id[i]["name"] for i in step.get("people") or [] if i in r.by_id)]
        for step in r.playbook
    ]
    return [pgettext("export", "Next best actions"), pgettext("export", "People")], rows


def action_table(r: Report) -> Table:
    header = [
        pgettext("export", "Action"),
        pgettext("export", "Person"),
        pgettext("export", "Owner"),
        pgettext("export", "Due"),
    ]
    rows = [
        [
            a.get("text"),
            r.by_id.get(a.get("person"), {}).get("name", ""),
            a.get("owner") or "",
            due_text(a, r.as_of),
        ]
        for a in r.actions
    ]
    return header, rows


def due_text(item: dict[str, Any], as_of: str) -> str:
    """An action item's due day, marked overdue by the one rule (analysis.overdue) on the analysis' day."""
    due = item.get("due") or ""
    if due and as_of and overdue(due, bool(item.get("done")), as_of):
        return f"{due} ({pgettext('export', 'overdue')})"
    return due


def person_name(person: dict[str, Any]) -> str:
    """The name, marked when the person has left the customer."""
    name = person.get("name") or ""
    return f"{name} ({pgettext('export', 'left')})" if person.get("status") == "left" else name
