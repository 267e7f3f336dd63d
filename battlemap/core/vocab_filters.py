"""Template filters that show vocabulary codes (battlemap.vocab) in the active language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template

from battlemap.core.multilingual import active_language


def in_active_language(show: Callable[[Any, str], str]) -> Callable[[Any], str]:
    """`show(code, lang)` (e.g. `vocab.STAGES.label`) as a one-argument filter in the active language."""
    return lambda code: show(code, active_language())


def register_vocabulary_filters(
    register: template.Library, filters: dict[str, Callable[[Any, str], str]]
) -> None:
    """Register each `name: show` (e.g. `"stage_label": vocab.STAGES.label`) as the filter `code|name`."""
    for name, show in filters.items():
        register.filter(name, in_active_language(show))
