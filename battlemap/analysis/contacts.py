"""One pass over the interactions, indexed per person (vectorised with numpy).

Per person: when we last had contact (any interaction) and last met them (a meeting, call, visit or interview: MEETING_KINDS);
and the participation arrays (interaction row, person column) the informal-influence graph uses.
Everything else (met, engaged, stale, freshness) reads this index, so no analysis loops over
people × interactions. Interactions after `today` have not happened yet and are ignored, and so
are participants who are not on the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import chain
from operator import attrgetter

import numpy as np

from battlemap.vocab import MEETING_KINDS

from .settings import AnalysisSettings
from .types import MapSnapshot

_ON, _PARTICIPANTS, _KIND = attrgetter("occurred_on"), attrgetter("participants"), attrgetter("kind")
_DIRECT_LOOKUP_LIMIT = 20_000_000  # ids below this are mapped with a lookup table


@dataclass(frozen=True)
class ContactIndex:
    today: date
    last_contact: dict[int, date]  # any interaction
    last_met: dict[int, date]  # MEETING_KINDS: meeting, call, visit or interview
    stale_days: int
    # participation arrays: interaction row k, person column (index in snapshot.people)
    rows: np.ndarray
    cols: np.ndarray

    def met(self, person_id: int) -> bool:
        return person_id in self.last_met

    def days_since_contact(self, person_id: int) -> int | None:
        last = self.last_contact.get(person_id)
        return None if last is None else (self.today - last).days

    def engaged(self, person_id: int) -> bool:
        """Any interaction with us in the last `stale_days` days (DESIGN.md: engaged)."""
        days = self.days_since_contact(person_id)
        return days is not None and days <= self.stale_days

    def contacted(self, person_id: int) -> bool:
        return person_id in self.last_contact


def positions(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each value, its index in `ids` (the people of the snapshot), or -1 when not on the map."""
    if not len(ids) or not len(values):
        return np.full(len(values), -1, dtype=np.int64)
    low, high = int(ids.min()), int(ids.max())
    if low >= 0 and high < _DIRECT_LOOKUP_LIMIT:  # a lookup table: fast for database ids
        table = np.full(high + 1, -1, dtype=np.int64)
        table[ids] = np.arange(len(ids))
        inside = (values >= 0) & (values <= high)
        return np.where(inside, table[np.clip(values, 0, high)], -1)
    order = np.argsort(ids, kind="stable")  # sparse or negative ids: binary search
    sorted_ids = ids[order]
    pos = np.minimum(np.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return np.where(sorted_ids[pos] == values, order[pos], -1)


def person_ids(snapshot: MapSnapshot) -> np.ndarray:
    """The ids of `snapshot.people` in snapshot order, an int64 array: what `ContactIndex.cols` index into."""
    return np.fromiter((p.id for p in snapshot.people), dtype=np.int64, count=len(snapshot.people))


def _latest(cols: np.ndarray, days: np.ndarray, ids: np.ndarray) -> dict[int, date]:
    if not len(cols):
        return {}
    latest = np.full(len(ids), -1, dtype=np.int64)
    np.maximum.at(latest, cols, days)
    seen = np.nonzero(latest >= 0)[0]
    return {int(ids[i]): date.fromordinal(int(latest[i])) for i in seen}


def build_contact_index(snapshot: MapSnapshot, settings: AnalysisSettings) -> ContactIndex:
    """The `ContactIndex` of a snapshot in one pass over its interactions (those after `snapshot.today`, and
    participants not on the map, left out): last contact and last meeting per person id, the participation
    arrays, and `AnalysisSettings.stale_days` for `engaged`."""
    # map() with C-level getters: no Python frame per interaction (this is the hot loop of big maps)
    interactions = snapshot.interactions
    if interactions and max(map(_ON, interactions)) > snapshot.today:
        interactions = tuple(i for i in interactions if i.occurred_on <= snapshot.today)
    n = len(interactions)
    ids = person_ids(snapshot)
    sizes = np.fromiter(map(len, map(_PARTICIPANTS, interactions)), dtype=np.int64, count=n)
    total = int(sizes.sum())
    flat = np.fromiter(chain.from_iterable(map(_PARTICIPANTS, interactions)), dtype=np.int64, count=total)
    when = np.fromiter(map(date.toordinal, map(_ON, interactions)), dtype=np.int64, count=n)
    meeting = np.fromiter(
        map(frozenset(MEETING_KINDS).__contains__, map(_KIND, interactions)), dtype=bool, count=n
    )
    rows = np.repeat(np.arange(len(interactions), dtype=np.int64), sizes)
    found = positions(ids, flat)
    on_map = found >= 0
    cols, rows = found[on_map], rows[on_map]
    days = when[rows]
    met_rows = meeting[rows]
    return ContactIndex(
        today=snapshot.today,
        last_contact=_latest(cols, days, ids),
        last_met=_latest(cols[met_rows], days[met_rows], ids),
        stale_days=settings.stale_days,
        rows=rows,
        cols=cols,
    )
