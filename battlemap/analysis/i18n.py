"""Bilingual text for the pure analysis, without Django.

Message templates are English source strings marked with `gettext_noop` (so Django's
`makemessages` extracts them into `locale/<lang>/LC_MESSAGES/django.po`); at render time
`tr(lang, msgid, **params)` looks them up in the compiled catalog of this package with the
stdlib `gettext` module and formats `%(name)s` placeholders. A missing catalog or message
falls back to the English source. Django loads the same catalog once `battlemap.analysis`
is in INSTALLED_APPS.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "zh_Hans")


def gettext_noop(message: str) -> str:
    """Mark a string for extraction; translate it later with `tr`."""
    return message


@lru_cache(maxsize=32)
def normalize_language(lang: str | None) -> str:
    """'zh', 'zh-hans', 'zh_Hans', 'zh-CN' → 'zh_Hans'; anything English or empty → 'en'."""
    code = (lang or "en").strip().lower().replace("_", "-")
    if code == "zh" or code.startswith("zh-"):
        return "zh_Hans"
    if code == "en" or code.startswith("en-"):
        return "en"
    raise ValueError(f"lang: unsupported language {lang!r} (use 'zh' or 'en')")


@lru_cache(maxsize=8)
def _catalog(locale: str) -> _gettext.NullTranslations:
    try:
        return _gettext.translation("django", localedir=str(LOCALE_DIR), languages=[locale])
    except OSError:  # catalog not compiled: English source text
        return _gettext.NullTranslations()


def tr(lang: str, message: str, **params: object) -> str:
    """Translate `message` into `lang` and fill its `%(name)s` placeholders."""
    text = _catalog(normalize_language(lang)).gettext(message)
    return text % params if params else text


def join_names(lang: str, names: Iterable[str]) -> str:
    """A list of names as a reader of `lang` writes it: 张三、李四 / Alice, Bob."""
    sep = "、" if normalize_language(lang) == "zh_Hans" else ", "
    return sep.join(names)


# Labels of the vocabulary codes, so reports read naturally in both languages.
LABELS: dict[str, str] = {
    "decision_maker": gettext_noop("decision maker"),
    "influencer": gettext_noop("influencer"),
    "user": gettext_noop("user"),
    "purchaser": gettext_noop("purchaser"),
    "champion": gettext_noop("champion"),
    "coach": gettext_noop("coach"),
    "gatekeeper": gettext_noop("gatekeeper"),
    "advocate": gettext_noop("advocate"),
    "supporter": gettext_noop("supporter"),
    "neutral": gettext_noop("neutral"),
    "skeptic": gettext_noop("skeptic"),
    "opponent": gettext_noop("opponent"),
    "unknown": gettext_noop("unknown"),
    "need_recognition": gettext_noop("need recognition"),
    "information_search": gettext_noop("information search"),
    "evaluation": gettext_noop("evaluation"),
    "purchase_decision": gettext_noop("purchase decision"),
    "post_purchase": gettext_noop("post-purchase"),
    "high": gettext_noop("high"),
    "medium": gettext_noop("medium"),
    "low": gettext_noop("low"),
    "decision_unit": gettext_noop("decision unit"),
    "deal_roles": gettext_noop("other roles in the deal"),
    "organisation": gettext_noop("rest of the organisation"),
    "outside": gettext_noop("outside people"),
    "environment": gettext_noop("environment"),
    "coverage": gettext_noop("coverage"),
    "attitude": gettext_noop("attitude"),
    "freshness": gettext_noop("freshness"),
    "open_flags": gettext_noop("open flags"),
    "formal": gettext_noop("formal authority"),
    "informal": gettext_noop("informal influence"),
    "role": gettext_noop("role in the deals"),
    "market_trend": gettext_noop("market trend"),
    "competitor": gettext_noop("competitor"),
    "policy": gettext_noop("policy"),
    "social_cultural": gettext_noop("social and cultural"),
    "social_media": gettext_noop("social media"),
    "analyst": gettext_noop("analyst"),
    "consultant": gettext_noop("consultant"),
    "design_institute": gettext_noop("design institute"),
    "partner": gettext_noop("partner"),
    "industry_expert": gettext_noop("industry expert"),
    "family": gettext_noop("family"),
    "peer": gettext_noop("peer"),
    "no_decision_maker": gettext_noop("No decision maker"),
    "decision_maker_not_met": gettext_noop("Decision maker not met"),
    "single_threaded": gettext_noop("Single-threaded"),
    "no_champion": gettext_noop("No champion"),
    "unaddressed_opponent": gettext_noop("Opponent not addressed"),
    "no_stated_win": gettext_noop("No stated win"),
    "purchaser_unknown": gettext_noop("Purchaser unknown"),
    "users_not_engaged": gettext_noop("Users not engaged"),
    "stale_relationship": gettext_noop("Relationship gone stale"),
    "key_person_left": gettext_noop("Key person left"),
    "competitor_favoured": gettext_noop("Competitor favoured"),
    "open": gettext_noop("open"),
    "won": gettext_noop("won"),
    "lost": gettext_noop("lost"),
}


@lru_cache(maxsize=1024)
def label(lang: str, code: str) -> str:
    """The label of a vocabulary code in `lang` (the code itself when it has none)."""
    message = LABELS.get(code)
    return tr(lang, message) if message else code
