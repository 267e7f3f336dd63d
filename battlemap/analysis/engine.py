"""`analyze`: the whole analysis of one account snapshot."""

from __future__ import annotations

from collections import defaultdict

from .circle import influence_circle
from .contacts import build_contact_index
from .coverage import deal_coverage
from .flags import deal_flags
from .health import deal_health
from .i18n import normalize_language
from .influence import influence_scores
from .playbook import deal_playbook
from .settings import DEFAULT_SETTINGS, AnalysisSettings
from .types import AccountAnalysis, ActionItemInfo, DealAnalysis, MapSnapshot
from .winwin import win_win_table


def analyze(
    snapshot: MapSnapshot, *, settings: AnalysisSettings | None = None, lang: str = "en"
) -> AccountAnalysis:
    """Influence, rings and, per deal, coverage, flags, health, playbook and win-win table."""
    settings = settings or DEFAULT_SETTINGS
    lang = normalize_language(lang)
    people = {p.id: p for p in snapshot.people}
    contacts = build_contact_index(snapshot, settings)
    items_by_deal: dict[int, list[ActionItemInfo]] = defaultdict(list)
    for item in snapshot.action_items:
        items_by_deal[item.deal_id].append(item)
    deals = []
    for deal in snapshot.deals:
        coverage = deal_coverage(deal, people, contacts, settings)
        flags = deal_flags(deal, people, contacts, items_by_deal[deal.id], settings, lang)
        deals.append(DealAnalysis(
            deal=deal,
            health=deal_health(deal, people, contacts, coverage, flags, settings),
            coverage=coverage,
            flags=flags,
            playbook=deal_playbook(deal, people, flags, settings, lang),
            win_win=win_win_table(deal, people, settings),
        ))
    return AccountAnalysis(
        snapshot=snapshot,
        lang=lang,
        influence=influence_scores(snapshot, settings, lang),
        rings=influence_circle(snapshot, lang),
        deals=tuple(deals),
    )
