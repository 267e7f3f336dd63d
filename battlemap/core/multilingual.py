"""Text written now and read later by someone else (a background job's summary or failure reason), kept in
every language of the site, so each viewer reads it in theirs — not in the language of the worker process
that wrote it.

    stored = in_every_language(lambda: _("Ingest failed: %(error)s") % {"error": error})
    ...
    in_viewer_language(stored)  # the active language's text; plain text written before stays as it was
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.utils import translation

_MARK = "i18n"


def in_every_language(build: Callable[[], str]) -> str:
    """`build()` run once per language of the site, as one stored text (JSON)."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(build())
    return json.dumps({_MARK: texts}, ensure_ascii=False)


def in_viewer_language(stored: str) -> str:
    """The stored text in the active language (else the site's default, else any); other text as is."""
    if not stored.startswith("{"):
        return stored
    try:
        texts = json.loads(stored)[_MARK]
    except (ValueError, KeyError, TypeError):
        return stored
    language = translation.get_language() or settings.LANGUAGE_CODE
    for code in (language, language.split("-")[0], settings.LANGUAGE_CODE):
        if code in texts:
            return texts[code]
    return next(iter(texts.values()), "")
