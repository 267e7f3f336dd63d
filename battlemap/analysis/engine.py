"""`analyze`: the whole analysis of one account snapshot."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from .circle import influence_circle
from .contacts import build_contact_index
from .coverage import deal_coverage, key_people, met_members
from .feedback import account_satisfaction, deal_factor_weights, person_feedback
from .flag_rules_progress import steps_after_close
from .flags import deal_flags
from .health import deal_health
from .i18n import normalize_language
from .influence import influence_scores
from .playbook import deal_playbook
from .qualification import blue_sheet, meddpicc
from .settings import DEFAULT_SETTINGS, AnalysisSettings
from .types import AccountAnalysis, ActionItemInfo, DealAnalysis, MapSnapshot
from .winwin import win_win_table
from .work_done import logged_work


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    A big snapshot holds about a million objects; every full collection walks all of them, and
    allocating the results triggers many. Nothing here makes reference cycles, so nothing leaks.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyze(
    snapshot: MapSnapshot, *, settings: AnalysisSettings | None = None, lang: str = "en"
) -> AccountAnalysis:
    """Influence, rings and, per deal, coverage, flags, health, playbook and win-win table."""
    with paused_gc():
        return _analyze(snapshot, settings or DEFAULT_SETTINGS, normalize_language(lang))


def _analyze(snapshot: MapSnapshot, settings: AnalysisSettings, lang: str) -> AccountAnalysis:
    people = {p.id: p for p in snapshot.people}
    contacts = build_contact_index(snapshot, settings)
    items_by_deal: dict[int, list[ActionItemInfo]] = defaultdict(list)
    for item in snapshot.action_items:
        items_by_deal[item.deal_id].append(item)
    bodies = {b.id: b for b in snapshot.bodies}
    feedback = person_feedback(snapshot)
    lifecycle = snapshot.account.lifecycle
    logged = logged_work(snapshot.interactions, snapshot.today, settings)
    deals = []
    for deal in snapshot.deals:
        coverage = deal_coverage(deal, people, contacts, settings, bodies)
        flags = deal_flags(
            deal,
            people,
            contacts,
            items_by_deal[deal.id],
            settings,
            lang,
            bodies=bodies,
            feedback=feedback,
            lifecycle=lifecycle,
            links=snapshot.links,
        )
        factors = deal_factor_weights(deal, feedback)
        playbook = deal_playbook(
            deal,
            people,
            flags,
            settings,
            lang,
            feedback,
            lifecycle,
            snapshot.today,
            factors=factors,
            logged=logged,
            actions=tuple(items_by_deal[deal.id]),
            bodies=bodies,
            outside=snapshot.external_factors,
            links=snapshot.links,
        )
        deals.append(
            DealAnalysis(
                deal=deal,
                health=deal_health(deal, people, contacts, coverage, flags, settings),
                coverage=coverage,
                flags=flags,
                playbook=playbook,
                win_win=win_win_table(deal, people, settings),
                key_people=key_people(deal, people, settings),
                qualification=meddpicc(
                    deal, snapshot.account.pains, people, contacts, settings, lang, factors, bodies
                ),
                blue_sheet=blue_sheet(deal, people, contacts, flags, playbook, settings, bodies),
                factors=factors,
                steps_after_close=tuple(s.id for s in steps_after_close(deal, settings)),
            )
        )
    return AccountAnalysis(
        snapshot=snapshot,
        lang=lang,
        influence=influence_scores(snapshot, contacts, settings, lang),
        rings=influence_circle(snapshot, lang),
        deals=tuple(deals),
        bodies_met={b.id: met_members(b, people, contacts) for b in snapshot.bodies},
        feedback=feedback,
        satisfaction=account_satisfaction(feedback, settings),
        last_contact=contacts.last_contact,
        last_met=contacts.last_met,
    )
