"""The one place the web pages get analysis numbers from (influence scores, rings, flags, health, playbook).

Pages read the issue-3 JSON shape (`battlemap analyze --json`, docs/analysis.md):
    {"account", "as_of", "people": [{"id", "name", "influence": {"score", "parts"}, "ring"}],
     "deals": [{"id", "name", "stage", "status", "health": {"score", "parts"}, "coverage", "flags",
                "playbook", "win_win"}],
     "external_factors": [{"id", "kind", "description", "ring"}]}
Switching the engine, or caching its result, happens here only. Results are cached per account,
language and day (staleness depends on the date) together with two fingerprints: the newest history
row of every map model overall and on this account's map (every save and delete writes one). An edit
on one map thus recomputes that map only.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone, translation

from battlemap.accounts.models import Account
from battlemap.accounts.snapshot import account_analysis as engine_analysis

SEVERITY_ORDER = {"high": 3, "medium": 2, "low": 1}


CACHE_SECONDS = 3600

# How each map model's history reaches its account. A model missing here still counts, through the
# newest history id over all accounts (correct, only less precise).
ACCOUNT_PATHS = {
    "accounts.account": "id",
    "accounts.orgunit": "account_id",
    "accounts.externalfactor": "account_id",
    "people.person": "account_id",
    "people.influencelink": "account_id",
    "people.dottedline": "person__account_id",
    "deals.deal": "account_id",
    "deals.stagechange": "deal__account_id",
    "deals.stakeholderrole": "deal__account_id",
    "deals.actionitem": "deal__account_id",
    "deals.coverage": "stakeholder__deal__account_id",
    "interactions.interaction": "account_id",
    "interactions.participant": "interaction__account_id",
    "interactions.ourparticipant": "interaction__account_id",
}
MAP_APPS = ("accounts", "people", "deals", "interactions")


def _history_managers():
    for app in MAP_APPS:
        for model in apps.get_app_config(app).get_models():
            history = getattr(model, "history", None)
            if history is not None and hasattr(history, "model"):
                yield model, history


def global_fingerprint() -> str:
    """The newest history id of each map model over all accounts: one index lookup per model."""
    return "-".join(str(h.aggregate(m=Max("history_id"))["m"] or 0) for _m, h in _history_managers())


def map_fingerprints(account_ids: list[int]) -> dict[int, str]:
    """Per account, the newest history id of each map model: any save or delete on that map changes it.
    One query per model, whatever the number of accounts."""
    parts: dict[int, list[str]] = {pk: [] for pk in account_ids}
    for model, history in _history_managers():
        path = ACCOUNT_PATHS.get(model._meta.label_lower)
        if path is None:
            newest = str(history.aggregate(m=Max("history_id"))["m"] or 0)
            for pk in account_ids:
                parts[pk].append(newest)
            continue
        rows = dict(
            history.filter(**{f"{path}__in": account_ids})
            .values_list(path)
            .annotate(m=Max("history_id"))
            .values_list(path, "m")
        )
        for pk in account_ids:
            parts[pk].append(str(rows.get(pk, 0)))
    return {pk: "-".join(p) for pk, p in parts.items()}


def _language(lang: str | None) -> str:
    return "zh" if (lang or translation.get_language() or "en").lower().startswith("zh") else "en"


def account_analyses(accounts: list[Account], *, lang: str | None = None) -> dict[int, dict[str, Any]]:
    """The analysis of each account (access already checked by the caller), in the current UI language.

    A cached result is reused while nothing changed anywhere (cheap global check) or, failing that,
    while nothing changed on that account's map (per-account check, batched over the accounts)."""
    lang = _language(lang)
    day = timezone.localdate().isoformat()
    # created_at tells apart accounts that reuse a primary key (a rebuilt database, a test run).
    keys = {a.pk: f"analysis:{a.pk}:{a.created_at.timestamp()}:{lang}:{day}" for a in accounts}
    entries = cache.get_many(list(keys.values()))
    current = global_fingerprint()
    results: dict[int, dict[str, Any]] = {}
    stale = []
    for account in accounts:
        entry = entries.get(keys[account.pk])
        if entry is not None and entry[0] == current:
            results[account.pk] = entry[2]
        else:
            stale.append(account)
    fingerprints = map_fingerprints([a.pk for a in stale]) if stale else {}
    for account in stale:
        entry = entries.get(keys[account.pk])
        mine = fingerprints[account.pk]
        result = (
            entry[2]
            if entry is not None and entry[1] == mine
            else engine_analysis(account=account, lang=lang)
        )
        cache.set(keys[account.pk], (current, mine, result), CACHE_SECONDS)
        results[account.pk] = result
    return results


def account_analysis(account: Account, *, lang: str | None = None) -> dict[str, Any]:
    """The analysis of one account; see `account_analyses`."""
    return account_analyses([account], lang=lang)[account.pk]


def worst_flag(deal_results: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The most severe flag over the given deals (first one on ties)."""
    flags = [flag for deal in deal_results for flag in deal.get("flags", [])]
    if not flags:
        return None
    return max(flags, key=lambda flag: SEVERITY_ORDER.get(flag.get("severity", "low"), 0))


def health_band(score: int | None) -> str:
    """good / fair / poor: the bands the portfolio filters and colours by."""
    if score is None:
        return ""
    if score >= 70:
        return "good"
    if score >= 40:
        return "fair"
    return "poor"
