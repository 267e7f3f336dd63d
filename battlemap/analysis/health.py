"""Deal health, 0..100: coverage + attitude + freshness − open flags, clamped to 0..100.

* coverage (45): for each buying role, full points when someone holding it was met (meeting, call
  or visit), half when it is held but nobody holding it was met; plus the share of stakeholders
  whose attitude is known;
* attitude (35): the influence-weighted mean attitude (−2..+2) of the stakeholders whose attitude
  is known, mapped to 0..35 (nothing known: 0);
* freshness (20): influence-weighted mean freshness of the stakeholders: 1 when engaged in the last
  45 days, fading linearly to 0 over the next 45 days, 0 when never contacted;
* open flags: minus the penalty of each flag raised (high 8, medium 4, low 2).

The band (good ≥ 70, fair ≥ 40, else poor; `AnalysisSettings.health_band`) travels with the score.

Every part only grows when an attitude improves, a meeting is logged or a win is recorded, and
flags only resolve then, so health never drops on good news. A deal with every flag that can be
raised at once carries penalties of more than 100 and scores 0, while a deal with no flag has a
decision maker we met, so it scores above 0.
"""

from __future__ import annotations

from battlemap.vocab import ATTITUDE_VALUES

from .contacts import ContactIndex
from .coverage import active_stakeholders
from .settings import AnalysisSettings
from .types import Coverage, DealInfo, Flag, Health, Part, PersonInfo


def _freshness(days: int | None, settings: AnalysisSettings) -> float:
    if days is None:
        return 0.0
    if days <= settings.stale_days:
        return 1.0
    fade = max(1, settings.freshness_fade_days)
    return max(0.0, 1.0 - (days - settings.stale_days) / fade)


def deal_health(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    contacts: ContactIndex,
    coverage: tuple[Coverage, ...],
    flags: tuple[Flag, ...],
    settings: AnalysisSettings,
) -> Health:
    active = active_stakeholders(deal, people)

    role_points = settings.coverage_role_points
    earned = 0.0
    for row in coverage:
        points = role_points.get(row.role, 0.0)
        earned += points if row.met else points / 2 if row.held else 0.0
    known = [sh for sh in active if sh.attitude in ATTITUDE_VALUES]
    known_share = len(known) / len(active) if active else 0.0
    earned += settings.coverage_known_attitude_points * known_share
    most = sum(role_points.values()) + settings.coverage_known_attitude_points
    coverage_points = settings.health_coverage_weight * earned / most if most else 0.0

    weight = sum(sh.influence for sh in known)
    mean_attitude = (
        sum(ATTITUDE_VALUES[sh.attitude] * sh.influence for sh in known) / weight if weight else -2.0
    )
    attitude_points = settings.health_attitude_weight * (mean_attitude + 2) / 4

    total_influence = sum(sh.influence for sh in active)
    fresh = sum(
        _freshness(contacts.days_since_contact(sh.person_id), settings) * sh.influence for sh in active
    )
    freshness_points = settings.health_freshness_weight * fresh / total_influence if total_influence else 0.0

    penalty = sum(settings.severity_penalty[f.severity] for f in flags)
    parts = (
        Part("coverage", round(coverage_points, 1), settings.health_coverage_weight),
        Part("attitude", round(attitude_points, 1), settings.health_attitude_weight),
        Part("freshness", round(freshness_points, 1), settings.health_freshness_weight),
        Part("open_flags", -round(penalty, 1), 0.0),
    )
    raw = coverage_points + attitude_points + freshness_points - penalty
    score = int(round(min(100.0, max(0.0, raw))))
    return Health(score=score, parts=parts, band=settings.health_band(score))
