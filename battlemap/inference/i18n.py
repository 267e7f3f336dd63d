"""Translations for the pure inference package: the stdlib gettext on our own compiled catalog.

The catalog sits at battlemap/inference/locale/<lang>/LC_MESSAGES/django.po (compiled to .mo by
`make install`); without a compiled catalog the English source strings are used. It holds the
evidence sentences only: labels of codes come from battlemap.vocab.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

from battlemap.vocab import normalize_language

LOCALE_DIR = Path(__file__).with_name("locale")


@lru_cache(maxsize=8)
def translation(language: str = "en") -> gettext.NullTranslations:
    """The stdlib translations of the inference catalog for `language`, cached; an unsupported language, or no
    compiled .mo, reads the English source strings."""
    try:
        code = normalize_language(language)
    except ValueError:  # an unsupported language reads the English source
        code = "en"
    return gettext.translation("django", localedir=LOCALE_DIR, languages=[code], fallback=True)
