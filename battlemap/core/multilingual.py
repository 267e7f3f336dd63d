"""Text written now and read later by someone else (a background job's summary or failure reason), kept in
every language of the site, so each viewer reads it in theirs — not in the language of the worker process
that wrote it.

    stored = in_every_language(lambda: _("Ingest failed: %(error)s") % {"error": error})
    ...
    in_viewer_language(stored)  # the active language's text; plain text written before stays as it was

`every_language` / `for_viewer` do the same for any JSON value (a background job's list of problems).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import translation

_MARK = "i18n"


def active_language() -> str:
    """The language code in force ('zh-hans', 'en'): the request's, or the one a command or job switched to
    with `translation.override` (a command starts in LANGUAGE_CODE). With translations deactivated —
    Django's `no_translations`, as `makemigrations` and `migrate` run — English, the language gettext then
    speaks: the choices' labels stay English in migrations whatever the site's language (core.choices)."""
    return translation.get_language() or "en"


def every_language(build: Callable[[], Any]) -> dict[str, Any]:
    """`build()` run once per language of the site: `{"i18n": {"zh-hans": …, "en": …}}`."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[code] = build()
    return {_MARK: values}


def for_viewer(value: Any) -> Any:
    """What `every_language` built, in the active language (else the site's default, else any); any other
    value (written before, or not translated) as it is."""
    if not (isinstance(value, dict) and isinstance(value.get(_MARK), dict)):
        return value
    values = value[_MARK]
    language = active_language()
    for code in (language, language.split("-")[0], settings.LANGUAGE_CODE):
        if code in values:
            return values[code]
    return next(iter(values.values()), None)


def in_every_language(build: Callable[[], str]) -> str:
    """`build()` run once per language of the site, as one stored text (JSON)."""
    return json.dumps(every_language(lambda: str(build())), ensure_ascii=False)


def in_viewer_language(stored: str) -> str:
    """The stored text in the active language (else the site's default, else any); other text as is."""
    if not stored.startswith("{"):
        return stored
    try:
        value = json.loads(stored)
    except ValueError:
        return stored
    shown = for_viewer(value)
    return shown if isinstance(shown, str) else stored
