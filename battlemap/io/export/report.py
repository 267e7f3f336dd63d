"""What an account review shows, gathered once from the map-format dict and the analysis dict.

The map dict (`battlemap.io.mapformat.export_map`) gives what was recorded: the account, the people,
the deal and its roles, action items. The analysis dict (`battlemap.maps.account_analysis`, JSON
shape of docs/analysis.md) gives everything judged: coverage holders (only people still with the
customer), met, key people, stale, win-win, flags, health and its band, playbook, influence scores.
Nothing here recomputes a judgement, so an export says what the deal room says.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, BinaryIO

from django.utils import translation

from battlemap.core.templatetags.numbers import money as money_text
from battlemap.io.labels import listed
from battlemap.maps import severity_rank


@dataclass
class MapView:
    """The recorded map, as the org chart draws it."""

    account: dict[str, Any]
    people: list[dict[str, Any]]
    by_id: dict[Any, dict[str, Any]]
    deal: dict[str, Any] | None
    roles_by_person: dict[Any, dict[str, Any]]  # the deal's roles as recorded (left people included)
    actions: list[dict[str, Any]]  # open action items of the deal, soonest due first (undated last)
    bodies: dict[Any, dict[str, Any]] = field(default_factory=dict)  # the decision bodies, by id
    # the influence links between people of the map, {from, to, kind, strength, note}; a person who
    # left keeps theirs, as on the web's org chart
    links: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class CoverageRow:
    role: str
    people: list[
        dict[str, Any]
    ]  # analysis holders: {id, name, attitude, influence, relationship, met, key, stale, chair_of}
    # the decision-maker row's bodies deciding the deal: {id, name, decision_rule, chair, seated, met, reached}
    bodies: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Report(MapView):
    """The map plus the analysis of its deal."""

    coverage: list[CoverageRow] = field(default_factory=list)
    win_win: list[dict[str, Any]] = field(default_factory=list)  # {person, name, roles, personal_win, gap}
    flags: list[dict[str, Any]] = field(default_factory=list)
    health: dict[str, Any] | None = None  # {score, band, parts}; None without a deal or when closed
    playbook: list[dict[str, Any]] = field(default_factory=list)
    key_people: list[Any] = field(default_factory=list)
    qualification: dict[str, Any] | None = None  # MEDDPICC {score, elements}
    # the deal's decision-factor weights as the analysis reads them: {source ("answers" / "typed" / None),
    # source_label, weights [{code, label, value (percent)}], respondents, typed} — the customer's answers
    # where there are any, else the seller's typed weights (analysis.feedback.deal_factor_weights)
    factors: dict[str, Any] = field(default_factory=dict)
    blue_sheet: list[dict[str, Any]] = field(default_factory=list)  # buying influences
    influence_scores: dict[Any, int] = field(default_factory=dict)
    as_of: str = ""  # the analysis day (ISO): the review's date; an action item due before it is overdue
    health_before: int | None = None  # the deal's health at the start of the review window
    # the deal was opened inside the review window: it has no earlier health ("new", as "what changed" says)
    health_new: bool = False
    # the deal was won or lost at the start of the window and reopened in it: its outcome then ("lost → 50")
    health_before_status: str = ""
    changes: dict[str, Any] = field(default_factory=dict)  # analysis "changes" (since the last review)
    # where the review window starts: the last review's local time ("YYYY-MM-DD HH:MM"), else the day
    # 30 days ago ("YYYY-MM-DD")
    review_since: str = ""
    reviewed: bool = False  # True when `review_since` is the time of the last review (else never reviewed)
    # the window's start as `accounts.changes.what_changed` read it (the review's moment, else a day), for
    # the rule that tells who joined a deal in it (deals.selectors_changes.role_moves)
    window_start: date | datetime | None = None
    reviewed_by: str = ""  # who made the last review (a manager or the team), as every page names users
    looks: dict[Any, Any] = field(default_factory=dict)  # person id → battlemap.look.Look
    circle_looks: dict[Any, Any] = field(default_factory=dict)  # the same on the circle (open deals only)
    analysis: dict[str, Any] = field(default_factory=dict)
    closed_on: str = ""  # the day (ISO) a won or lost deal was closed, when known (analysis "review")
    # the day (ISO) a deal reopened in the window had been closed, when known (analysis "review")
    closed_then_on: str = ""
    # the day (ISO) the deal's record began, when inside the review window (analysis "review"): loaded from a map file
    recorded_on: str = ""
    # the local time ("YYYY-MM-DD HH:MM") the account's map was loaded from a file, when inside the window: What
    # changed starts there (maps.loaded_in_window; analysis "review")
    loaded_at: str = ""
    # ids of the deal's process steps planned after its expected close (the analysis' `after_close`, the
    # deal room's mark: analysis.flag_rules_progress.steps_after_close)
    steps_after_close: set[int] = field(default_factory=set)

    def user(self, username: str | None) -> str:
        """A user named in the map (by username) as every page shows them (analysis "users",
        io.export.user_names); the username itself when unknown."""
        return (self.analysis.get("users") or {}).get(username or "", username or "")

    @property
    def closed(self) -> bool:
        """The deal is won or lost: it shows its outcome instead of a health, as the deal room does
        (deals/_room.html: any status but open)."""
        return self.deal is not None and self.deal.get("status", "open") != "open"

    def top_risks(self, n: int = 3) -> list[dict[str, Any]]:
        """The worst flags first (maps.severity_rank, then the analysis' own order)."""
        return sorted(self.flags, key=lambda f: -severity_rank(f.get("severity")))[:n]

    @property
    def review_days(self) -> int:
        """The length of the review window in days (0 when unknown)."""
        from datetime import date

        if not (self.as_of and self.review_since):
            return 0
        return (date.fromisoformat(self.as_of) - date.fromisoformat(self.review_since[:10])).days

    def next_steps(self) -> list[dict[str, Any]]:
        """Committed open action items, soonest due first (undated last): `actions`, in that order."""
        return self.actions


def _soonest_due(action: dict[str, Any]) -> tuple[bool, str, int]:
    return (action.get("due") is None, action.get("due") or "", action.get("id") or 0)


def pick_deal(data: dict[str, Any], deal_id: int | None) -> dict[str, Any] | None:
    deals = data.get("deals") or []
    if deal_id is not None:
        for d in deals:
            if d.get("id") == deal_id:
                return d
        raise KeyError(deal_id)
    open_deals = [d for d in deals if d.get("status", "open") == "open"]
    return (open_deals or deals or [None])[0]


def map_view(data: dict[str, Any], deal_id: int | None = None) -> MapView:
    """The recorded map and its chosen deal (`deal_id`, else the first open deal); KeyError for an unknown deal."""
    people = list(data.get("people") or [])
    ids = {p["id"] for p in people}
    deal = pick_deal(data, deal_id)
    return MapView(
        account=data.get("account") or {},
        people=people,
        by_id={p["id"]: p for p in people},
        deal=deal,
        roles_by_person={r["person"]: r for r in (deal or {}).get("roles", [])},
        # soonest due first on every page and slide (the deck's own slide listed them as created)
        actions=sorted(
            (a for a in (deal or {}).get("action_items", []) if not a.get("done")), key=_soonest_due
        ),
        bodies={b["id"]: b for b in data.get("decision_bodies") or []},
        links=[
            link
            for link in data.get("influence_links") or []
            if link.get("from") in ids and link.get("to") in ids and link.get("from") != link.get("to")
        ],
    )


def analysed_deal(analysis: dict[str, Any], deal_id: Any) -> dict[str, Any]:
    """The analysis of one deal; ValueError when the analysis does not cover it (another account?)."""
    for d in analysis.get("deals") or []:
        if d.get("id") == deal_id:
            return d
    raise ValueError(f"analysis: deal {deal_id} is not in the analysis of {analysis.get('account')!r}")


def build_report(data: dict[str, Any], analysis: dict[str, Any], deal_id: int | None = None) -> Report:
    """The review of one deal: the recorded map from `data`, every judgement from `analysis`."""
    view = map_view(data, deal_id)
    report = Report(**vars(view))
    report.influence_scores = {p["id"]: p["influence"]["score"] for p in analysis.get("people") or []}
    report.as_of = analysis.get("as_of") or ""
    report.changes = analysis.get("changes") or {}
    review = analysis.get("review") or {}
    report.review_since = review.get("since") or report.changes.get("since") or ""
    report.reviewed = bool(review.get("reviewed"))
    report.window_start = review.get("start") or _day_or_none(report.review_since)
    report.reviewed_by = review.get("by") or ""
    report.closed_on = review.get("closed_on") or ""
    report.closed_then_on = review.get("closed_then_on") or ""
    report.recorded_on = review.get("recorded_on") or ""
    report.loaded_at = review.get("loaded") or ""
    report.analysis = analysis
    from battlemap.look import circle_shows_deal, person_looks

    report.looks = person_looks(
        analysis, report.roles_by_person, deal_id=(view.deal or {}).get("id"), lang=analysis.get("lang")
    )
    report.circle_looks = (
        report.looks
        if circle_shows_deal((view.deal or {}).get("status"))
        else person_looks(analysis, {}, lang=analysis.get("lang"))
    )
    if view.deal is None:
        return report
    for move in report.changes.get("health") or []:
        if move.get("deal") == view.deal.get("id"):
            report.health_before = move.get("before")
            closed_then = move.get("before_status") not in (None, "", "open")
            report.health_before_status = move.get("before_status") if closed_then else ""
            report.health_new = move.get("before") is None and not closed_then
    judged = analysed_deal(analysis, view.deal.get("id"))
    report.coverage = [
        CoverageRow(row["role"], list(row["people"]), list(row.get("bodies") or []))
        for row in judged["coverage"]
    ]
    report.win_win = list(judged["win_win"])
    report.flags = list(judged["flags"])
    report.health = judged["health"]  # None for a closed deal: it is not at risk (analysis.health.has_health)
    if report.closed:
        report.health_before, report.health_new = None, False
    report.playbook = list(judged["playbook"])
    report.key_people = list(judged["key_people"])
    report.qualification = judged.get("qualification")
    report.factors = judged.get("factors") or {}
    report.blue_sheet = list(judged.get("blue_sheet") or [])
    report.steps_after_close = {s["id"] for s in judged.get("process") or [] if s.get("after_close")}
    return report


def _day_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def flag_people(report: MapView, flag: dict[str, Any]) -> str:
    """The names of the people a flag concerns."""
    return listed(report.by_id[i]["name"] for i in flag.get("people") or [] if i in report.by_id)


def money(amount: Any, currency: Any) -> str:
    """`12,000,000 CNY` as every page shows it (core's `money` filter); empty when there is no amount."""
    return money_text(amount, currency or "")


def part_shown(part: dict[str, Any]) -> int | float | None:
    """A health part's whole points as the analysis shows them (`shown`: the parts add up to the score,
    analysis.health.shown_points), else its points (None when it has none)."""
    return part.get("shown", part.get("points"))


def part_points(part: dict[str, Any]) -> str:
    """`part_shown` as text, a float rounded to whole points."""
    value = part_shown(part)
    return f"{value:.0f}" if isinstance(value, float) else str(value if value is not None else "")


def children_of(people: list[dict[str, Any]]) -> tuple[list[Any], dict[Any, list[Any]]]:
    """Roots and children of the reporting tree (people whose manager is outside the map are roots)."""
    ids = {p["id"] for p in people}
    kids: dict[Any, list[Any]] = {p["id"]: [] for p in people}
    roots = []
    for p in people:
        boss = p.get("reports_to")
        if boss in ids and boss != p["id"]:
            kids[boss].append(p["id"])
        else:
            roots.append(p["id"])
    return roots, kids


Draw = Callable[[BinaryIO, dict[str, Any], dict[str, Any], "int | None"], None]


def analysed_export(draw: Draw) -> Callable[..., bytes]:
    """An analysed export, `export(data, *, analysis, deal_id=None, lang="zh-hans") -> bytes`, from
    `draw(buffer, data, analysis, deal_id)`, which writes the file into `buffer` in the language `lang`."""

    @functools.wraps(draw)
    def export(
        data: dict[str, Any], *, analysis: dict[str, Any], deal_id: int | None = None, lang: str = "zh-hans"
    ) -> bytes:
        buf = io.BytesIO()
        with translation.override(lang):
            draw(buf, data, analysis, deal_id)
        return buf.getvalue()

    return export
