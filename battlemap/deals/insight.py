"""The one adapter between the deal pages and the analysis engine (issue 3).

Pages read plain dicts in the issue-3 JSON shape (`health`, `coverage`, `flags`, `playbook`), so
switching engines happens here only. The engine on branch `analysis` is used when it is installed;
until then a small interim analysis (`battlemap.deals.interim`) computes the same shape for a subset
of the flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import translation


@dataclass
class DealInsight:
    deal_id: int
    health: dict[str, Any] = field(default_factory=lambda: {"score": 0, "parts": []})
    coverage: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    playbook: list[dict[str, Any]] = field(default_factory=list)


def _lang() -> str:
    return "zh" if (translation.get_language() or "").startswith("zh") else "en"


def account_insights(*, account, as_of: datetime | None = None) -> dict[int, DealInsight]:
    """Insight for every deal of the account, keyed by deal id, in the active language."""
    try:
        from battlemap.deals.engine_bridge import analyse_account
    except ImportError:
        from battlemap.deals.interim import analyse_account
    return analyse_account(account=account, as_of=as_of, lang=_lang())


def deal_insight(*, deal, as_of: datetime | None = None) -> DealInsight:
    return account_insights(account=deal.account, as_of=as_of).get(deal.pk, DealInsight(deal_id=deal.pk))
