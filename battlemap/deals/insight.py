"""The one adapter between the deal pages and the analysis engine (issue 3, `battlemap.analysis`).

Pages read plain dicts in the issue-3 JSON shape (`health`, `coverage`, `flags`, `playbook`) from
`battlemap.accounts.snapshot.account_analysis`, reshaped a little for the templates here, so a
change in the engine's output is absorbed in this file only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import translation

from battlemap.accounts.analysis_adapter import account_analysis as cached_analysis
from battlemap.accounts.snapshot import account_analysis


@dataclass
class DealInsight:
    deal_id: int
    health: dict[str, Any] = field(default_factory=lambda: {"score": 0, "parts": []})
    coverage: list[dict[str, Any]] = field(
        default_factory=list
    )  # [{"role", "holders": [{"person_id", ...}]}]
    flags: list[dict[str, Any]] = field(
        default_factory=list
    )  # [{"code", "severity", "people", "reason", "action"}]
    playbook: list[dict[str, Any]] = field(default_factory=list)  # [{"code", "text", "people", "flag"}]


def _lang() -> str:
    return "zh" if (translation.get_language() or "").startswith("zh") else "en"


def _insight(deal: dict[str, Any]) -> DealInsight:
    health = {
        "score": deal["health"]["score"],
        "parts": [{**p, "detail": p.get("label") or p["name"]} for p in deal["health"]["parts"]],
    }
    coverage = [
        {"role": row["role"], "holders": [{**h, "person_id": h["id"]} for h in row["people"]]}
        for row in deal["coverage"]
    ]
    return DealInsight(
        deal_id=deal["id"],
        health=health,
        coverage=coverage,
        flags=list(deal["flags"]),
        playbook=list(deal["playbook"]),
    )


def account_insights(*, account, as_of: date | None = None) -> dict[int, DealInsight]:
    """Insight for every deal of the account (as of the end of a past day when given), keyed by deal id.
    An account that did not exist yet at `as_of` has no insight."""
    if as_of is None:
        result = cached_analysis(account, lang=_lang())  # cached until the map changes
    else:
        try:
            result = account_analysis(account=account, lang=_lang(), as_of=as_of)
        except ValueError:
            return {}
    return {deal["id"]: _insight(deal) for deal in result["deals"]}


def deal_insight(*, deal) -> DealInsight:
    return account_insights(account=deal.account).get(deal.pk, DealInsight(deal_id=deal.pk))
