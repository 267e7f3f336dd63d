"""Template filters for the deal pages: labels and help of vocabulary codes (battlemap.vocab), in the active language."""

from __future__ import annotations

from django import template

from battlemap import vocab
from battlemap.core.multilingual import active_language
from battlemap.core.vocab_filters import register_vocabulary_filters
from battlemap.maps import health_band, health_band_choices

register = template.Library()


register_vocabulary_filters(
    register,
    {
        "role_label": vocab.BUYING_ROLES.label,
        "role_help": vocab.BUYING_ROLES.help,
        "attitude_label": vocab.ATTITUDES.label,
        "attitude_help": vocab.ATTITUDES.help,
        "stage_label": vocab.STAGES.label,
        "relationship_label": vocab.RELATIONSHIPS.label,
        "qualification_status_label": vocab.QUALIFICATION_STATUSES.label,
        "influence_degree_label": vocab.INFLUENCE_DEGREES.label,
        "response_mode_label": vocab.RESPONSE_MODES.label,
        "strength_label": vocab.STRENGTHS.label,
        "flag_label": vocab.FLAGS.label,
        "severity_label": vocab.SEVERITIES.label,
        "quality_part_label": vocab.MAP_QUALITY_PARTS.label,
        "quality_band_label": vocab.MAP_QUALITY_BANDS.label,
    },
)


@register.simple_tag(name="health_band_choices")
def health_band_choices_tag() -> list[tuple[str, str]]:
    """The health filter's options in the active language: [("good", "Good (70–100)"), …] (maps)."""
    return health_band_choices(active_language())


@register.filter
def percent(points, weight) -> int:
    """Share of a part's weight earned, 0..100, for a bar width; a part without weight (the penalty of
    open flags) is measured against the whole 100-point score."""
    try:
        points, weight = abs(float(points)), float(weight)
    except (TypeError, ValueError):
        return 0
    return max(0, min(100, round(100 * points / (weight if weight > 0 else 100.0))))


SPARK_WIDTH, SPARK_HEIGHT = 64, 18


@register.simple_tag
def sparkline(points, label: str = ""):
    """A small inline SVG of health scores (0–100, None for a week without the deal), oldest first:
    a line through the known points and a dot on the last. Numbers only go into the markup; `label`
    (the accessible name) is escaped."""
    from django.utils.html import format_html

    known = [(i, p) for i, p in enumerate(points or []) if p is not None]
    if not known:
        return ""
    step = SPARK_WIDTH / max(1, len(points) - 1)

    def xy(i: int, p: int) -> tuple[float, float]:
        return round(i * step, 1), round(SPARK_HEIGHT - 2 - (SPARK_HEIGHT - 4) * max(0, min(100, p)) / 100, 1)

    coords = [xy(i, p) for i, p in known]
    path = " ".join(f"{x},{y}" for x, y in coords)
    last_x, last_y = coords[-1]
    first, last = known[0][1], known[-1][1]
    trend = "up" if last > first else "down" if last < first else "flat"
    return format_html(
        '<svg class="spark spark-{}" width="{}" height="{}" viewBox="-2 0 {} {}" role="img" aria-label="{}">'
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        '<circle cx="{}" cy="{}" r="2" fill="currentColor"/></svg>',
        trend,
        SPARK_WIDTH + 4,
        SPARK_HEIGHT,
        SPARK_WIDTH + 4,
        SPARK_HEIGHT,
        label,
        path,
        last_x,
        last_y,
    )


@register.filter
def trend_text(points) -> str:
    """The sparkline's points as text for its title: "40 → 35 → 20" (weeks without the deal left out)."""
    return " → ".join(str(p) for p in points or [] if p is not None)


@register.filter(name="health_band")
def health_band_filter(score) -> str:
    """good / fair / poor for a health score, by the analysis settings' bands (maps.health_band)."""
    return health_band(score)
