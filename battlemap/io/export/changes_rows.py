"""What changed in the review window, as the review's table (PDF and PPTX, `deal_rows.PROCESS_TABLES`): its
heading (`window_title`) and its rows (`change_table`), read from the changes the web's What changed page
shows (`accounts.changes.what_changed`, given to the export as analysis "changes") by the web's rule for
health and role moves (`deals.selectors_changes`: a new deal's health "new deal → 44", one line per deal
for the people who joined it, then the real changes). Call inside `translation.override(lang)`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext

from battlemap import vocab
from battlemap.core.capped import Capped
from battlemap.core.templatetags.answer_tags import answer_text
from battlemap.deals.selectors import CLOSED_WITH_DEAL
from battlemap.deals.selectors_changes import (
    INTERACTIONS_SHOWN,
    PEOPLE_SHOWN,
    JoinedDeal,
    health_moves,
    role_moves,
)

from ..labels import in_line, labelled, listed, with_aside
from .report import Report
from .rows import Table


def window_title(r: Report) -> str:
    """The heading of "what changed": since the last review, since the map was loaded from a file within the window
    (maps.loaded_in_window), or the last 30 days when never reviewed."""
    if r.loaded_at:
        return pgettext("export", "What changed since the map was loaded from a file (%(at)s)") % {
            "at": r.loaded_at
        }
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
    deals closed or reopened (when, by whom, why), the account's owner changes (a handover), buying roles, attitudes and influence (`role_change_rows`),
    people added or left (those of the deal shown, `io.export.export_account`; each list cut as the web
    cuts it, `deals.selectors_changes.PEOPLE_SHOWN`), the account's lifecycle, influence links and outside
    factors (`account_rows`), questionnaires answered (`answer_rows`), interactions logged and action items
    done or overdue (`activity_rows`) — the lists of the web's What changed page (its "people_rerated" sentences are not
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
            # a flag naming people it did not: "Key person left · now also names 陈国强"
            what = " · ".join(filter(None, [f.get("title") or f.get("code"), f.get("note")]))
            rows.append([title, with_aside(what, f.get("deal_name") or "")])
    for h in health_moves(c.get("health") or []):
        before = h["before"]
        if before is None:  # a deal lost (or won) before the window and reopened in it: "lost → 50"
            status = h.get("before_status") or ""
            before = in_line(vocab.DEAL_STATUSES, status) if status else pgettext("export", "new deal")
        after = h["after"]
        if after is None:  # a deal won or lost in the window shows its outcome: it has no health
            status = h.get("status") or ""
            after = in_line(vocab.DEAL_STATUSES, status) if status else pgettext("export", "removed")
        rows.append([pgettext("export", "Health"), labelled(h.get("name"), f"{before} → {after}")])
    for s in c.get("stage_moves") or []:
        before = in_line(vocab.STAGES, s.get("before")) if s.get("before") else pgettext("export", "new deal")
        rows.append(
            [
                pgettext("export", "Stage"),
                labelled(s.get("name"), f"{before} → {in_line(vocab.STAGES, s.get('after'))}"),
            ]
        )
    for t in c.get("deal_terms") or []:
        title = (
            pgettext("export", "Amount")
            if t.get("field") == "amount"
            else pgettext("export", "Expected close")
        )
        rows.append([title, labelled(t.get("name"), f"{t.get('before') or '—'} → {t.get('after') or '—'}")])
    for o in c.get("owner_changes") or []:  # a handover (history.account_owner_changes)
        said = " · ".join(filter(None, [o.get("when"), o.get("by"), o.get("note")]))
        rows.append([pgettext("export", "Owner"), f"{o.get('before_name')} → {o.get('after_name')} · {said}"])
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
    rows += role_change_rows(
        c, since=r.window_start or (date.fromisoformat(r.as_of) if r.as_of else timezone.localdate())
    )
    for key, title in (
        ("people_added", pgettext("export", "New person")),
        ("people_left", pgettext("export", "Left")),
        ("people_removed", pgettext("export", "Removed from the map")),
    ):
        people = Capped(PEOPLE_SHOWN, c.get(key) or [])  # the web's cap: PEOPLE_SHOWN, then "and N more"
        for p in people.shown:
            rows.append([title, " ".join(t for t in (p.get("name"), p.get("detail")) if t)])
        if people.more:
            rows.append([title, _more_people(people.more)])
    rows += account_rows(c)
    rows += answer_rows(c)
    rows += activity_rows(c)
    return header, rows or [["", pgettext("export", "Nothing changed.")]]


def account_rows(changes: dict[str, Any]) -> list[list[Any]]:
    """The account's own changes, as the web's What changed lists them: its lifecycle move, influence links
    added and removed ("宋涛 → 王建国 (受其信任)") and outside factors added, removed and changed."""
    rows: list[list[Any]] = []
    if lifecycle := changes.get("lifecycle"):
        rows.append(
            [
                pgettext("export", "Lifecycle"),
                f"{lifecycle.get('before_label')} → {lifecycle.get('after_label')}",
            ]
        )
    for key, title in (
        ("links_added", pgettext("export", "New influence link")),
        ("links_removed", pgettext("export", "Influence link removed")),
    ):
        for k in changes.get(key) or []:
            rows.append(
                [title, with_aside(f"{k.get('source_name')} → {k.get('target_name')}", k.get("kind_label"))]
            )
    for key, title in (
        ("factors_added", pgettext("export", "New outside factor")),
        ("factors_removed", pgettext("export", "Outside factor removed")),
    ):
        for x in changes.get(key) or []:
            rows.append([title, labelled(x.get("kind_label"), x.get("description"))])
    for x in changes.get("factors_changed") or []:
        before = x.get("before") or {}
        moved = []  # what changed, only that (an effect said "1 → 1" when the description alone had changed)
        if before.get("description") != x.get("description"):
            moved.append(f"{before.get('description')} → {x.get('description')}")
        if before.get("effect") != x.get("effect"):
            effect = pgettext("export", "effect on us")  # outside the f-string, where makemessages finds it
            moved.append(f"{effect} {before.get('effect')} → {x.get('effect')}")
        rows.append(
            [pgettext("export", "Outside factor changed"), labelled(x.get("kind_label"), " · ".join(moved))]
        )
    return rows


def answer_rows(changes: dict[str, Any]) -> list[list[Any]]:
    """The questionnaires answered in the window ("survey_answers", `maps.answers.survey_answers`), oldest first,
    under the web's heading and in its words (partials/survey_answer.html, `core.templatetags.answer_tags`):
    "2026-12-05 14:30 王建国 填写了决策因素问卷：合规 5/5 · 价格 3/5（物联网平台）", the deal aside when there is one."""
    title = gettext("Questionnaires answered")  # the web's What changed card
    rows: list[list[Any]] = []
    for s in changes.get("survey_answers") or []:
        said = f"{s.get('when')} {answer_text(s)}"
        rows.append([title, with_aside(said, s.get("deal_name")) if s.get("deal_name") else said])
    return rows


def activity_rows(changes: dict[str, Any]) -> list[list[Any]]:
    """The interactions logged in the window, newest first (the web's cap: INTERACTIONS_SHOWN, then "and N
    earlier"), then the action items done (one ticked only by closing its deal said so, as the room says it)
    and overdue, each owner named as every page names users (`owner_name`), as the web's What changed lists
    them."""
    rows: list[list[Any]] = []
    logged = changes.get("interactions") or []
    for i in logged[-INTERACTIONS_SHOWN:][::-1]:
        what = " · ".join(t for t in (i.get("kind_label"), i.get("summary")) if t)
        names = listed(i.get("names") or [])
        rows.append(
            [
                pgettext("export", "Interaction"),
                labelled(i.get("on"), with_aside(what, names) if names else what),
            ]
        )
    if (earlier := len(logged) - INTERACTIONS_SHOWN) > 0:
        rows.append(
            [
                pgettext("export", "Interaction"),
                ngettext("and %(n)s earlier", "and %(n)s earlier", earlier) % {"n": earlier},
            ]
        )
    for a in changes.get("actions_done") or []:
        said = str(CLOSED_WITH_DEAL) if a.get("closed_with_deal") else pgettext("export", "done")
        text = with_aside(a.get("text"), a.get("person_name")) if a.get("person_name") else a.get("text")
        rows.append([pgettext("export", "Action item"), labelled(said, text)])
    for a in changes.get("actions_overdue") or []:
        text = with_aside(a.get("text"), a.get("owner_name")) if a.get("owner_name") else a.get("text")
        rows.append(
            [
                pgettext("export", "Action item"),
                labelled(with_aside(a.get("due"), pgettext("export", "overdue")), text),
            ]
        )
    return rows


def role_change_rows(changes: dict[str, Any], *, since: date | datetime) -> list[list[Any]]:
    """The buying role, attitude and influence changes of the window since `since` ("role_changes" of
    `accounts.changes.what_changed`) as the web's What changed lists them (`deals.selectors_changes.role_moves`):
    one row per deal people joined ("2 people joined the deal: 李明 (Champion), …"), then each real
    change, the person old → new (the vocabulary's labels, "—" for none) and the deal. Reads the history of
    the people who joined (one query)."""
    titles = {
        "roles": pgettext("export", "Roles"),
        "attitude": pgettext("export", "Attitude"),
        "influence": pgettext("export", "Influence"),
    }
    moves = role_moves(changes.get("role_changes") or [], since=since)
    rows: list[list[Any]] = [[pgettext("export", "Joined"), _joined_text(j)] for j in moves.joined]
    for m in moves.changes:
        moved = labelled(m.get("name"), f"{m.get('before_label') or '—'} → {m.get('after_label') or '—'}")
        deal = m.get("deal_name")
        rows.append([titles.get(m.get("field"), m.get("field")), with_aside(moved, deal) if deal else moved])
    return rows


def _more_people(n: int) -> str:
    """The web's "and N more people" after a capped list of people ("还有 N 人", not the items' "还有 N 条")."""
    return ngettext("and %(n)s more person", "and %(n)s more people", n) % {"n": n}


def _joined_text(j: JoinedDeal) -> str:
    """The web's line for the people who joined one deal (partials/joined_deal.html, the same msgids):
    "2 people joined the deal: 李明 (Champion), 赵磊 · 华东项目" (at most JOINED_NAMES_SHOWN named)."""
    n = len(j.people)
    said = ngettext("%(n)s person joined the deal", "%(n)s people joined the deal", n) % {"n": n}
    names = listed(with_aside(p.name, p.roles_label) if p.roles_label else p.name for p in j.people.shown)
    if j.people.more:
        names += " " + _more_people(j.people.more)
    return with_aside(labelled(said, names), j.deal_name)
