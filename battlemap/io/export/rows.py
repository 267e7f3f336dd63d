"""The tables of the account review, as header + rows of text, shared by the PDF and the PPTX so both
say the same thing (and what the deal room says: every judgement comes from the analysis).
Call inside `translation.override(lang)`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext

from battlemap.analysis.actions import overdue

from ..labels import (
    ATTITUDE_LABELS,
    BUYING_INFLUENCE_LABELS,
    DEGREE_LABELS,
    FLAG_LABELS,
    MEDDPICC_LABELS,
    QUALIFICATION_LABELS,
    RELATIONSHIP_LABELS,
    RESPONSE_MODE_LABELS,
    ROLE_LABELS,
    SEVERITY_LABELS,
    STAGE_LABELS,
    STRENGTH_LABELS,
    label,
    roles_text,
)
from .report import Report, flag_people, money, part_points

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
    """The Blue Sheet's buying influences: part, degree, response mode, win-result, red flags, strengths."""
    header = [
        pgettext("export", "Person"),
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
            label(BUYING_INFLUENCE_LABELS, b["kind"]),
            label(DEGREE_LABELS, b["degree"]),
            label(RESPONSE_MODE_LABELS, b["response_mode"]) or pgettext("export", "Not assessed"),
            not_stated(b["personal_win"]),
            ", ".join(label(FLAG_LABELS, c) for c in b["red_flags"]),
            ", ".join(label(STRENGTH_LABELS, c) for c in b["strengths"]),
        ]
        for b in r.blue_sheet
    ]
    return header, rows


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


# ---- the executive summary (page / slide 1) and the later review sections ----


def health_text(r: Report) -> str:
    """`25 (in trouble) · ↓ from 40 on 2026-10-31`: the score, its band and the trend over the review
    window (since the last review, else the last 30 days)."""
    if r.health is None:
        return ""
    bands = {
        "good": pgettext("export", "healthy"),
        "fair": pgettext("export", "needs attention"),
        "poor": pgettext("export", "in trouble"),
    }
    score = r.health.get("score")
    band = r.health.get("band") or ""
    text = f"{score} ({bands.get(band, band)})" if band else str(score)
    before, day = r.health_before, r.review_since
    if before is None or before == score:
        if r.reviewed:
            trend = pgettext("export", "no change since the last review (%(day)s)") % {"day": day}
        else:
            trend = pgettext("export", "no change in the last %(days)s days") % {"days": r.review_days}
        return f"{text} · {trend}"
    values = {"arrow": "↑" if score > before else "↓", "before": before, "day": day}
    if r.reviewed:
        return (
            text
            + " · "
            + pgettext("export", "%(arrow)s from %(before)s at the last review (%(day)s)") % values
        )
    return text + " · " + pgettext("export", "%(arrow)s from %(before)s on %(day)s") % values


def window_title(r: Report) -> str:
    """The heading of "what changed": since the last review, or the last 30 days when never reviewed."""
    if r.reviewed:
        return pgettext("export", "What changed since the last review (%(day)s)") % {"day": r.review_since}
    return pgettext("export", "What changed in the last %(days)s days (never reviewed)") % {
        "days": r.review_days
    }


def last_review_text(r: Report) -> str:
    if r.reviewed:
        return r.review_since
    return pgettext("export", "never (compared with %(day)s)") % {"day": r.review_since}


def change_counts(r: Report) -> str:
    """`2 new red flags · 1 worse · 1 resolved · 3 people new`: the size of the change since the review."""
    c = r.changes or {}
    deal = (r.deal or {}).get("id")

    def n(key: str) -> int:
        return sum(1 for f in c.get(key) or [] if f.get("deal") in (None, deal))

    return pgettext(
        "export", "%(new)s new red flags · %(worse)s worse · %(resolved)s resolved · %(people)s new people"
    ) % {
        "new": n("new_flags"),
        "worse": n("worse_flags"),
        "resolved": n("resolved_flags"),
        "people": len(c.get("people_added") or []),
    }


def _lang() -> str:
    from django.utils import translation

    return translation.get_language() or "zh-hans"


def summary_facts(r: Report) -> list[tuple[str, str]]:
    """Deal, stage, amount, close date, health with trend, owner and review date."""
    d = r.deal or {}
    facts = [
        (pgettext("export", "Deal"), d.get("name") or pgettext("export", "No open deal")),
        (pgettext("export", "Stage"), label(STAGE_LABELS, d.get("stage"))),
        (pgettext("export", "Amount"), money(d.get("amount"), d.get("currency"))),
        (pgettext("export", "Expected close"), d.get("expected_close") or ""),
        (pgettext("export", "Health"), health_text(r)),
        (pgettext("export", "Owner"), r.account.get("owner") or ""),
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


def overdue_text() -> str:
    return pgettext("export", "OVERDUE")


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
            a.get("owner") or pgettext("export", "nobody yet"),
            (
                f"{a['due']} · {overdue_text()}"
                if a["overdue"]
                else a.get("due") or pgettext("export", "no date")
            ),
        ]
        for a in r.next_steps()
    ]
    return header, rows or [[pgettext("export", "No next step committed yet."), "", "", ""]]


def competitor_table(r: Report) -> Table:
    """Each competitor of the deal (its list, who won it, favoured competitors, notes; one name key, as the
    competitor view matches them): who favours them, strengths, weaknesses and what they offered."""
    from battlemap.competition.selectors import names_by_key
    from battlemap.io.text import match_name

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
                ", ".join(who),
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
    return header, rows or [[pgettext("export", "None recorded."), "", "", "", ""]]


def factor_table(r: Report) -> Table:
    """Decision factors (weight and share) and the channels the customer uses in each stage."""
    from battlemap.vocab import CHANNELS, DECISION_FACTORS

    lang = _lang()
    d = r.deal or {}
    factors = d.get("decision_factors") or {}
    total = sum(factors.values()) or 1
    rows: list[list[Any]] = [
        [DECISION_FACTORS.label(k, lang), f"{v} ({round(100 * v / total)}%)"]
        for k, v in sorted(factors.items(), key=lambda kv: -kv[1])
    ]
    for stage, channels in (d.get("channels") or {}).items():
        rows.append(
            [
                pgettext("export", "Channels in %(stage)s") % {"stage": label(STAGE_LABELS, stage)},
                ", ".join(CHANNELS.label(c, lang) for c in channels),
            ]
        )
    header = [pgettext("export", "Decision factor / channel"), pgettext("export", "Weight / channels")]
    return header, rows or [[pgettext("export", "Not stated yet"), ""]]


def stage_table(r: Report) -> Table:
    header = [pgettext("export", "Date"), pgettext("export", "Stage"), pgettext("export", "Note")]
    rows = [
        [c.get("date") or "", label(STAGE_LABELS, c.get("stage")), c.get("note") or ""]
        for c in (r.deal or {}).get("stage_history") or []
    ]
    return header, rows or [["", pgettext("export", "No stage change recorded."), ""]]


def process_table(r: Report) -> Table:
    """The deal's purchase process in order (its compelling event first): step, status, planned and
    actual dates, the body and the people responsible."""
    from battlemap.vocab import PROCESS_STEPS, STEP_STATUSES

    lang = _lang()
    d = r.deal or {}
    rows: list[list[Any]] = []
    if d.get("compelling_event") or d.get("compelling_event_on"):
        rows.append(
            [
                pgettext("export", "Compelling event"),
                d.get("compelling_event") or "",
                d.get("compelling_event_on") or "",
                "",
                "",
            ]
        )
    for step in d.get("process") or []:
        title = step.get("name") or PROCESS_STEPS.label(step.get("kind"), lang)
        body = r.bodies.get(step.get("body"), {}).get("name", "")
        people = [r.by_id[i]["name"] for i in step.get("people") or [] if i in r.by_id]
        rows.append(
            [
                title,
                STEP_STATUSES.label(step.get("status"), lang),
                step.get("planned_on") or "",
                step.get("done_on") or "",
                ", ".join(n for n in (body, *people) if n),
            ]
        )
    header = [
        pgettext("export", "Step"),
        pgettext("export", "Status"),
        pgettext("export", "Planned on"),
        pgettext("export", "Done on"),
        pgettext("export", "Responsible"),
    ]
    return header, rows or [[pgettext("export", "No purchase process recorded."), "", "", "", ""]]


def body_table(r: Report) -> Table:
    """The decision bodies with a part in the deal: kind, roles, how they decide, chair, members (met or not;
    no ✓: the PDF's font has no such glyph)."""
    from battlemap.vocab import BODY_KINDS, DECISION_RULES

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
                f"{body['name']} ({BODY_KINDS.label(body.get('kind'), lang)})",
                roles_text(role.get("roles") or []),
                DECISION_RULES.label(body.get("decision_rule"), lang),
                chair,
                ", ".join(members) or pgettext("export", "Members not known yet"),
            ]
        )
    header = [
        pgettext("export", "Decision body"),
        pgettext("export", "Roles"),
        pgettext("export", "Decides by"),
        pgettext("export", "Chair"),
        pgettext("export", "Members"),
    ]
    return header, rows or [[pgettext("export", "No decision body has a part in this deal."), "", "", "", ""]]


def change_table(r: Report) -> Table:
    """What changed in the review window (`window_title`): flags new, worse and resolved, health, people,
    stages."""
    c = r.changes or {}
    header = [pgettext("export", "Change"), pgettext("export", "What")]
    rows: list[list[Any]] = []
    for key, title in (
        ("new_flags", pgettext("export", "New red flag")),
        ("worse_flags", pgettext("export", "Worse red flag")),
        ("resolved_flags", pgettext("export", "Resolved red flag")),
    ):
        for f in c.get(key) or []:
            rows.append([title, f"{f.get('title') or f.get('code')} ({f.get('deal_name') or ''})"])
    for h in c.get("health") or []:
        if h.get("before") == h.get("after"):
            continue  # the analysis gives every deal's health at both ends; only a move is a change
        rows.append([pgettext("export", "Health"), f"{h.get('name')}: {h.get('before')} → {h.get('after')}"])
    for s in c.get("stage_moves") or []:
        rows.append(
            [
                pgettext("export", "Stage"),
                f"{s.get('name')}: {label(STAGE_LABELS, s.get('before'))} → {label(STAGE_LABELS, s.get('after'))}",
            ]
        )
    for key, title in (
        ("people_added", pgettext("export", "New person")),
        ("people_left", pgettext("export", "Left")),
        ("people_rerated", pgettext("export", "Re-rated")),
    ):
        for p in c.get(key) or []:
            rows.append([title, " ".join(t for t in (p.get("name"), p.get("detail")) if t)])
    return header, rows or [["", pgettext("export", "Nothing changed.")]]


def outside_table(r: Report) -> Table:
    """The outside factors on the decision, with their effect on us."""
    from battlemap.vocab import FACTOR_KINDS

    header = [
        pgettext("export", "Outside factor"),
        pgettext("export", "Kind"),
        pgettext("export", "Effect on us"),
    ]
    rows = [
        [f.get("description"), FACTOR_KINDS.label(f.get("kind"), _lang()), f"{f.get('effect', 0):+d}"]
        for f in r.analysis.get("external_factors") or []
    ]
    return header, rows or [[pgettext("export", "None recorded."), "", ""]]
