"""How the history rows written now are stamped: when, why and by whom.

django-simple-history dates a row now and names the request's user; a write inside `recorded(at=…, reason=…)`
is dated `at` and carries `reason` instead — the one way to back-date a write (the demo's story) or to say why it
happened (a merge, an accepted suggestion, an import) — and one inside `authored_by(author)` names that author
where no request does (the command line). The services' helpers (`core.services`) and the bulk writes
(`core.bulk`) read these; a service saving a row itself wraps the save in `stamped(instance)`. Rows stamped at one
moment are read in the order they were written (`LATEST_FIRST`, `OLDEST_FIRST`, `written_after`,
`written_before`), and a list merged from several histories pages by `Place` (`after_place`).

Writes nothing and imports no app.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any, NamedTuple

from django.db import models
from django.db.models import OuterRef, Q

# A record's history rows, the latest first. Several rows of one record share a moment when one write stamps them
# (`recorded(at=…)`, an import, an undo, a bulk delete: created and renamed, renamed and deleted): of those the row
# written last (history id) is the latest. simple-history's own default order, which `.order_by("-history_date")`
# alone drops — then the database returns the tied rows in any order, and a "last row" read can name a state the
# record had for no time at all. The one rule of every "last row" read and every list of history rows, newest first.
LATEST_FIRST = ("-history_date", "-history_id")
# The same rule the other way: a record's history rows in the order they were written (a timeline, a replay of
# states, a person's data export), the ties at one moment by history id.
OLDEST_FIRST = ("history_date", "history_id")


def written_after() -> Q:
    """The history rows written after the outer query's row (`OuterRef`) in `LATEST_FIRST`'s order: at a later moment,
    or at its moment with a higher history id — for an `Exists` keeping each record's latest row
    (`maps.tables.latest_rows`)."""
    return Q(history_date__gt=OuterRef("history_date")) | Q(
        history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id")
    )


def written_before(
    at: Any = None,
    number: Any = None,
    *,
    date: str = "history_date",
    key: str = "history_id",
) -> Q:
    """The rows written before the moment `at` and id `number` in `LATEST_FIRST`'s order: at an earlier moment, or
    at that moment with a lower id. By default before the outer query's row (`OuterRef`): a record's previous row
    (`core.history.previous_records`: created and renamed in one import, the creation is before the rename);
    `date` and `key` name the fields of a list ordered so that is not history (an interaction's `occurred_at`)."""
    if at is None:
        at, number = OuterRef(date), OuterRef(key)
    return Q(**{f"{date}__lt": at}) | Q(**{date: at, f"{key}__lt": number})


class Place(NamedTuple):
    """Where a row stands in a list merged from several tables, newest first (the changes feed, the account's
    timeline): by moment; of rows at one moment, the table listed first first (`table`: its place in the list, as
    `maps.account_histories` lists them); within a table `LATEST_FIRST` (the higher id first). The place a page
    ended at is where the next starts (`after_place`): an import's hundreds of rows at one moment are paged through,
    none skipped, none repeated."""

    at: datetime
    table: int
    id: int

    def key(self) -> tuple[datetime, int, int]:
        """The place's sort key, for `sorted(..., reverse=True)` and comparing places (the later the greater)."""
        return (self.at, -self.table, self.id)


# A table listed after every table: `before_moment`'s place is above all the rows at its moment.
BEYOND = sys.maxsize


def before_moment(at: datetime) -> Place:
    """The place just before every row at the moment `at`: the next page is the rows strictly earlier (the link of
    an older page that named only a time, `?before=<ISO time>`)."""
    return Place(at, BEYOND, 0)


def after_place(place: Place, table: int, *, date: str = "history_date", key: str = "history_id") -> Q:
    """The rows of the `table`th table of the list that come after `place` (are older, in `Place`'s order)."""
    if table < place.table:  # listed before the place's table: at its moment, above it
        return Q(**{f"{date}__lt": place.at})
    if table > place.table:  # listed after: at its moment, below it
        return Q(**{f"{date}__lte": place.at})
    return written_before(place.at, place.id, date=date, key=key)


@dataclass(frozen=True)
class HistoryNote:
    """How the history rows written now are stamped: `at` (None: now) and `reason` (None: no reason)."""

    at: datetime | None = None
    reason: str | None = None


_NOTE: ContextVar[HistoryNote | None] = ContextVar("battlemap_history_note", default=None)
_NOW = HistoryNote()


@contextmanager
def recorded(*, at: datetime | None = None, reason: str | None = None) -> Iterator[HistoryNote]:
    """Within the block, every history row the services write is dated `at` and carries `reason`.

    The one way to stamp history: `create_validated`, `update_versioned`, `delete_versioned` and the bulk
    services (through `history_note()`) read it; a service saving a row itself uses `stamped(instance)`.
    Blocks nest; an inner block's unset part keeps the outer one's. Example (the demo): `with recorded(at=six_months_ago): person_create(...)`.
    A reason the app writes is a code from `core.reasons` (`reason("import", name)`), said in the reader's
    language by `core.reasons.reason_text`; a reason a person typed (a handover note) is stored as it is.
    """
    outer = history_note()
    note = HistoryNote(at=at or outer.at, reason=reason or outer.reason)
    token = _NOTE.set(note)
    try:
        yield note
    finally:
        _NOTE.reset(token)


def history_note() -> HistoryNote:
    """The stamp of the enclosing `recorded(...)` block (both parts None outside one)."""
    return _NOTE.get() or _NOW


@contextmanager
def authored_by(author: Any) -> Iterator[None]:
    """Within the block, every history row written names `author` (a user, or a lazy one) where no request and no
    service names one — as simple-history's request middleware does for a page: the command line's road
    (core.cli.DataCommand)."""
    from simple_history.models import HistoricalRecords

    context = HistoricalRecords.context
    outer = getattr(context, "request", None)
    context.request = SimpleNamespace(user=author)
    try:
        yield
    finally:
        if outer is None:
            del context.request
        else:
            context.request = outer


def history_author(user: Any = None) -> Any:
    """Who a history row written now is by: `user` when given, else the one acting (the page's user, or the
    command line's author: `authored_by`), else None. The bulk writes' reading of simple-history's."""
    if user is not None:
        return user
    from simple_history.models import HistoricalRecords

    acting = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    return acting if acting is not None and acting.is_authenticated else None


@contextmanager
def stamped(*instances: models.Model) -> Iterator[None]:
    """The history row of a save or delete of each of `instances` inside the block carries the current note.

    For services that save or delete rows themselves (e.g. with update_fields, or many in one deletion:
    core.services.delete_versioned_all); the stamp is removed after, so a later save of the same object is
    dated as usual."""
    note = history_note()
    for instance in instances:
        if note.at is not None:
            instance._history_date = note.at
        if note.reason is not None:
            instance._change_reason = note.reason
    try:
        yield
    finally:
        for instance in instances:
            instance.__dict__.pop("_history_date", None)
            instance.__dict__.pop("_change_reason", None)
