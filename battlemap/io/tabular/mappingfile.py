"""Mapping files (TOML) for headers and values the built-in tables do not know.

[columns]
"Nom complet" = "name"          # header = field (or "ignore")
[values.roles]
"Sponsor" = ["decision_maker", "champion"]
"Saboteur" = { roles = [], attitude = "opponent" }
[values.attitude]
"Fan" = "advocate"              # a code, or its label in either language ("强烈支持")
[values.influence]
"A" = 5
[values.relationship]
"close" = 3
[options]
sheet = "Contacts"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from battlemap.core.multilingual import active_language
from battlemap.io.text import UndecodableError, decode
from battlemap.vocab import (
    ATTITUDES,
    INFLUENCE_MAX,
    INFLUENCE_MIN,
    RELATIONSHIP_LEVELS,
    RELATIONSHIPS,
    ROLES,
    Vocabulary,
)

from .columns import FIELDS
from .problems import FIELD_LABELS
from .values import RoleMeaning, ValueTables, value_key

_TOML_PLACE = re.compile(r"^(?P<detail>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$")


class MappingError(Exception):
    """A mapping file that cannot be used; the message names the key at fault, in the viewer's language.

    `message(lang)` says it in `lang` (default: the active language, as `str()` does); a job that stores
    it keeps `every_language(lambda: error.message())` (core.multilingual)."""

    def __init__(self, template: Promise, **params: Any) -> None:
        super().__init__(str(template))
        self.template, self.params = template, params

    def message(self, lang: str | None = None) -> str:
        with translation.override(lang or active_language()):
            params = {k: v() if callable(v) else v for k, v in self.params.items()}
            return str(self.template) % params

    def __str__(self) -> str:
        return self.message()


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)
    values: ValueTables = field(default_factory=ValueTables)
    sheet: str | None = None
    # the preview's choice for a column whose header the file repeats: 0-based column -> (header, field)
    by_column: dict[int, tuple[str, str]] = field(default_factory=dict)


def mapping_text(data: bytes) -> str:
    """An uploaded mapping file's text, in whatever encoding it was saved (io.text.decode: UTF-8 with or
    without BOM, UTF-16, GB18030…); MappingError when no encoding reads it."""
    try:
        return decode(data).text
    except UndecodableError:
        raise MappingError(
            pgettext_lazy("import", "not text in an encoding Battlemap reads; save it as UTF-8")
        ) from None


# The most characters a mapping file may hold: a hand-written file of a few dozen headers and values is a few KB;
# 1 MB is thousands of lines. The TOML parser recurses once per nested array or table, so a file nesting
# 100,000 `[` would exhaust Python's stack (RecursionError): refused as not valid TOML, as a syntax error is.
MAPPING_MAX_CHARS = 1_000_000


def load_mapping(data: bytes | str | None) -> Mapping:
    if not data:
        return Mapping()
    text = mapping_text(data) if isinstance(data, bytes) else data
    if len(text) > MAPPING_MAX_CHARS:
        raise MappingError(
            pgettext_lazy(
                "import",
                "not a mapping file: it holds more than %(value)s characters, more than one ever needs",
            ),
            value=f"{MAPPING_MAX_CHARS:,}",
        )
    try:
        doc = tomllib.loads(text)
    except RecursionError:
        raise MappingError(
            pgettext_lazy("import", "not valid TOML (%(detail)s)"),
            detail=pgettext_lazy("import", "its lists or tables nest too deep"),
        ) from None
    except tomllib.TOMLDecodeError as exc:
        place = _TOML_PLACE.match(str(exc))
        if place is None:
            raise MappingError(
                pgettext_lazy("import", "not valid TOML (%(detail)s)"), detail=str(exc)
            ) from exc
        raise MappingError(
            pgettext_lazy("import", "not valid TOML at line %(line)s, column %(column)s (%(detail)s)"),
            **place.groupdict(),
        ) from exc
    unknown = set(doc) - {"columns", "values", "options"}
    if unknown:
        raise MappingError(
            pgettext_lazy(
                "import", "unknown section [%(name)s] (the sections are [columns], [values] and [options])"
            ),
            name=sorted(unknown)[0],
        )
    mapping = Mapping()
    for header, fld in _table(doc, "columns").items():
        if fld not in FIELDS and fld != "ignore":
            raise MappingError(
                pgettext_lazy(
                    "import", 'columns."%(header)s": unknown field "%(field)s" (one of %(fields)s)'
                ),
                header=header,
                field=fld,
                fields=_field_list,
            )
        mapping.columns[header] = fld
    values = _table(doc, "values")
    for name in sorted(set(values) - {"roles", "attitude", "influence", "relationship"}):
        raise MappingError(
            pgettext_lazy(
                "import",
                "unknown table [values.%(name)s] (the tables are roles, attitude, influence and relationship)",
            ),
            name=name,
        )
    for key, spec in _table(values, "roles", "values.").items():
        mapping.values.roles[value_key(key)] = _role(key, spec)
    for key, code in _table(values, "attitude", "values.").items():
        mapping.values.attitude[value_key(key)] = _known(ATTITUDES, code, f'values.attitude."{key}"')
    for key, n in _table(values, "influence", "values.").items():
        if not isinstance(n, int) or not INFLUENCE_MIN <= n <= INFLUENCE_MAX:
            raise MappingError(
                pgettext_lazy("import", "%(key)s: must be a whole number %(min)s-%(max)s"),
                key=f'values.influence."{key}"',
                min=INFLUENCE_MIN,
                max=INFLUENCE_MAX,
            )
        mapping.values.influence[value_key(key)] = n
    for key, n in _table(values, "relationship", "values.").items():
        if not isinstance(n, int) or n not in RELATIONSHIP_LEVELS:
            raise MappingError(
                pgettext_lazy("import", "%(key)s: must be a whole number %(min)s-%(max)s (%(levels)s)"),
                key=f'values.relationship."{key}"',
                min=min(RELATIONSHIP_LEVELS),
                max=max(RELATIONSHIP_LEVELS),
                levels=lambda: RELATIONSHIPS.listing(active_language()),
            )
        mapping.values.relationship[value_key(key)] = n
    sheet = _table(doc, "options").get("sheet")
    mapping.sheet = str(sheet) if sheet is not None else None
    return mapping


def _field_list() -> str:
    """The fields a column may map to, and `ignore`; in Chinese each by its label with the field's name (what
    the file takes) beside it, as every list of allowed codes (vocab.Vocabulary.listing); the English field
    names say what they hold."""
    if not (active_language()).startswith("zh"):
        return ", ".join([*FIELDS, "ignore"])
    return "、".join([*(f"{FIELD_LABELS.get(name, name)}（{name}）" for name in FIELDS), "ignore"])


def _table(doc: dict[str, Any], name: str, prefix: str = "") -> dict[str, Any]:
    value = doc.get(name, {})
    if not isinstance(value, dict):
        raise MappingError(pgettext_lazy("import", "[%(name)s] must be a table"), name=f"{prefix}{name}")
    return value


def _role(key: str, spec: Any) -> RoleMeaning:
    attitude = None
    if isinstance(spec, str):
        roles = [spec]
    elif isinstance(spec, list):
        roles = spec
    elif isinstance(spec, dict):
        roles, attitude = spec.get("roles", []), spec.get("attitude")
    else:
        raise MappingError(
            pgettext_lazy(
                "import", "%(key)s: give a role code, a list of codes or { roles = [...], attitude = ... }"
            ),
            key=f'values.roles."{key}"',
        )
    where = f'values.roles."{key}"'
    roles = [_known(ROLES, code, where) for code in (roles if isinstance(roles, list) else [roles])]
    if attitude is not None:
        attitude = _known(ATTITUDES, attitude, where)
    return RoleMeaning(tuple(roles), attitude)


_UNKNOWN = {
    ROLES.name: pgettext_lazy("import", '%(key)s: unknown role "%(code)s" (one of %(codes)s)'),
    ATTITUDES.name: pgettext_lazy("import", '%(key)s: unknown attitude "%(code)s" (one of %(codes)s)'),
}


def _known(vocabulary: Vocabulary, value: Any, key: str) -> Any:
    """The code of `value` (a code or its label in either language); MappingError naming `key` when it is
    neither, with the codes allowed (and their labels in the viewer's language)."""
    code = _code(vocabulary, value)
    if code not in vocabulary:
        raise MappingError(
            _UNKNOWN[vocabulary.name],
            key=key,
            code=code,
            codes=lambda: vocabulary.listing(active_language()),
        )
    return code


def _code(vocabulary: Vocabulary, value: Any) -> Any:
    """A code given as itself or as its label in either language → the code (else unchanged)."""
    if not isinstance(value, str):
        return value
    labels = {value_key(text): code for text, code in vocabulary.by_label().items()}
    return labels.get(value_key(value), value)
