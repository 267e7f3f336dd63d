"""The one adapter between the deal pages and the analysis (read through `battlemap.maps`).

Pages read plain dicts in the JSON shape of docs/analysis.md (`health` with its band, `coverage`
with met / key / stale per holder, `flags`, `playbook`, `key_people`) from
`battlemap.maps.account_analysis`, reshaped a little for the templates here, so a change in the
engine's output is absorbed in this file only. Nothing here recomputes a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from battlemap.analysis import DEFAULT_SETTINGS
from battlemap.maps import account_analysis


@dataclass
class DealInsight:
    deal_id: int
    health: dict[str, Any] | None = field(  # None: a won or lost deal
        default_factory=lambda: {"score": 0, "band": DEFAULT_SETTINGS.health_band(0), "parts": []}
    )
    coverage: list[dict[str, Any]] = field(
        default_factory=list
    )  # [{"role", "holders": [{"person_id", ...}]}]
    flags: list[dict[str, Any]] = field(
        default_factory=list
    )  # [{"code", "severity", "people", "reason", "action"}]
    playbook: list[dict[str, Any]] = field(default_factory=list)  # [{"code", "text", "people", "flag"}]
    key_people: list[int] = field(default_factory=list)  # active key people (analysis: key person)
    qualification: dict[str, Any] | None = None  # {"score", "elements": [{"code", "label", "status", ...}]}
    blue_sheet: list[dict[str, Any]] = field(default_factory=list)  # buying influences, economic first
    # every person of the account in touch with us: {person id: {"met", "last_contact" (ISO)}}, from the
    # analysis' people (its contact index), buying role or not
    contacts: dict[int, dict[str, Any]] = field(default_factory=dict)
    # the weights the analysis reads: {"source": "answers" | "typed" | None, "respondents": [person id], ...}
    factors: dict[str, Any] = field(default_factory=dict)


def _insight(deal: dict[str, Any], contacts: dict[int, dict[str, Any]]) -> DealInsight:
    health = deal["health"] and {  # None: a won or lost deal has no health (analysis.health.has_health)
        "score": deal["health"]["score"],
        "band": deal["health"]["band"],
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
        key_people=list(deal["key_people"]),
        qualification=deal["qualification"],
        blue_sheet=list(deal["blue_sheet"]),
        contacts=contacts,
        factors=dict(deal["factors"]),
    )


def account_insights(*, account, as_of: date | None = None) -> dict[int, DealInsight]:
    """Insight for every deal of the account (as of the end of a past day when given), keyed by deal id.
    An account that did not exist yet at `as_of` has no insight."""
    try:
        result = account_analysis(account=account, as_of=as_of)  # today's is cached until the map changes
    except ValueError:
        return {}
    contacts = {
        p["id"]: {"met": bool(p.get("met")), "last_contact": p["last_contact"]}
        for p in result["people"]
        if p.get("last_contact")
    }
    return {deal["id"]: _insight(deal, contacts) for deal in result["deals"]}


def deal_insight(*, deal) -> DealInsight:
    return account_insights(account=deal.account).get(deal.pk, DealInsight(deal_id=deal.pk))


def factor_respondents(*, deal) -> list[str]:
    """The names of the customer's people whose questionnaire answers weigh the deal's decision factors in
    the analysis instead of the weights typed on the deal (analysis: deal factors, `source` "answers");
    empty while the typed weights are the ones read."""
    factors = deal_insight(deal=deal).factors
    if factors.get("source") != "answers":
        return []
    names = dict(deal.account.people.filter(pk__in=factors["respondents"]).values_list("pk", "name"))
    return [names[pk] for pk in factors["respondents"] if pk in names]
