"""The one place the web pages get analysis numbers from (influence scores, rings, flags, health, playbook).

Pages read the issue-3 JSON shape (`battlemap analyze --json`, docs/analysis.md):
    {"account", "as_of", "people": [{"id", "name", "influence": {"score", "parts"}, "ring"}],
     "deals": [{"id", "name", "stage", "status", "health": {"score", "parts"}, "coverage", "flags",
                "playbook", "win_win"}],
     "external_factors": [{"id", "kind", "description", "ring"}]}
Switching the engine, or caching its result, happens here only.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.accounts.snapshot import account_analysis as engine_analysis

SEVERITY_ORDER = {"high": 3, "medium": 2, "low": 1}


def account_analysis(account: Account, *, lang: str | None = None) -> dict[str, Any]:
    """The analysis of one account (access already checked by the caller), in the current UI language."""
    lang = lang or translation.get_language() or "en"
    return engine_analysis(account=account, lang="zh" if lang.lower().startswith("zh") else "en")


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
