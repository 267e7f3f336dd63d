"""The one place the web pages get analysis numbers from (influence scores, rings, flags, health, playbook).

Pages read the issue-3 JSON shape (`battlemap analyze --json`):
    {"account", "as_of", "people": [{"id", "name", "influence": {"score", "parts"}, "ring"}],
     "deals": [{"id", "name", "stage", "health": {"score", "parts"}, "coverage", "flags", "playbook", "win_win"}],
     "external_factors": [{"id", "kind", "description", "ring"}]}

When the analysis engine (`battlemap.analysis.engine.analyze` with the snapshot selector
`battlemap.accounts.snapshot`) is installed it is used; until then a small stand-in computes the
same shape from the database so the pages can be built and tested. Switching is this module only.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from battlemap.accounts.models import Account

SEVERITY_ORDER = {"high": 3, "medium": 2, "low": 1}


def _engine():
    try:
        from battlemap.accounts.snapshot import build_snapshot  # type: ignore[attr-defined]
        from battlemap.analysis.engine import analyze
        from battlemap.analysis.serialize import analysis_to_dict  # type: ignore[attr-defined]
    except ImportError:
        return None
    return build_snapshot, analyze, analysis_to_dict


def account_analysis(account: Account, *, lang: str | None = None) -> dict[str, Any]:
    """The analysis of one account in the issue-3 JSON shape, in the current UI language."""
    lang = lang or translation.get_language() or "en"
    engine = _engine()
    if engine is not None:
        build_snapshot, analyze, analysis_to_dict = engine
        return analysis_to_dict(analyze(build_snapshot(account), lang="zh" if lang.startswith("zh") else "en"))
    from battlemap.accounts.analysis_fallback import fallback_analysis

    return fallback_analysis(account)


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
