"""What the pipeline and the map-quality report read of every open deal, cached like the analysis.

    deal_summaries(*, accounts, lang=None) -> {account id: {deal id: {...}}}   from today's analysis
    health_trends(*, accounts, weeks=8) -> {account id: {deal id: [score | None, …]}}  past weeks, history
    map_quality(deal_result) -> {"score", "band", "complete", "parts", "missing"}     a reader of the result

Both lists are small and cached per account (cache.py), so a pipeline of hundreds of deals reads a few
rows instead of every full analysis, in a number of queries that does not grow with the deals.
Access must have been checked by the caller (core.access).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from battlemap import analysis as engine
from battlemap.accounts.models import Account
from battlemap.analysis.types import MapSnapshot
from battlemap.core.dates import end_of_day

from .analysis import account_analyses, analysis_language, analysis_settings_many, worst_flag
from .cache import cached_per_account, map_history_counts
from .snapshot import build_snapshots

TREND_WEEKS = 8  # the pipeline's sparkline: the health at the end of each of the last 7 weeks, and today
TREND_CACHE_SECONDS = 8 * 24 * 3600  # past weeks do not change: keep them past the next Sunday

# The map is complete (Altify-style "relationship map quality") when none of these four parts
# (vocab.MAP_QUALITY_PARTS) is missing. Each part is read from the analysis' flags, never decided again here: a part is missing
# while one of its flags is raised on the deal.
QUALITY_PARTS = (
    ("decision_maker_known", ("no_decision_maker",)),
    ("decision_maker_met", ("no_decision_maker", "decision_maker_not_met")),
    ("has_champion", ("no_champion",)),
    ("opponents_addressed", ("unaddressed_opponent",)),
)
QUALITY_FLAGS = tuple(dict.fromkeys(code for _part, codes in QUALITY_PARTS for code in codes))


def map_quality(deal_result: dict[str, Any]) -> dict[str, Any]:
    """How complete an analysed deal's map is: {"score": parts present (0–4), "band": green (all four)
    / amber (three) / red (two or fewer), "complete", "parts": [{"code", "ok", "flag": the raised flag
    that makes it missing (None when ok), "repeats": that flag already made an earlier part missing —
    "decision maker met" when no decision maker is identified}], "missing": [the raised flags that make
    parts missing, as the analysis gives them]}."""
    raised = {f["code"]: f for f in deal_result.get("flags", [])}
    parts: list[dict[str, Any]] = []
    seen: set[str] = set()
    for code, codes in QUALITY_PARTS:
        flag = next((raised[c] for c in codes if c in raised), None)
        parts.append(
            {"code": code, "ok": flag is None, "flag": flag, "repeats": bool(flag) and flag["code"] in seen}
        )
        seen |= {c for c in codes if c in raised}
    score = sum(p["ok"] for p in parts)
    band = "green" if score == len(parts) else "amber" if score == len(parts) - 1 else "red"
    return {
        "score": score,
        "band": band,
        "complete": band == "green",
        "parts": parts,
        "missing": [raised[code] for code in QUALITY_FLAGS if code in raised],
    }


def deal_summaries(
    *, accounts: list[Account], lang: str | None = None, fingerprint: str | None = None
) -> dict[int, dict[int, dict[str, Any]]]:
    """Per account, per open deal: {"health", "band", "flag" (the worst, or None), "flags" (codes),
    "days_in_stage", "quality" (map_quality), "qualification" (the MEDDPICC score)} as today's analysis
    gives them. Cached per account."""
    code = analysis_language(lang)

    def build_many(todo: list[Account]) -> dict[int, dict[int, dict[str, Any]]]:
        analyses = account_analyses(accounts=todo, lang=code)
        out: dict[int, dict[int, dict[str, Any]]] = {}
        for account in todo:
            out[account.pk] = {
                d["id"]: {
                    "health": d["health"]["score"] if d["health"] else None,  # None: won or lost
                    "band": d["health"]["band"] if d["health"] else "",
                    "flag": worst_flag([d]),
                    "flags": [f["code"] for f in d["flags"]],
                    "days_in_stage": d.get("days_in_stage"),
                    "quality": map_quality(d),
                    "qualification": (d.get("qualification") or {}).get("score"),
                }
                for d in analyses[account.pk]["deals"]
                if d.get("status", "open") == "open"
            }
        return out

    return cached_per_account(
        list(accounts), kind=f"deals:v3:{code}", build_many=build_many, current=fingerprint
    )


def trend_days(today: date, weeks: int = TREND_WEEKS) -> list[date]:
    """The days of the sparkline's points, oldest first: the ends (Sundays) of the `weeks` − 1 weeks
    before this one, then today."""
    last_sunday = today - timedelta(days=today.weekday() + 1)
    return [last_sunday - timedelta(days=7 * k) for k in range(weeks - 2, -1, -1)] + [today]


def health_trends(
    *, accounts: list[Account], weeks: int = TREND_WEEKS, fingerprint: str | None = None
) -> dict[int, dict[int, list[int | None]]]:
    """Per account, per deal open then: its health score at the end of each past day of `trend_days`
    (oldest first; None where the deal did not exist yet or was not open), from the analysis of the
    map as recorded then — today's point is not included (it is today's analysis, `deal_summaries`).

    `fingerprint`: `maps.cache.global_fingerprint()` when just read (a page asking for both lists).

    Past weeks do not change, so the result is cached for a week (until the next Sunday), and
    recomputed for an account only when its history up to the last point changes (a back-dated edit;
    an edit made this week leaves it be). The first view
    of a new week computes `weeks` − 1 analyses of the past per account, reading the maps of every
    account as of each day together (one query per table and day, whatever the number of accounts)."""
    days = trend_days(timezone.localdate(), weeks)[:-1]

    def build_many(todo: list[Account]) -> dict[int, dict[int, list[int | None]]]:
        points: dict[int, dict[int, dict[date, int]]] = {a.pk: {} for a in todo}
        settings = analysis_settings_many(todo)
        counts: dict[int, tuple[int, ...]] = {}
        snapshots: dict[int, MapSnapshot | None] = {}  # None: the account did not exist yet
        for day in days:
            now = map_history_counts([a.pk for a in todo], end_of_day(day))
            # nothing recorded in between: the same map, a week older (read once, not again)
            again = [a for a in todo if a.pk not in snapshots or now[a.pk] != counts[a.pk]]
            read = build_snapshots(accounts=again, as_of=day)  # one query per table for all of them
            reread = {a.pk for a in again}
            for account in todo:
                pk = account.pk
                if pk in reread:
                    snapshots[pk] = read.get(pk)  # missing: the account did not exist yet
                elif snapshots[pk] is not None:
                    snapshots[pk] = replace(snapshots[pk], today=day)
                counts[pk] = now[pk]
                snapshot = snapshots[pk]
                if snapshot is None:
                    continue
                for d in engine.analyze(snapshot, settings=settings[pk], lang="en").deals:
                    if d.deal.status == "open":
                        points[pk].setdefault(d.deal.id, {})[day] = d.health.score
        return {
            pk: {deal_id: [by_day.get(day) for day in days] for deal_id, by_day in deals.items()}
            for pk, deals in points.items()
        }

    return cached_per_account(
        list(accounts),
        kind=f"trend:{weeks}",
        build_many=build_many,
        day=days[-1].isoformat(),
        timeout=TREND_CACHE_SECONDS,
        until=end_of_day(days[-1]),
        current=fingerprint,
    )
