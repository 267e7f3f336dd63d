"""Snapshots to and from plain JSON-ready dicts (dates as ISO strings).

`snapshot_from_dict` checks types and codes and names the offending field in its error, e.g.
`deals[0].stakeholders[1].influence: expected an integer, got 'high'`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from functools import cache
from typing import Any

from battlemap import vocab

from .types import MapSnapshot


class SnapshotError(ValueError):
    """A snapshot dict that does not fit; the message names the field."""


# field name → allowed codes, checked wherever the field appears
_CODES: dict[str, tuple[str, ...]] = {
    "status": (*vocab.PERSON_STATUSES, *vocab.DEAL_STATUSES, *vocab.STEP_STATUSES),
    "stage": vocab.STAGES,
    "attitude": vocab.ATTITUDES,
    "roles": vocab.ROLES,
    "factor": vocab.DECISION_FACTORS,
    "plan_channel": ("", *vocab.PLAN_CHANNELS),
    "response_mode": ("", *vocab.RESPONSE_MODES),
    "channels": vocab.CHANNELS,
    "kind": (
        *vocab.LINK_KINDS,
        *vocab.INTERACTION_KINDS,
        *vocab.FACTOR_KINDS,
        *vocab.BODY_KINDS,
        *vocab.PROCESS_STEPS,
        *vocab.SURVEY_KINDS,
    ),
    "decision_rule": vocab.DECISION_RULES,
}
_RANGES: dict[str, tuple[int, int]] = {
    "influence": (vocab.INFLUENCE_MIN, vocab.INFLUENCE_MAX),
    "relationship": (min(vocab.RELATIONSHIP_LEVELS), max(vocab.RELATIONSHIP_LEVELS)),
    "strength": (vocab.LINK_STRENGTH_MIN, vocab.LINK_STRENGTH_MAX),
    "effect": (vocab.FACTOR_EFFECT_MIN, vocab.FACTOR_EFFECT_MAX),
    "plan_cadence_days": (1, vocab.CADENCE_MAX_DAYS),
}


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(value: Any, hint: Any, path: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        hint = next(option for option in options if option is not type(None))
        return _convert(value, hint, path)
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise SnapshotError(f"{path}: expected a list, got {value!r}")
        item = typing.get_args(hint)[0]
        return tuple(_convert(v, item, f"{path}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, path)
    if hint is date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            raise SnapshotError(f"{path}: expected a date YYYY-MM-DD, got {value!r}") from None
    if hint is bool:
        if not isinstance(value, bool):
            raise SnapshotError(f"{path}: expected true or false, got {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SnapshotError(f"{path}: expected an integer, got {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SnapshotError(f"{path}: expected a number, got {value!r}")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise SnapshotError(f"{path}: expected text, got {value!r}")
        return value
    return value


def _build(cls: Any, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise SnapshotError(f"{path or 'snapshot'}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise SnapshotError(f"{path + '.' if path else ''}{unknown[0]}: unknown field")
    kwargs = {}
    for f in dataclasses.fields(cls):
        where = f"{path}.{f.name}" if path else f.name
        if f.name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise SnapshotError(f"{where}: required")
            continue
        value = _convert(data[f.name], hints[f.name], where)
        _check_codes(f.name, value, where)
        kwargs[f.name] = value
    return cls(**kwargs)


def _check_codes(name: str, value: Any, where: str) -> None:
    allowed = _CODES.get(name)
    if allowed is not None:
        for code in value if isinstance(value, tuple) else (value,):
            # a deal's `channels` are StageChannelsInfo, each checked as it is built: only text is a code here
            if isinstance(code, str) and code not in allowed:
                raise SnapshotError(f"{where}: unknown code {code!r}")
    bounds = _RANGES.get(name)
    if bounds is not None and isinstance(value, int) and not bounds[0] <= value <= bounds[1]:
        raise SnapshotError(f"{where}: {value} is outside {bounds[0]}..{bounds[1]}")


def snapshot_from_dict(data: dict[str, Any]) -> MapSnapshot:
    """A `MapSnapshot` from its plain dict (dates as ISO strings). Raises `SnapshotError` naming the field
    (`deals[0].stakeholders[1].influence: …`) for an unknown or missing field, a wrong type, an unknown
    code or a number out of its range."""
    return _build(MapSnapshot, data, "")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def snapshot_to_dict(snapshot: MapSnapshot) -> dict[str, Any]:
    """The snapshot as a JSON-ready dict that `snapshot_from_dict` reads back: dataclasses as dicts, tuples as
    lists, dates as ISO strings."""
    return _plain(snapshot)
