"""The one place the web pages get analysis numbers from (influence scores, rings, flags, health, playbook).

Pages read the issue-3 JSON shape (`battlemap analyze --json`, docs/analysis.md):
    {"account", "as_of", "people": [{"id", "name", "influence": {"score", "parts"}, "ring"}],
     "deals": [{"id", "name", "stage", "status", "health": {"score", "parts"}, "coverage", "flags",
                "playbook", "win_win"}],
     "external_factors": [{"id", "kind", "description", "ring"}]}
Switching the engine, or caching its result, happens here only. Results are cached until the map
changes: the key holds the newest history row of every map model (every save and delete writes one),
the language and today's date (staleness depends on it).
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


MAP_APPS = ("accounts", "people", "deals", "interactions")
CACHE_SECONDS = 3600


def _map_fingerprint() -> str:
    """The newest history id of each map model: changes whenever anything on any map is saved or deleted."""
    parts = []
    for app in MAP_APPS:
        for model in apps.get_app_config(app).get_models():
            history = getattr(model, "history", None)
            if history is not None and hasattr(history, "model"):
                parts.append(str(history.aggregate(m=Max("history_id"))["m"] or 0))
    return "-".join(parts)


def account_analysis(account: Account, *, lang: str | None = None) -> dict[str, Any]:
    """The analysis of one account (access already checked by the caller), in the current UI language."""
    lang = "zh" if (lang or translation.get_language() or "en").lower().startswith("zh") else "en"
    key = f"analysis:{account.pk}:{lang}:{timezone.localdate().isoformat()}:{_map_fingerprint()}"
    result = cache.get(key)
    if result is None:
        result = engine_analysis(account=account, lang=lang)
        cache.set(key, result, CACHE_SECONDS)
    return result


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
