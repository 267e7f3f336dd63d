"""The text fields of the models: which fields are text, how many characters each keeps, and the one cleaning
of text on the way in (control characters out, one-line fields on one line), whichever road the text came by —
a save (`core.models.Versioned`), a service's validation (`core.services`) or a bulk write (`core.bulk`).

Imports no app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models

from battlemap.core.text import TEXT_MAX, clean_line, clean_lines

TEXT_FIELDS = ("CharField", "TextField", "SlugField", "EmailField", "URLField")
MULTI_LINE = "TextField"  # notes, descriptions: they keep their lines; every other text field is one line


def most_chars(field: models.Field) -> int | None:
    """The most characters a text field keeps: its max_length, else TEXT_MAX for a multi-line text
    (a TextField has no limit of its own); None for a field that is no text."""
    if field.get_internal_type() == MULTI_LINE:
        return field.max_length or TEXT_MAX
    return field.max_length if field.get_internal_type() in TEXT_FIELDS else None


def check_multi_line_length(field: models.Field, value: Any) -> None:
    """Refuse (ValidationError, Django's "at most N characters") a multi-line text longer than
    `most_chars`: Django checks a CharField's max_length, never a TextField's. The one check of the
    saves (core.models.Versioned.clean_fields) and the bulk writes (core.bulk.check_columns)."""
    if field.get_internal_type() == MULTI_LINE and isinstance(value, str):
        MaxLengthValidator(most_chars(field))(value)


def clean_text_fields(obj: Any, model: type[models.Model] | None = None) -> None:
    """The one cleaning of text on the way in: every text field of `obj` (a model instance) loses its
    control characters (core.text.clean_control: Excel's `\x0b` becomes a newline; other C0/C1
    controls, U+FFFE and U+FFFF go; a multi-line text of spaces alone is empty: core.text.clean_lines), so
    what the API, forms and imports accept is what XLSX and PPTX can hold. A one-line field (every text field but a TextField: names, titles, slugs) has its line
    breaks and tabs folded into one space and is trimmed (core.text.clean_line), whichever road the text came by. Every map model's save runs it (core.models.Versioned); bulk writes run
    `clean_text_columns` (core.bulk.check_columns). A model may add its own rule for some fields, run after
    that: `text_cleaners = {"name": clean_name}` (a person's name is stored as the importer stores it, whether
    it came by a form, the API, a paste or a file)."""
    clean_text_columns([obj], model or type(obj))


def clean_text_columns(objs: Sequence[Any], model: type[models.Model]) -> None:
    """`clean_text_fields` over many rows of `model` (instances or bulk rows), column by column: each text
    cleaned once, written back only when cleaning changes it."""
    cleaners = getattr(model, "text_cleaners", {})
    for f in model._meta.concrete_fields:
        if f.get_internal_type() not in TEXT_FIELDS:
            continue
        one_line = f.get_internal_type() != MULTI_LINE
        clean = clean_line if one_line else clean_lines
        if own := cleaners.get(f.name):
            clean = _then(clean, own)
        for obj in objs:
            value = getattr(obj, f.attname, None)
            if isinstance(value, str) and (cleaned := clean(value)) != value:
                setattr(obj, f.attname, cleaned)


def _then(first: Callable[[str], str], second: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: second(first(text))
