"""Role-play prompts per buying role and decision style (pure Python; data in roleplay.json, bilingual):
what this person cares about, the questions to ask them, the objections to expect (seeds 001 and 004)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from battlemap.vocab import BUYING_ROLES, DECISION_STYLES, normalize_language

DATA = Path(__file__).resolve().parent / "roleplay.json"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def role_cards(roles, lang: str | None) -> list[dict[str, Any]]:
    """One card per buying role (in the vocabulary's order): role, label, cares, ask, objections."""
    lang = normalize_language(lang)
    return [
        {"role": code, "label": BUYING_ROLES.label(code, lang), **_data()["roles"][code][lang]}
        for code in BUYING_ROLES.codes
        if code in set(roles)
    ]


def style_advice(style: str | None, lang: str | None) -> dict[str, str] | None:
    """How to talk to someone of this decision style, or None."""
    if not style or style not in DECISION_STYLES.codes:
        return None
    return {
        "style": style,
        "label": DECISION_STYLES.label(style, lang),
        "advice": _data()["styles"][style][normalize_language(lang)],
    }


def all_cards(lang: str | None) -> dict[str, Any]:
    return {
        "roles": role_cards(BUYING_ROLES.codes, lang),
        "styles": [style_advice(str(s), lang) for s in DECISION_STYLES.codes],
    }
