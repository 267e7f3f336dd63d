"""Keyset cursors: where a page of a list ended, as an opaque string the answer gives (`next`) and the next
request sends back (`after`). The next page starts just after that place in the list's order, so it costs the
same at the millionth row as at the first, and a row added meanwhile neither repeats an item nor skips one (an
offset counts from the top: a new row moves every item one on)."""

from __future__ import annotations

import base64
import binascii

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SEPARATOR = "\x1f"  # no part holds it: a time, a model's name, an id


def cursor_of(*parts: str) -> str:
    """The cursor of a place in a list, given by the values of its order there (the last item given)."""
    return base64.urlsafe_b64encode(SEPARATOR.join(parts).encode()).decode().rstrip("=")


def cursor_parts(value: str, *, field: str, count: int) -> list[str]:
    """The `count` values a cursor given by `cursor_of` holds; a ValidationError naming `field` (a 422) for any
    other string."""
    try:
        parts = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode().split(SEPARATOR)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        parts = []
    if len(parts) != count:
        raise ValidationError({field: bad_cursor()})
    return parts


def bad_cursor() -> str:
    return _('Not a cursor this list gave: send back the "next" of the page before, or start without it.')
