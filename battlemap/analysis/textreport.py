"""A readable terminal report, rendered from the JSON shape of `report.analysis_json`."""

from __future__ import annotations

import unicodedata
from typing import Any

from battlemap.punctuation import aside, labelled, list_separator

from .coverage import NOT_TO_MEET, as_chair_of
from .i18n import gettext_noop, label, pgettext_noop, tr

_TITLE = gettext_noop("Battle map analysis: %(account)s, as of %(date)s")
_PEOPLE = gettext_noop("Influence")
_DEAL = gettext_noop("Deal %(name)s — stage: %(stage)s, status: %(status)s")
_HEALTH = gettext_noop("Health %(score)s/100")
_NO_HEALTH = gettext_noop(
    "A closed deal is not at risk: it has no health. Reopen it to follow its health again."
)
_FLAGS = gettext_noop("Red flags")
_NO_FLAGS = gettext_noop("No red flags.")
_PLAYBOOK = gettext_noop("Next best actions")
_COVERAGE = gettext_noop("Coverage")
_WINWIN = gettext_noop("Win-win")
_FACTORS = gettext_noop("External factors")
_CHANGES = gettext_noop("Changes since %(date)s")
_GAP = gettext_noop("(gap)")
_YES, _NO = gettext_noop("yes"), gettext_noop("no")
_BODY = gettext_noop("decision body")
COL_NAME, COL_SCORE, COL_RING, COL_DRIVERS = (
    pgettext_noop("person", "name"),
    gettext_noop("score"),
    gettext_noop("ring"),
    gettext_noop("drivers"),
)
COL_ROLE, COL_PEOPLE, COL_MET, COL_ATTITUDE = (
    gettext_noop("role"),
    gettext_noop("people"),
    gettext_noop("met"),
    gettext_noop("attitude"),
)
COL_PERSONAL, COL_BUSINESS, COL_OURS = (
    gettext_noop("personal win"),
    gettext_noop("business win"),
    gettext_noop("our win"),
)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(headers: list[str], rows: list[list[str]]) -> str:
    """`rows` under `headers` as aligned text columns (a wide CJK character counts two), a dashed rule under
    the headers, trailing spaces trimmed. Every row has one cell per header."""
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)


def _coverage_lines(row: dict[str, Any], lang: str) -> list[list[str]]:
    """A buying role's lines of the coverage table: one per holder, met or not and their attitude (as the deal
    room's grid and the XLSX say it, person by person: one "met" for the role read as every holder met), then
    each body deciding the deal whose chair holds no part, met when reached (`coverage.body_reached`); "-" for a
    role nobody holds. A sealed body, and whoever sits on it, unmet, is "not to be met" (the analysis' `sealed`)."""
    holders = {h["id"] for h in row["people"]}
    lines = [
        [
            row["label"],
            _holder_name(h, lang),
            _met(h["met"], h.get("sealed"), lang),
            label(lang, h["attitude"]),
        ]
        for h in row["people"]
    ]
    lines += [
        [
            row["label"],
            b["name"] + aside(lang, tr(lang, _BODY)),
            _met(b["reached"], b.get("sealed"), lang),
            "",
        ]
        for b in row.get("bodies") or []
        if b.get("chair") not in holders
    ]
    return lines or [[row["label"], "-", "", ""]]


def _met(met: bool, sealed: bool | None, lang: str) -> str:
    """The met column: yes, no, or — unmet on a sealed body (the analysis' `sealed`) — not to be met, no gap."""
    return tr(lang, _YES if met else NOT_TO_MEET if sealed else _NO)


def _holder_name(holder: dict[str, Any], lang: str) -> str:
    """A holder's name, with why they decide when they chair a body that does ("陈国强（作为集团党委会主持人拍板）"),
    as the deal room, the PDF and the deck say it."""
    chaired = holder.get("chair_of") or []
    return holder["name"] + aside(lang, as_chair_of(lang, chaired)) if chaired else holder["name"]


def text_report(data: dict[str, Any], lang: str) -> str:
    """The terminal report of `data` (the `report.analysis_json` shape) in `lang`: the first 25 people's
    influence, then per deal its health, flags, first 8 playbook items, coverage and win-win, then the
    external factors and the changes when present; ends with a newline."""
    out = [tr(lang, _TITLE, account=data["account_name"] or data["account"], date=data["as_of"]), ""]
    out += [f"== {tr(lang, _PEOPLE)} =="]
    out.append(
        table(
            [tr(lang, COL_NAME), tr(lang, COL_SCORE), tr(lang, COL_RING), tr(lang, COL_DRIVERS)],
            [
                [
                    p["name"],
                    str(p["influence"]["score"]),
                    label(lang, p["ring"]),
                    ("；" if lang != "en" else "; ").join(p["influence"]["drivers"]),
                ]
                for p in data["people"][:25]
            ],
        )
    )
    for deal in data["deals"]:
        out += [
            "",
            "== "
            + tr(
                lang,
                _DEAL,
                name=deal["name"],
                stage=label(lang, deal["stage"]),
                status=label(lang, deal["status"]),
            )
            + " ==",
        ]
        health = deal["health"]  # None: a won or lost deal (analysis.health.has_health)
        if health is None:
            out.append(tr(lang, _NO_HEALTH))
        else:
            # the whole points adding up to the score, as the deal room, PDF, deck and XLSX show them
            # (`shown`, analysis.health.shown_points) — not the engine's tenths ("+15.4" beside a 16)
            parts = list_separator(lang).join(f"{p['label']} {p['shown']:+d}" for p in health["parts"])
            out.append(tr(lang, _HEALTH, score=health["score"]) + aside(lang, parts))
        out += ["", f"-- {tr(lang, _FLAGS)} --"]
        if not deal["flags"]:
            out.append(tr(lang, _NO_FLAGS))
        for flag in deal["flags"]:
            out.append(
                f"[{label(lang, flag['severity'])}] {flag['title']} ({flag['code']}): {flag['reason']}"
            )
            out.append(f"    → {flag['action']}")
        out += ["", f"-- {tr(lang, _PLAYBOOK)} --"]
        out += [f"{i}. {item['text']}" for i, item in enumerate(deal["playbook"][:8], start=1)]
        out += ["", f"-- {tr(lang, _COVERAGE)} --"]
        out.append(
            table(
                [tr(lang, COL_ROLE), tr(lang, COL_PEOPLE), tr(lang, COL_MET), tr(lang, COL_ATTITUDE)],
                [line for row in deal["coverage"] for line in _coverage_lines(row, lang)],
            )
        )
        if deal["win_win"]:
            out += ["", f"-- {tr(lang, _WINWIN)} --"]
            out.append(
                table(
                    [tr(lang, COL_NAME), tr(lang, COL_PERSONAL), tr(lang, COL_BUSINESS), tr(lang, COL_OURS)],
                    [
                        [w["name"], w["personal_win"] or tr(lang, _GAP), w["business_win"], w["our_win"]]
                        for w in deal["win_win"]
                    ],
                )
            )
    if data["external_factors"]:
        out += ["", f"== {tr(lang, _FACTORS)} =="]
        out += [f"{f['effect']:+d} {f['description']} ({f['reason']})" for f in data["external_factors"]]
    if "changes" in data:
        out += ["", _changes_text(data["changes"], lang)]
    return "\n".join(out) + "\n"


_NEW_FLAGS, _WORSE, _RESOLVED = (
    gettext_noop("New flags"),
    gettext_noop("Worse flags"),
    gettext_noop("Resolved flags"),
)
_HEALTH_MOVES, _ADDED, _LEFT, _RERATED, _MOVES = (
    gettext_noop("Health"),
    gettext_noop("People added"),
    gettext_noop("People left"),
    gettext_noop("Re-rated"),
    gettext_noop("Stage moves"),
)
_STATUS = gettext_noop("Deals closed or reopened")
_REMOVED = gettext_noop("People removed from the map")


def _health_end(lang: str, score: int | None, status: str | None) -> str:
    """One end of a health move: the score, or the outcome of a deal won or lost then (it has no health:
    "44 → lost", "lost → 50"), "-" for a deal not there (new, deleted)."""
    return label(lang, status) if score is None and status not in (None, "", "open") else _or_dash(score)


def _or_dash(value: object) -> str:
    return "-" if value is None else str(value)


def _flag_change(lang: str, change: dict[str, Any]) -> str:
    """A flag new, worse or resolved: its deal, title and code, and a worse flag's note as What changed gives it
    ("Key person left (key_person_left) · now also names 陈国强")."""
    what = " · ".join(filter(None, [f"{change['title']} ({change['code']})", change.get("note")]))
    return labelled(lang, change["deal_name"], what)


def _changes_text(changes: dict[str, Any], lang: str) -> str:
    out = [f"== {tr(lang, _CHANGES, date=changes['since'])} =="]
    sections = [
        (_NEW_FLAGS, [_flag_change(lang, c) for c in changes["new_flags"]]),
        (_WORSE, [_flag_change(lang, c) for c in changes.get("worse_flags", [])]),
        (_RESOLVED, [_flag_change(lang, c) for c in changes["resolved_flags"]]),
        (
            _HEALTH_MOVES,
            [
                labelled(
                    lang,
                    h["name"],
                    f"{_health_end(lang, h['before'], h.get('before_status'))}"
                    f" → {_health_end(lang, h['after'], h.get('status'))}",
                )
                for h in changes["health"]
                if h["before"] != h["after"]
            ],
        ),
        (_ADDED, [f"{p['name']}" for p in changes["people_added"]]),
        (_LEFT, [labelled(lang, p["name"], p["detail"]) for p in changes["people_left"]]),
        (_REMOVED, [p["name"] for p in changes.get("people_removed") or []]),
        (_RERATED, [labelled(lang, p["name"], p["detail"]) for p in changes["people_rerated"]]),
        (
            _MOVES,
            [
                labelled(lang, m["name"], f"{label(lang, m['before'] or '-')} → {label(lang, m['after'])}")
                for m in changes["stage_moves"]
            ],
        ),
        (
            _STATUS,
            [
                labelled(lang, m["name"], f"{m['before_label']} → {m['after_label']}")
                + aside(lang, " · ".join(x for x in (m["when"], m["by"]) if x))
                for m in changes.get("status_changes", [])
            ],
        ),
    ]
    for title, lines in sections:
        if lines:
            out.append(f"-- {tr(lang, title)} --")
            out += [f"  {line}" for line in lines]
    return "\n".join(out)
