"""Deal health, 0..100: coverage + attitude + freshness − open flags, clamped to 0..100.

* coverage (45): for each buying role, full points when someone holding it was met (meeting, call
  or visit), half when it is held but nobody holding it was met; plus the share of stakeholders
  whose attitude is known, among those we have been in touch with or whose attitude is known. The decision-maker
  row counts neither way when only a bid committee decides (`Coverage.not_to_meet`: 招标投标法 第三十七条,
  第四十四条 — no bidder may meet its experts; the tender is won on paper): its points leave the sum;
* attitude (35): the influence-weighted mean attitude (−2..+2) of the stakeholders whose attitude
  is known, mapped to 0..35 (nothing known: 0);
* freshness (20): influence-weighted mean freshness of the stakeholders we have been in touch with:
  1 when engaged in the last 45 days, fading linearly to 0 over the next 45 days (none in touch: 0);
* open flags: minus the penalty of each flag raised that costs (`Flag.costs`; high 8, medium 4, low 2).

Naming a person never lowers health (seed 004 §3: "有效识别和沟通客户决策人是提高销售成功率的关键"): someone we
have never been in touch with counts by the roles they hold (half points until met) and by the flags their
naming resolves; their unknown attitude, the freshness of a relationship not yet begun and the flags that
only say we have not reached them yet (`stale_relationship` "never in touch", `no_stated_win`, and
`decision_maker_not_met` once someone else who decides was met) weigh from the first contact.

The band (good ≥ 70, fair ≥ 40, else poor; `AnalysisSettings.health_band`) travels with the score;
`health_band_label` is the one way every surface names it ("poor" / "较差", in a filter "Poor (0–39)").
The parts are shown as whole points that add up to the score shown (`shown_points`).

Every part only grows when an attitude improves, a meeting with someone in touch is logged or a win
is recorded, and flags only resolve then, so health never drops on good news. A deal with every flag that can be
raised at once carries penalties of more than 100 and scores 0, while a deal with no flag has a
decision maker we met, so it scores above 0.
"""

from __future__ import annotations

from battlemap.punctuation import aside
from battlemap.vocab import ATTITUDE_VALUES, HEALTH_BANDS

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


def has_health(status: str) -> bool:
    """Whether a deal of this status (open / won / lost) has a health: only an open one. A won or lost deal is
    not at risk; its outcome says what became of it (docs/analysis.md §4). The analysis JSON gives such a deal
    `"health": null`, and what changed gives its health move `after: null` beside the deal's `status`, so the
    API, the CLI, the pages and the exports read one rule (a deal just lost had read "44 → 58" in the CLI)."""
    return status == "open"


def deal_health(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    contacts: ContactIndex,
    coverage: tuple[Coverage, ...],
    flags: tuple[Flag, ...],
    settings: AnalysisSettings,
) -> Health:
    """The deal's `Health` by this module's rule: score 0..100 (rounded, clamped), its band, and the parts
    coverage, attitude and freshness (points out of `health_*_weight`) and open_flags (minus the
    `severity_penalty` of each of `flags` that costs)."""
    active = active_stakeholders(deal, people)

    role_points = settings.coverage_role_points
    earned = 0.0
    most = sum(role_points.values()) + settings.coverage_known_attitude_points
    for row in coverage:
        points = role_points.get(row.role, 0.0)
        if row.not_to_meet:  # only a bid committee decides: nobody to meet, neither a gap nor met (docs §4)
            most -= points
            continue
        earned += points if row.met else points / 2 if row.held else 0.0
    # people never in touch with us are not yet a gap in what we know of them, nor a relationship gone cold
    in_touch = [sh for sh in active if contacts.contacted(sh.person_id)]
    known = [sh for sh in active if sh.attitude in ATTITUDE_VALUES]
    read = len({sh.person_id for sh in (*in_touch, *known)})
    known_share = len(known) / read if read else 0.0
    earned += settings.coverage_known_attitude_points * known_share
    coverage_points = settings.health_coverage_weight * earned / most if most else 0.0

    weight = sum(sh.influence for sh in known)
    mean_attitude = (
        sum(ATTITUDE_VALUES[sh.attitude] * sh.influence for sh in known) / weight if weight else -2.0
    )
    attitude_points = settings.health_attitude_weight * (mean_attitude + 2) / 4

    total_influence = sum(sh.influence for sh in in_touch)
    fresh = sum(
        _freshness(contacts.days_since_contact(sh.person_id), settings) * sh.influence for sh in in_touch
    )
    freshness_points = settings.health_freshness_weight * fresh / total_influence if total_influence else 0.0

    penalty = sum(settings.severity_penalty[f.severity] for f in flags if f.costs)
    parts = (
        Part("coverage", round(coverage_points, 1), settings.health_coverage_weight),
        Part("attitude", round(attitude_points, 1), settings.health_attitude_weight),
        Part("freshness", round(freshness_points, 1), settings.health_freshness_weight),
        Part("open_flags", -round(penalty, 1), 0.0),
    )
    raw = coverage_points + attitude_points + freshness_points - penalty
    score = int(round(min(100.0, max(0.0, raw))))
    return Health(score=score, parts=parts, band=settings.health_band(score))


def health_band_label(band: str, lang: str, settings: AnalysisSettings | None = None) -> str:
    """A health band's name (vocab.HEALTH_BANDS) in `lang`: "poor" → "poor" / "较差"; given `settings`,
    with the scores it spans, capitalised for a filter: "Poor (0–39)" / "较差（0–39）"; "" → ""."""
    if not band:
        return ""
    name = HEALTH_BANDS.label(band, lang)
    if settings is None:
        return name
    low, high = settings.health_band_bounds(band)
    return name[:1].upper() + name[1:] + aside(lang, f"{low}–{high}")


def _largest_remainder(values: list[float], total: int) -> list[int]:
    """`values` as whole numbers adding up to `total` when they can: each rounded down, the points still
    missing given one each to the values with the largest remainders (the first of equal ones first)."""
    floors = [int(v // 1) for v in values]
    order = sorted(range(len(values)), key=lambda i: round(floors[i] - values[i], 6))
    for i in order[: max(0, total - sum(floors))]:
        floors[i] += 1
    return floors


def shown_points(health: Health) -> list[int]:
    """Each part of `health.parts` as whole points adding up to `health.score`, the one breakdown every
    surface shows (deal room, map, API `shown`, PDF, deck): 40.4 + 18.4 + 8.4 − 34 = 33.2 is shown as
    41 + 18 + 8 − 34 = 33, not 40 + 18 + 8 − 34 = 32 (largest remainder). When the open flags take off
    more than the other parts earned, the score stays at 0 and the flags are shown taking off what
    there was: 20 + 10 + 6 − 36 = 0 for 20 + 10.2 + 5.3 earned and a penalty of 48."""
    values = [p.points for p in health.parts]
    shown = _largest_remainder(values, health.score)
    if sum(shown) == health.score:
        return shown
    earned = _largest_remainder([max(0.0, v) for v in values], round(sum(max(0.0, v) for v in values)))
    take = max(0, sum(earned) - health.score)
    penalties = [max(0.0, -v) for v in values]
    scale = take / sum(penalties) if sum(penalties) else 0.0
    taken = _largest_remainder([v * scale for v in penalties], take)
    return [e - t for e, t in zip(earned, taken, strict=True)]
