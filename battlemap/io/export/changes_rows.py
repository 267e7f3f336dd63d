"""What changed in the review window, as the review's table (PDF and PPTX, `deal_rows.PROCESS_TABLES`): its
heading (`window_title`) and its rows (`change_table`), read from the changes the web's What changed page
shows (`accounts.changes.what_changed`, given to the export as analysis "changes"). Call inside
`translation.override(lang)`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext

from ..labels import STAGE_LABELS, label, labelled, with_aside
from .report import Report
from .rows import Table


def window_title(r: Report) -> str:
    """The heading of "what changed": since the last review, or the last 30 days when never reviewed."""
    if r.reviewed and r.reviewed_by:
        return pgettext("export", "What changed since the last review (%(day)s by %(by)s)") % {
            "day": r.review_since,
            "by": r.reviewed_by,
        }
    if r.reviewed:
        return pgettext("export", "What changed since the last review (%(day)s)") % {"day": r.review_since}
    return pgettext("export", "What changed in the last %(days)s days (never reviewed)") % {
        "days": r.review_days
    }


def change_table(r: Report) -> Table:
    """What changed in the review window (`window_title`): flags new, worse and resolved, health, stages,
    deals closed or reopened (when, by whom, why), buying roles, attitudes and influence (`role_change_rows`),
    people added or left — the lists of the web's What changed page (its "people_rerated" sentences are not
    shown: they said the attitude and influence moves again that `role_change_rows` lists)."""
    c = r.changes or {}
    header = [pgettext("export", "Change"), pgettext("export", "What")]
    rows: list[list[Any]] = []
    for key, title in (
        ("new_flags", pgettext("export", "New red flag")),
        ("worse_flags", pgettext("export", "Worse red flag")),
        ("resolved_flags", pgettext("export", "Resolved red flag")),
    ):
        for f in c.get(key) or []:
            rows.append([title, with_aside(f.get("title") or f.get("code"), f.get("deal_name") or "")])
    for h in c.get("health") or []:
        if h.get("before") == h.get("after"):
            continue  # the analysis gives every deal's health at both ends; only a move is a change
        before = pgettext("export", "new") if h.get("before") is None else h["before"]  # a deal opened since
        rows.append([pgettext("export", "Health"), labelled(h.get("name"), f"{before} → {h.get('after')}")])
    for s in c.get("stage_moves") or []:
        before = label(STAGE_LABELS, s.get("before")) if s.get("before") else pgettext("export", "new deal")
        rows.append(
            [
                pgettext("export", "Stage"),
                labelled(s.get("name"), f"{before} → {label(STAGE_LABELS, s.get('after'))}"),
            ]
        )
    for m in c.get("status_changes") or []:
        title = (
            pgettext("export", "Reopened") if m.get("change") == "reopened" else pgettext("export", "Closed")
        )
        lost_to = m.get("lost_to")
        said = [
            m.get("when"),
            m.get("by"),
            m.get("reason"),
            pgettext("export", "lost to %(name)s") % {"name": lost_to} if lost_to else "",
        ]
        rows.append(
            [
                title,
                " · ".join(
                    [
                        labelled(m.get("name"), f"{m.get('before_label')} → {m.get('after_label')}"),
                        *filter(None, said),
                    ]
                ),
            ]
        )
    rows += role_change_rows(c)
    for key, title in (
        ("people_added", pgettext("export", "New person")),
        ("people_left", pgettext("export", "Left")),
    ):
        for p in c.get(key) or []:
            rows.append([title, " ".join(t for t in (p.get("name"), p.get("detail")) if t)])
    return header, rows or [["", pgettext("export", "Nothing changed.")]]


def role_change_rows(changes: dict[str, Any]) -> list[list[Any]]:
    """Each buying role, attitude and influence change of the window ("role_changes" of
    `accounts.changes.what_changed`, the web's What changed) as the page lists it: the person, old → new
    (the vocabulary's labels; "joined the deal" when they had no part in it before, "—" for none), and the deal."""
    titles = {
        "roles": pgettext("export", "Roles"),
        "attitude": pgettext("export", "Attitude"),
        "influence": pgettext("export", "Influence"),
    }
    rows: list[list[Any]] = []
    for m in changes.get("role_changes") or []:
        before = (
            pgettext("export", "joined the deal") if m.get("before") is None else m.get("before_label") or "—"
        )
        moved = labelled(m.get("name"), f"{before} → {m.get('after_label') or '—'}")
        deal = m.get("deal_name")
        rows.append([titles.get(m.get("field"), m.get("field")), with_aside(moved, deal) if deal else moved])
    return rows
