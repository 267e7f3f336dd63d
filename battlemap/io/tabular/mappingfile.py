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

import tomllib
from dataclasses import dataclass, field
from typing import Any

from battlemap.vocab import ATTITUDES, INFLUENCE_MAX, INFLUENCE_MIN, RELATIONSHIP_LEVELS, ROLES, Vocabulary

from .columns import FIELDS
from .values import RoleMeaning, ValueTables, value_key


class MappingError(Exception):
    """A mapping file that cannot be used; the message names the key at fault."""


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)
    values: ValueTables = field(default_factory=ValueTables)
    sheet: str | None = None


def load_mapping(data: bytes | str | None) -> Mapping:
    if not data:
        return Mapping()
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    try:
        doc = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(f"not valid TOML: {exc}") from exc
    unknown = set(doc) - {"columns", "values", "options"}
    if unknown:
        raise MappingError(f"unknown section [{sorted(unknown)[0]}]")
    mapping = Mapping()
    for header, fld in _table(doc, "columns").items():
        if fld not in FIELDS and fld != "ignore":
            raise MappingError(
                f'columns."{header}": unknown field "{fld}" (one of {", ".join(FIELDS)}, ignore)'
            )
        mapping.columns[header] = fld
    values = _table(doc, "values")
    for name in set(values) - {"roles", "attitude", "influence", "relationship"}:
        raise MappingError(f"unknown table [values.{name}]")
    for key, spec in _table(values, "roles", "values.").items():
        mapping.values.roles[value_key(key)] = _role(key, spec)
    for key, code in _table(values, "attitude", "values.").items():
        code = _code(ATTITUDES, code)
        if code not in ATTITUDES:
            raise MappingError(f'values.attitude."{key}": unknown attitude "{code}"')
        mapping.values.attitude[value_key(key)] = code
    for key, n in _table(values, "influence", "values.").items():
        if not isinstance(n, int) or not INFLUENCE_MIN <= n <= INFLUENCE_MAX:
            raise MappingError(f'values.influence."{key}": must be a whole number 1-5')
        mapping.values.influence[value_key(key)] = n
    for key, n in _table(values, "relationship", "values.").items():
        if not isinstance(n, int) or n not in RELATIONSHIP_LEVELS:
            raise MappingError(f'values.relationship."{key}": must be a whole number 0-4')
        mapping.values.relationship[value_key(key)] = n
    sheet = _table(doc, "options").get("sheet")
    mapping.sheet = str(sheet) if sheet is not None else None
    return mapping


def _table(doc: dict[str, Any], name: str, prefix: str = "") -> dict[str, Any]:
    value = doc.get(name, {})
    if not isinstance(value, dict):
        raise MappingError(f"{prefix}{name} must be a table")
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
        raise MappingError(f'values.roles."{key}": give a role code, a list of codes or {{roles, attitude}}')
    roles = [_code(ROLES, code) for code in roles]
    for code in roles:
        if code not in ROLES:
            raise MappingError(f'values.roles."{key}": unknown role "{code}" (one of {", ".join(ROLES)})')
    if attitude is not None:
        attitude = _code(ATTITUDES, attitude)
    if attitude is not None and attitude not in ATTITUDES:
        raise MappingError(f'values.roles."{key}": unknown attitude "{attitude}"')
    return RoleMeaning(tuple(roles), attitude)


def _code(vocabulary: Vocabulary, value: Any) -> Any:
    """A code given as itself or as its label in either language → the code (else unchanged)."""
    if not isinstance(value, str):
        return value
    labels = {value_key(text): code for text, code in vocabulary.by_label().items()}
    return labels.get(value_key(value), value)
