"""A map file against the format's JSON Schema (map_format_schema.json), before anything is written.

One walk over the map checks what the schema says of each value: no key the format does not have, and
every value of its type (a whole number, a text, true or false, a list…), one of its codes, within its
bounds, a real date (`2026-02-30` is none) or a date and time with its offset, no empty name, no NUL
character and no key given twice in one object (the parser would keep the last value unseen). The first fault refuses the whole file, named by its place ("deals 3.expected_close"), as the
loader's other refusals are; so no malformed value reaches a service, where it would crash or be coerced
("5" read as 5). Which keys a part must have is left to the loader (older maps lack some).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.functional import lazy
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .loading import MapImportError

SCHEMA = Path(__file__).with_name("map_format_schema.json")

UNKNOWN_KEY = _(
    "%(where)s: the map format has no such key (docs/map-format.md); its data would not be imported, so nothing is."
)
WRONG_TYPE = _("%(where)s: expected %(expected)s, not %(value)s.")
NOT_A_CODE = _("%(where)s: %(value)s is not one of %(choices)s.")
TOO_SMALL = _("%(where)s: %(value)s is less than %(limit)s, the smallest allowed.")
TOO_LARGE = _("%(where)s: %(value)s is more than %(limit)s, the largest allowed.")
EMPTY = _("%(where)s: this cannot be empty.")
NOT_A_DATE = _("%(where)s: expected a date as YYYY-MM-DD, not %(value)s.")
NOT_A_MOMENT = _(
    "%(where)s: expected a date and time with its offset from UTC, e.g. 2026-06-06T10:00:00+08:00, not %(value)s."
)
NOT_A_DAY_OR_MOMENT = _(
    "%(where)s: expected a date as YYYY-MM-DD (all day) or a date and time with its offset from UTC, e.g. "
    "2026-06-06T10:00:00+08:00, not %(value)s."
)
REPEATED_KEY = _(
    '%(where)s: the key "%(key)s" is given twice; which value is meant cannot be told, so nothing is imported.'
)
REPEATED_TOP_KEY = _(
    'The map file gives the key "%(key)s" twice at its top level; which value is meant cannot be told, so '
    "nothing is imported."
)
HAS_NUL = _("%(where)s: a text cannot hold a NUL character (\\u0000).")

TYPE_NAMES = {
    "integer": _("a whole number"),
    "number": _("a number"),
    "string": _("a text"),
    "boolean": _("true or false"),
    "array": _("a list"),
    "object": _("an object"),
    "null": _("null"),
}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})")


class Repeated(dict):
    """A JSON object that gave `key` twice (`object_of_pairs`): the parser keeps the last value, so the
    schema walk refuses it by its place instead of importing one of the two unseen."""

    key: str


def object_of_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's `object_pairs_hook`: the object as a dict, or a `Repeated` when a key is given twice."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    repeated = Repeated(obj)
    repeated.key = next(k for k, _v in pairs if k in seen or seen.add(k))
    return repeated


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return schema()["$defs"][ref.rsplit("/", 1)[1]] if ref and ref.startswith("#/$defs/") else node


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _either(names: list[str]) -> str:
    return get_text_list([str(TYPE_NAMES[n]) for n in names], gettext("or"))


_lazy_either = lazy(_either, str)


_PYTHON = {
    "string": str,
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": type(None),
    "number": (int, float),
    "integer": int,
}


def _is(value: Any, kind: str) -> bool:
    if isinstance(value, bool):
        return kind == "boolean"
    if kind == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _PYTHON[kind])


def _real_date(text: str, pattern: re.Pattern[str], parse: Any) -> bool:
    if not pattern.fullmatch(text):
        return False
    try:
        parse(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


Fault = tuple[Any, dict[str, Any]]  # a message and its params, but the place


def _value_fault(value: Any, node: dict[str, Any]) -> Fault | None:
    """What is wrong with `value` by its (resolved) schema `node`, its keys and items aside; or None."""
    if type(value) is Repeated:
        return REPEATED_KEY, {"key": value.key}
    kinds = node.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not (type(value) is str and "string" in kinds) and not any(_is(value, k) for k in kinds):
            expected = _lazy_either([k for k in kinds if k != "null"] or kinds)
            return WRONG_TYPE, {"expected": expected, "value": _shown(value)}
        if len(node) == 1 and type(value) is not str:
            return None  # the type was all there was to check
    if "enum" in node and value not in node["enum"] or "const" in node and value != node["const"]:
        choices = ", ".join(_shown(c) for c in node.get("enum", [node.get("const")]) if c not in (None, ""))
        return NOT_A_CODE, {"value": _shown(value), "choices": choices}
    if isinstance(value, str):
        if "\x00" in value:
            return HAS_NUL, {}
        if node.get("minLength") and not value.strip():
            return EMPTY, {}
        if node.get("format") == "date" and not _real_date(value, _DAY, dt.date.fromisoformat):
            return NOT_A_DATE, {"value": _shown(value)}
        if node.get("format") == "date-time" and not _real_date(value, _MOMENT, dt.datetime.fromisoformat):
            return NOT_A_MOMENT, {"value": _shown(value)}
        if node.get("format") == "date-or-date-time" and not (  # an interaction's: a day alone is all day
            _real_date(value, _DAY, dt.date.fromisoformat)
            or _real_date(value, _MOMENT, dt.datetime.fromisoformat)
        ):
            return NOT_A_DAY_OR_MOMENT, {"value": _shown(value)}
    elif _is(value, "number"):
        if "minimum" in node and value < node["minimum"]:
            return TOO_SMALL, {"value": _shown(value), "limit": node["minimum"]}
        if "maximum" in node and value > node["maximum"]:
            return TOO_LARGE, {"value": _shown(value), "limit": node["maximum"]}
    return None


Check = Callable[[Any, list[str]], "Fault | None"]
_EXACT = {"string": (str,), "boolean": (bool,), "array": (list,), "object": (dict,), "null": (type(None),),
          "number": (int, float), "integer": (int,)}  # fmt: skip


@cache
def _checker(ref: str | None, node_id: int) -> Check:
    """The check of one schema node (by its `$ref`, else its id among the schema's nodes), built once:
    a large map has millions of values, most of them a plain text or number that one type test clears."""
    node = _resolve(_NODES[node_id] if ref is None else {"$ref": ref})
    rules = set(node) - {"type", "description"}
    kinds = node.get("type")
    plain = {t for k in ([kinds] if isinstance(kinds, str) else kinds or ()) for t in _EXACT[k]}
    if kinds is not None and not rules:  # the type is all there is to check

        def check(value: Any, place: list[str]) -> Fault | None:
            if type(value) in plain and (type(value) is not str or "\x00" not in value):
                return None
            return _value_fault(value, node)

        return check
    if rules == {"enum"} and all(isinstance(c, (str, type(None))) for c in node["enum"]):
        codes = frozenset(node["enum"])

        def check(value: Any, place: list[str]) -> Fault | None:
            if type(value) in (str, type(None)) and value in codes:
                return None
            return _value_fault(value, node)

        return check
    known = {k: _check_of(v) for k, v in node.get("properties", {}).items()}
    free = node.get("additionalProperties")
    free_check = _check_of(free) if isinstance(free, dict) else None
    names = _resolve(node.get("propertyNames", {}))
    items = _check_of(node["items"]) if isinstance(node.get("items"), dict) else None

    def check(value: Any, place: list[str]) -> Fault | None:
        fault = _value_fault(value, node)
        if fault is not None:
            return fault
        if type(value) is dict and (known or free_check is not None or free is False):
            for key, item in value.items():
                child = known.get(key, free_check)
                if child is None:
                    place.append(f".{key}")
                    return UNKNOWN_KEY, {}
                if child is free_check and "enum" in names and key not in names["enum"]:
                    place.append(f".{key}")
                    return _value_fault(key, names)
                fault = child(item, place)
                if fault is not None:
                    place.append(f".{key}")
                    return fault
        elif type(value) is list and items is not None:
            for n, item in enumerate(value):
                fault = items(item, place)
                if fault is not None:
                    label = item.get("id", item.get("person", n)) if isinstance(item, dict) else n
                    place.append(f" {label}")
                    return fault
        return None

    return check


_NODES: dict[int, dict[str, Any]] = {}


def _check_of(node: dict[str, Any]) -> Check:
    ref = node.get("$ref")
    if ref is None:
        _NODES[id(node)] = node  # the schema is loaded once (`schema`), so its nodes keep their ids
    return _checker(ref, 0 if ref else id(node))


def schema_error(data: Any) -> MapImportError | None:
    """The first fault of `data` by the map format's schema, as the MapImportError to raise naming its
    place ("people 7.portrait.mood", "deals 3.expected_close"), or None. Objects whose keys are free
    (decision factors, channels) take any key the schema's `propertyNames` allows, each value checked
    by `additionalProperties`. The depth is bounded before (limits.read_map), so the walk stays shallow."""
    if type(data) is Repeated:
        return MapImportError(REPEATED_TOP_KEY, {"key": data.key})
    place: list[str] = []
    fault = _check_of(schema())(data, place)
    if fault is None:
        return None
    message, params = fault
    return MapImportError(message, {"where": "".join(reversed(place)).lstrip("."), **params})
