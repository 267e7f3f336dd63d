"""Translations for the pure inference package: the stdlib gettext on our own compiled catalog.

The catalog sits at battlemap/inference/locale/<lang>/LC_MESSAGES/django.po (compiled to .mo by
`make install`); without a compiled catalog the English source strings are used.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
_LANGUAGES = {"zh-hans": "zh_Hans", "zh_hans": "zh_Hans", "zh": "zh_Hans", "zh-cn": "zh_Hans", "en": "en"}


@lru_cache(maxsize=8)
def translation(language: str = "en") -> gettext.NullTranslations:
    code = _LANGUAGES.get(language.lower(), language)
    return gettext.translation("django", localedir=LOCALE_DIR, languages=[code], fallback=True)


def gettext_for(language: str = "en"):  # noqa: ANN201 - returns the bound gettext function
    return translation(language).gettext
