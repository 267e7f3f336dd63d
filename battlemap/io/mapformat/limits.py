"""Reading a map file within bounds, before anything is written (docs/map-format.md, "Limits").

A map file is refused, with a sentence naming the limit and its setting, when it is larger than
MAP_IMPORT_MAX_MB, nests deeper than MAP_IMPORT_MAX_DEPTH, or holds more people (MAP_IMPORT_MAX_PEOPLE),
influence links (MAP_IMPORT_MAX_LINKS) or interactions (MAP_IMPORT_MAX_INTERACTIONS) than allowed, or more
items in another list than `MAP_LIST_BOUNDS` says (org units, deals, their roles, action items…). The
depth is measured on the bytes before the JSON parser sees them (the parser recurses once per level: a
file of 100,000 `[` would exhaust Python's stack). Then the map is checked against the format's schema
(schema.py): a key the format does not have (its data would not land, and the user must not think it did)
and a value of the wrong type, code or bounds, or a date that is none, are refused, named by their place
("people 7.portrait.mood", "deals 3.expected_close").
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from battlemap.core.models import text_list_problem

from . import FORMAT_VERSION, is_this_format
from .loading import MapImportError
from .schema import object_of_pairs, schema_error

MEGABYTE = 1024 * 1024

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')  # a JSON string, escapes included
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_INNERMOST = re.compile(rb"\[\]|\{\}")


class MapLimitError(MapImportError):
    """The map file is past a bound; the message (translated when read) names the limit and its setting."""


def nesting_deeper_than(raw: bytes, bound: int) -> bool:
    """Whether the JSON text `raw` nests arrays and objects more than `bound` levels deep.

    Strings aside, only the brackets are kept; each pass of C code removes the innermost pairs (one
    level), so `bound` passes over a shrinking text decide it, whatever the depth. Unbalanced brackets
    are not JSON: False here, the parser then says so."""
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b"", raw))
    for _level in range(bound):
        if not brackets:
            return False
        brackets, removed = _INNERMOST.subn(b"", brackets)
        if not removed:
            return False
    return bool(brackets) and _INNERMOST.search(brackets) is not None


def _refuse(message: Any, value: int) -> MapLimitError:
    return MapLimitError(message, {"value": f"{value:,}"})


def check_size(size: int) -> None:
    """MapLimitError when a file of `size` bytes is larger than MAP_IMPORT_MAX_MB (before reading it)."""
    if size > settings.MAP_IMPORT_MAX_MB * MEGABYTE:
        raise _refuse(
            _("The map file is larger than %(value)s MB, the limit of one map import (MAP_IMPORT_MAX_MB)."),
            settings.MAP_IMPORT_MAX_MB,
        )


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def json_text(raw: bytes) -> str:
    """The text of a JSON file: UTF-8, with or without a byte order mark, or UTF-16 — with its byte order mark
    (Windows Notepad's "Unicode"), or without one, told by the NUL byte beside the first character, as JSON
    readers commonly accept (RFC 8259 §8.1 asks for UTF-8 between systems). A file in another encoding whose text
    reads as JSON (Notepad's "ANSI" on a Chinese Windows: GBK) is refused naming the encoding, not as "no JSON"."""
    if raw.startswith(UTF16_BOMS) or (len(raw) > 1 and (raw[0] == 0) != (raw[1] == 0)):
        codec = "utf-16" if raw.startswith(UTF16_BOMS) else "utf-16-be" if raw[0] == 0 else "utf-16-le"
        try:
            return raw.decode(codec).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise MapImportError(_("This is not a JSON file.")) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for codec, name in (("gb18030", "GB18030 (GBK)"), ("big5", "Big5")):
        try:
            legacy = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if legacy.lstrip().startswith(("{", "[")):
            raise MapImportError(NOT_UTF8, {"encoding": name})
    raise MapImportError(_("This is not a JSON file.")) from None


NOT_UTF8 = _(
    "The map file is saved in %(encoding)s, not in UTF-8, which a map file is read in (Windows Notepad's "
    "“ANSI” saves Chinese so). Open it, save it again as UTF-8 (in Notepad: Save As, Encoding UTF-8) and "
    "upload it again."
)


# The most items of each other list of a map (a deal's lists counted over all its deals). Each item is written
# one by one while the import holds the database's write lock: 150,000 org units took 170 s, 60,000 deals 80 s,
# every other write failing meanwhile. A real account has some hundreds of departments and deals, some thousands of
# roles and action items: these are ten times that and more, and keep the write under about 15 s.
MAP_LIST_BOUNDS = {
    "org_units": 10_000,
    "external_factors": 10_000,
    "decision_bodies": 2_000,
    "deals": 5_000,
    "deals.roles": 50_000,
    "deals.action_items": 50_000,
    "deals.stage_history": 50_000,
    "deals.competition": 20_000,
    "deals.body_roles": 20_000,
    "deals.process": 20_000,
}
TOO_MANY = _(
    "The map's list %(list)s holds more than %(value)s items, the limit of one map import; a real account has "
    "far fewer: this is not a map to import."
)


def _api_list_rule(schema: Any, name: str) -> tuple[int, int]:
    """The most items of list `name` of an API input schema and the most characters of each: the lists of names
    the models keep in a JSON field (a deal's competitors, an account's segment tags) are held to the numbers of
    their model's rule (core.models.check_text_list), which the schema reads; checked here before anything is
    written, so the refusal names the map's place, and a map brings in nothing the API and the web would refuse."""
    rule = schema.model_json_schema()["properties"][name]
    return rule["maxItems"], rule["items"]["maxLength"]


def check_lists(data: dict[str, Any]) -> None:
    """MapLimitError for a list of the map longer than its bound (`MAP_LIST_BOUNDS`, a deal's lists summed over
    the deals), or a deal's competitors or the account's segment tags or other names past the API's rule (`_api_list_rule`)."""
    deals = data.get("deals") if isinstance(data.get("deals"), list) else []
    for key, bound in MAP_LIST_BOUNDS.items():
        if key.startswith("deals."):
            part = key.removeprefix("deals.")
            count = sum(len(d[part]) for d in deals if isinstance(d, dict) and isinstance(d.get(part), list))
        else:
            count = len(data[key]) if isinstance(data.get(key), list) else 0
        if count > bound:
            raise MapLimitError(TOO_MANY, {"list": key, "value": f"{bound:,}"})
    from battlemap.accounts.schemas import AccountIn
    from battlemap.deals.schemas import DealIn

    account = data.get("account") if isinstance(data.get("account"), dict) else {}
    places = [
        (f"account.{name}", account.get(name), _api_list_rule(AccountIn, name))
        for name in ("segments", "company_names")
    ]
    competitors = _api_list_rule(DealIn, "competitors")
    places += [
        (f"deals {d.get('id')}.competitors", d.get("competitors"), competitors)
        for d in deals
        if isinstance(d, dict)
    ]
    for where, names, (most, longest) in places:
        problem = text_list_problem(names, longest=longest, most=most) if isinstance(names, list) else None
        if problem is not None:
            message, params = problem
            raise MapImportError(message, {**params, "where": where})


def read_map(raw: bytes) -> dict[str, Any]:
    """The map of the JSON file `raw`, checked against the bounds and the format's keys; MapLimitError
    (past a bound) or MapImportError (not a map, an unknown key), each message a sentence to show (in
    the language active when it is read)."""
    check_size(len(raw))
    text = json_text(raw)
    raw = text.encode("utf-8")  # the nesting check reads bytes of UTF-8 (or of ASCII) text
    depth = settings.MAP_IMPORT_MAX_DEPTH
    if nesting_deeper_than(raw, depth):
        raise _refuse(
            _(
                "The map file nests more than %(value)s levels deep, the limit of one map import "
                "(MAP_IMPORT_MAX_DEPTH); a map never nests that deep: this is not a valid map."
            ),
            depth,
        )
    try:
        data = json.loads(text, object_pairs_hook=object_of_pairs)
    except json.JSONDecodeError as error:
        raise MapImportError(
            _("This is not a JSON file: it cannot be read from line %(line)s, column %(column)s on."),
            {"line": error.lineno, "column": error.colno},
        ) from None
    except ValueError as error:
        if "digits" in str(error):  # Python's limit on an integer's length (sys.set_int_max_str_digits)
            raise MapImportError(
                _("The map file holds a number of more than 4,300 digits: no map value is that long.")
            ) from None
        raise MapImportError(_("This is not a JSON file.")) from None
    except RecursionError:
        raise MapImportError(_("This is not a JSON file.")) from None
    if not isinstance(data, dict):
        raise MapImportError(_("This is not a map file."))
    if not is_this_format(data):
        raise MapImportError(
            _(
                "This is not a map file this version of Battlemap reads (format_version %(version)s expected)."
            ),
            {"version": FORMAT_VERSION},
        )
    counts = (
        ("people", settings.MAP_IMPORT_MAX_PEOPLE,
         _("The map has more than %(value)s people, the limit of one map import (MAP_IMPORT_MAX_PEOPLE).")),
        ("influence_links", settings.MAP_IMPORT_MAX_LINKS,
         _("The map has more than %(value)s influence links, the limit of one map import (MAP_IMPORT_MAX_LINKS).")),
        ("interactions", settings.MAP_IMPORT_MAX_INTERACTIONS,
         _("The map has more than %(value)s interactions, the limit of one map import "
           "(MAP_IMPORT_MAX_INTERACTIONS).")),
    )  # fmt: skip
    for key, bound, message in counts:
        items = data.get(key)
        if isinstance(items, list) and len(items) > bound:
            raise _refuse(message, bound)
    check_lists(data)
    error = schema_error(data)  # an unknown key, a value of the wrong type, a date that is none…
    if error is not None:
        raise error
    return data
