"""The analysis of an account's map, now (cached) or as of a day (what changed since a day: `maps.changes`).

Every surface (pages, API, CLI, exports, "This week") reads the analysis from here, in the JSON
shape of docs/analysis.md, and takes flags, "met", "key person", "stale", scores and health bands
from it instead of recomputing them. Access must have been checked by the caller (core.access).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any

from django.utils import translation

from battlemap import analysis as engine  # its entry points load numpy/scipy on first use, not at import
from battlemap.accounts.models import Account
from battlemap.analysis.health import health_band_label
from battlemap.analysis.settings import DEFAULT_SETTINGS, AnalysisSettings
from battlemap.analysis.types import AccountAnalysis
from battlemap.core.multilingual import active_language
from battlemap.teams.models import WarningSettings
from battlemap.vocab import HEALTH_BANDS

from .cache import cached_per_account
from .snapshot import build_snapshot, build_snapshots


def analysis_language(lang: str | None = None) -> str:
    """ "zh" or "en": `lang` when given (zh, zh-hans, zh_Hans, zh-CN, en…), else the active UI language."""
    code = (lang or active_language()).lower()
    return "zh" if code.startswith("zh") else "en"


def analysis_settings(account: Account) -> AnalysisSettings:
    """The thresholds the analysis of `account` uses: the defaults (analysis/settings.py), with the
    warning settings of the account's team over them (teams.WarningSettings; stage limits merged)."""
    if account.team_id is None:
        return DEFAULT_SETTINGS
    return _settings(WarningSettings.objects.filter(team_id=account.team_id).first())


def analysis_settings_many(accounts: list[Account]) -> dict[int, AnalysisSettings]:
    """`analysis_settings` of many accounts, {account id: settings}, in one query."""
    teams = {a.team_id for a in accounts if a.team_id is not None}
    rows = {w.team_id: w for w in WarningSettings.objects.filter(team_id__in=teams)} if teams else {}
    return {a.pk: _settings(rows.get(a.team_id)) for a in accounts}


def _settings(team_settings: WarningSettings | None) -> AnalysisSettings:
    overrides = team_settings.overrides() if team_settings else {}
    if not overrides:
        return DEFAULT_SETTINGS
    if "stage_limit_days" in overrides:
        overrides["stage_limit_days"] = {**DEFAULT_SETTINGS.stage_limit_days, **overrides["stage_limit_days"]}
    return replace(DEFAULT_SETTINGS, **overrides)


def _read_in(lang: str):
    """The map read with `lang` ("zh", "en") active: what is stored in no language (an erased person's
    placeholder and marks, people/erased.py) reads in the analysis's language, whatever the caller's."""
    return translation.override("zh-hans" if lang == "zh" else "en")


def _analyze(account: Account, lang: str, as_of: date | None) -> AccountAnalysis:
    with _read_in(lang):
        snapshot = build_snapshot(account=account, as_of=as_of)
    return engine.analyze(snapshot, settings=analysis_settings(account), lang=lang)


def _analyze_many(
    accounts: list[Account],
    lang: str,
    as_of: date | None = None,
    settings: dict[int, AnalysisSettings] | None = None,
) -> dict[int, AccountAnalysis]:
    """The analysis of each account's map (today's, or as of the end of day `as_of`), {account id:
    analysis}, read in one query per table for all of them; an account that did not exist yet at
    `as_of` is left out. `settings`: `analysis_settings_many(accounts)` when already read."""
    with _read_in(lang):
        snapshots = build_snapshots(accounts=accounts, as_of=as_of)
    settings = settings or analysis_settings_many(accounts)
    return {pk: engine.analyze(s, settings=settings[pk], lang=lang) for pk, s in snapshots.items()}


def _fresh_analyses(accounts: list[Account], lang: str) -> dict[int, dict[str, Any]]:
    """The analysis of today's map of each account, computed now (what the cache stores)."""
    return {pk: engine.analysis_json(a) for pk, a in _analyze_many(accounts, lang).items()}


def _one_deal(result: dict[str, Any], account: Account, deal_id: int | None) -> dict[str, Any]:
    if deal_id is None:
        return result
    deals = [d for d in result["deals"] if d["id"] == deal_id]
    if not deals:
        raise ValueError(f"deal: no deal {deal_id} in account {account.slug!r}")
    return {**result, "deals": deals}


def account_analyses(*, accounts: list[Account], lang: str | None = None) -> dict[int, dict[str, Any]]:
    """The analysis of today's map of each account, {account id: JSON dict}, cached (see cache.py).

    `lang`: zh or en (default: the active UI language)."""
    code = analysis_language(lang)
    return cached_per_account(
        list(accounts), kind=f"analysis:{code}", build_many=lambda todo: _fresh_analyses(todo, code)
    )


def account_analysis(
    *, account: Account, lang: str | None = None, as_of: date | None = None, deal_id: int | None = None
) -> dict[str, Any]:
    """The analysis of `account` as the JSON dict of docs/analysis.md:
    {"account", "account_name", "as_of", "lang", "people": [...], "deals": [{"id", "health": {"score",
    "band", "parts"}, "key_people", "coverage": [{"role", "people": [{"id", "met", "key", "stale", …}]}],
    "flags", "playbook", "win_win"}], "external_factors": [...]}.

    Today's map (`as_of` None) is cached until the map changes; `as_of` analyses the map as recorded
    at the end of that day, with that day as "today". `deal_id` keeps that one deal.
    Raises ValueError("as_of: …") before the account existed, ValueError("deal: …") for a deal that
    is not in the account (at that date).
    """
    if as_of is None:
        result = account_analyses(accounts=[account], lang=lang)[account.pk]
    else:
        result = engine.analysis_json(_analyze(account, analysis_language(lang), as_of))
    return _one_deal(result, account, deal_id)


def account_summaries(*, accounts: list[Account], lang: str | None = None) -> dict[int, dict[str, Any]]:
    """What the portfolio shows of each account, {account id: {"open_deals", "health", "band", "flag",
    "last_contact"}}: the number of open deals, the health score and band of the weakest open deal, the
    worst flag over the open deals (as the analysis gives them) and the newest interaction's time up to today
    (`interactions.selectors.last_contact_by_account`: a future one is no contact yet).
    Small and cached like the analysis, so a portfolio of hundreds of accounts reads a few rows
    instead of every full analysis, and no aggregate over every interaction."""
    code = analysis_language(lang)

    def build_many(todo: list[Account]) -> dict[int, dict[str, Any]]:
        from battlemap.interactions.selectors import last_contact_by_account

        analyses = account_analyses(accounts=todo, lang=code)
        last = last_contact_by_account([a.pk for a in todo])
        out = {}
        for account in todo:
            open_deals = [d for d in analyses[account.pk]["deals"] if d.get("status", "open") == "open"]
            # the account is as healthy as its weakest open deal
            weakest = min(open_deals, key=lambda d: d["health"]["score"], default=None)
            out[account.pk] = {
                "open_deals": len(open_deals),
                "health": weakest["health"]["score"] if weakest else None,
                "band": weakest["health"]["band"] if weakest else "",
                "flag": worst_flag(open_deals),
                "last_contact": last.get(account.pk),
            }
        return out

    return cached_per_account(list(accounts), kind=f"summary:{code}", build_many=build_many)


def key_people_summaries(
    *, accounts: list[Account], lang: str | None = None
) -> dict[int, list[dict[str, Any]]]:
    """The key people of each account's open deals as the analysis gives them ("This week"), {account
    id: [{"deal", "person_id", "stale", "stale_soon", "days_since_contact"}]}, one row per deal and key person
    in the analysis' order. Small and cached like the analysis (per account and day), so a page over
    hundreds of accounts reads a few rows instead of every full analysis."""
    code = analysis_language(lang)

    def build_many(todo: list[Account]) -> dict[int, list[dict[str, Any]]]:
        return {pk: _key_people(result) for pk, result in account_analyses(accounts=todo, lang=code).items()}

    return cached_per_account(list(accounts), kind=f"key-people:{code}", build_many=build_many)


def _key_people(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of `key_people_summaries` from an analysis (its JSON dict)."""
    return [
        {
            "deal": deal["id"],
            "person_id": holder["id"],
            "stale": holder["stale"],
            "stale_soon": holder["stale_soon"],
            "days_since_contact": holder["days_since_contact"],
        }
        for deal in result["deals"]
        if deal.get("status", "open") == "open"
        for row in deal["coverage"]
        for holder in row["people"]
        if holder["key"]
    ]


def map_views(*, accounts: list[Account], lang: str | None = None) -> dict[int, dict[str, Any]]:
    """What the account pages' head, the org chart and the influence circle need of each account's
    analysis, {account id: view}: the analysis (today's) without its people's details — "deals" (each
    flag with "names", the names of its people), "decision_bodies", "external_factors", "satisfaction",
    "account", "account_name", "as_of", "lang" as in the analysis — and "people_count", "ring_counts"
    ({ring: how many people on it}) and "people_rows": one tuple (id, name, status, external, influence
    score, first three influence drivers, ring, ring reason) per person, in the analysis' order (most
    influential first); `view_people` turns rows into the analysis' person dicts. Cached beside the
    analysis (same stamps, so an edit recomputes both): a 30,000-person account reads a few hundred KB
    of tuples instead of unpickling 30,000 nested dicts."""
    code = analysis_language(lang)

    def build_many(todo: list[Account]) -> dict[int, dict[str, Any]]:
        return {pk: _map_view(result) for pk, result in account_analyses(accounts=todo, lang=code).items()}

    return cached_per_account(list(accounts), kind=f"{MAP_VIEW}:{code}", build_many=build_many)


def map_view(*, account: Account, lang: str | None = None) -> dict[str, Any]:
    """`map_views` of one account (cached)."""
    return map_views(accounts=[account], lang=lang)[account.pk]


VIEW_DRIVERS = 3  # influence drivers kept per person in a map view (the org chart's card shows three)
MAP_VIEW = "mapview2"  # the cache kind of map views (2: rows with the ring and its reason)


def _map_view(result: dict[str, Any]) -> dict[str, Any]:
    """The map view (`map_views`) of an analysis (its JSON dict); the analysis is left as it was."""
    names = {p["id"]: p["name"] for p in result["people"]}
    deals = [
        {
            **deal,
            "flags": [
                {**flag, "names": [names.get(pid, "") for pid in flag["people"]]} for flag in deal["flags"]
            ],
        }
        for deal in result["deals"]
    ]
    return {
        **{key: value for key, value in result.items() if key != "people"},
        "deals": deals,
        "people_count": len(result["people"]),
        "ring_counts": dict(Counter(p["ring"] for p in result["people"])),
        "people_rows": [
            (
                p["id"],
                p["name"],
                p["status"],
                p["external"],
                p["influence"]["score"],
                tuple(p["influence"]["drivers"][:VIEW_DRIVERS]),
                p["ring"],
                p["ring_reason"],
            )
            for p in result["people"]
        ],
    }


def view_people(view: dict[str, Any], ids: set[int] | None = None) -> list[dict[str, Any]]:
    """The people of a map view (those of `ids` when given) as the analysis' person dicts, with "id",
    "name", "status", "external", "influence" {"score", "drivers"}, "ring" and "ring_reason" only; most
    influential first."""
    return [
        {
            "id": pid,
            "name": name,
            "status": status,
            "external": external,
            "influence": {"score": score, "drivers": list(drivers)},
            "ring": ring,
            "ring_reason": reason,
        }
        for pid, name, status, external, score, drivers, ring, reason in view["people_rows"]
        if ids is None or pid in ids
    ]


def worst_flag(deal_results: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The most severe flag over the given analysed deals (the first one on ties), or None."""
    flags = [flag for deal in deal_results for flag in deal.get("flags", [])]
    if not flags:
        return None
    return max(flags, key=lambda flag: severity_rank(flag.get("severity", "low")))


def severity_rank(severity: str | None) -> int:
    """How bad a flag severity is (high 3, medium 2, low 1, none 0), for sorting."""
    return DEFAULT_SETTINGS.severity_rank.get(severity or "", 0)


def health_band(score: int | None) -> str:
    """good / fair / poor for a health score ("" for none), with the analysis settings' bands."""
    return DEFAULT_SETTINGS.health_band(score)


def health_band_choices(lang: str) -> list[tuple[str, str]]:
    """The health bands as a filter offers them, [(code, "Poor (0–39)" / "较差（0–39）"), …], best first:
    the vocabulary's names with the analysis settings' bounds (analysis.health.health_band_label)."""
    return [(band, health_band_label(band, lang, DEFAULT_SETTINGS)) for band in HEALTH_BANDS]
