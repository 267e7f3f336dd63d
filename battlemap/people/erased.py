"""What an erasure leaves in the database, stored in no language and read in the reader's.

`people.services.erase` stores two fixed marks: `NAME` as the placeholder's name (current row and every
history row) and `TEXT` wherever the account's texts named the person. Neither is a word of any language,
so the one who erased decides nothing about how it reads. The one rule: **a column erase writes into shows
its marks in the active language when it is read from the database** — a converter on exactly those
columns (`install`, from `PeopleConfig.ready`), so every road that reads them through the ORM (pages,
the analysis and its sentences, exports, the API, mail suggestions, comments, history) reads "Erased
person" / "已删除的人员" and "[erased]" / "[已删除]" in its own language, with no template or reader
knowing about it. The same columns turn any language's words back into the marks when written (a form
that saves a text it showed, the placeholder edited), so a mark never settles in one language again.

Erasures from before the marks stored the eraser's words ("已删除的人员", "[已删除]"): they are read the same
way, so those pages follow the reader too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.conf import settings
from django.db.models import Field
from django.utils import translation
from django.utils.translation import gettext_noop

from battlemap.core.multilingual import active_language

NAME = "⟦erased person⟧"
TEXT = "⟦erased⟧"
NAME_WORDS = gettext_noop("Erased person")
TEXT_WORDS = gettext_noop("[erased]")


@cache
def _said(message: str) -> dict[str, str]:
    """`message` in every language of the site, {language: words}."""
    out = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            out[code] = translation.gettext(message)
    return out


def _in_reader_language(message: str) -> str:
    said = _said(message)
    language = active_language()
    return said.get(language) or said.get(settings.LANGUAGE_CODE) or message


@cache
def _text_words() -> re.Pattern:
    words = sorted({TEXT, *_said(TEXT_WORDS).values()}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


@cache
def _stored_forms() -> tuple[str, ...]:
    """The marks and their words as a stored JSON text may hold them (as they are, or escaped: \\u5df2)."""
    words = {TEXT, *_said(TEXT_WORDS).values()}
    return tuple({w for word in words for w in (word, json.dumps(word)[1:-1])})


def _may_hold_a_mark(raw: Any) -> bool:
    return not isinstance(raw, str) or any(form in raw for form in _stored_forms())


def shown_name(value: Any) -> Any:
    """A person's name as the reader reads it: the placeholder's (any language's, or the mark) in theirs."""
    if isinstance(value, str) and (value == NAME or value in _said(NAME_WORDS).values()):
        return _in_reader_language(NAME_WORDS)
    return value


def is_erased(person: Any) -> bool:
    """Whether `person` is the placeholder an erasure left (`people.services.erase`): nothing new is recorded
    about them — no part in a deal, no meeting (ERASED_TAKES_NOTHING)."""
    return bool(person.placeholder) and stored_name(person.name) == NAME


ERASED_TAKES_NOTHING = gettext_noop(
    "This person's data was erased on their request: nothing new is recorded about them (erased meanwhile? "
    "reload the page)."
)


def stored_name(value: Any) -> Any:
    """A person's name as stored: the placeholder's in any language becomes the mark."""
    if isinstance(value, str) and value in _said(NAME_WORDS).values():
        return NAME
    return value


def _each_string(value: Any, change) -> Any:  # noqa: ANN001
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_each_string(v, change) for v in value]
    if isinstance(value, dict):
        return {k: _each_string(v, change) for k, v in value.items()}
    return value


def _read_text(text: str) -> str:
    if "⟦" not in text and "[" not in text:  # most texts: no mark, nothing to do
        return text
    return _text_words().sub(lambda _m: _in_reader_language(TEXT_WORDS), text)


def _write_text(text: str) -> str:
    if "[" not in text:
        return text
    return _text_words().sub(TEXT, text)


def shown_text(value: Any) -> Any:
    """A text (or a JSON value's strings) as the reader reads it: each mark in their language."""
    return _each_string(value, _read_text)


def stored_text(value: Any) -> Any:
    """A text (or a JSON value's strings) as stored: "[erased]" in any language becomes the mark."""
    return _each_string(value, _write_text)


def _wrap(field, read, write) -> None:  # noqa: ANN001
    """Reads of `field` through `read`, writes through `write` (after the field's own conversions)."""
    if getattr(field, "_erased_marks", False):
        return
    own_read = getattr(field, "from_db_value", None)
    own_write = field.get_prep_value
    if own_read is None:
        field.from_db_value = lambda value, expression, connection: read(value)
    else:  # JSON: walked only when its stored text holds a mark (mail recipients: tens of thousands of rows)

        def from_db_value(value, expression, connection):  # noqa: ANN001, ANN202
            parsed = own_read(value, expression, connection)
            return read(parsed) if _may_hold_a_mark(value) else parsed

        field.from_db_value = from_db_value
    field.get_prep_value = lambda value: own_write(write(value))
    field._erased_marks = True


def install(text_columns: Iterable[Field]) -> None:
    """The converters on the columns erase writes its marks into: the person's name (current and history) and
    `text_columns`, erase's own list of them (`people.services.erase.text_columns`, passed by `PeopleConfig.ready`)."""
    from battlemap.people.models import Person

    for model in (Person, Person.history.model):
        _wrap(model._meta.get_field("name"), shown_name, stored_name)
    for field in text_columns:
        _wrap(field, shown_text, stored_text)
