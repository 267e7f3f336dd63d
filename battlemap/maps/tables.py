"""Reading the map's tables for a snapshot: the live rows or the rows as recorded at a moment
(django-simple-history), as plain tuples and dicts (`values_list`: the fastest read), grouped by key;
the local day of a stored timestamp. snapshot.py builds the `MapSnapshot` from these."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Aggregate, CharField, Exists, OuterRef, QuerySet
from django.utils import timezone

from battlemap.core.dates import end_of_day
from battlemap.core.history_stamp import written_after


def columns_of(info: type, *, besides: tuple[str, ...] = (), by_id: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The columns to read for a snapshot dataclass: its fields, a relation in `by_id` read as
    `<name>_id`, leaving out the fields in `besides` (computed from other tables)."""
    return tuple(f"{f.name}_id" if f.name in by_id else f.name for f in fields(info) if f.name not in besides)


def moment_of(when: date | datetime) -> datetime:
    """The moment a "since" or "as of" names: an aware datetime as it is (a review's time), a day as
    its end (`end_of_day`)."""
    return when if isinstance(when, datetime) else end_of_day(when)


def day_of(when: date | datetime) -> date:
    """The local calendar day of a day or a moment (TIME_ZONE)."""
    return timezone.localtime(when).date() if isinstance(when, datetime) else when


def local_days(texts: Iterable[str]) -> list[date]:
    """Local calendar days of database timestamps given as text (naive = UTC, as Django stores them)."""
    zone = timezone.get_current_timezone()
    seen: dict[str, date] = {}
    days = []
    for text in texts:
        key = text[:16] + text[19:].lstrip(".0123456789")  # the minute and any offset fix the local day
        day = seen.get(key)
        if day is None:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            day = seen[key] = moment.astimezone(zone).date()
        days.append(day)
    return days


def latest_rows(model: Any, moment: datetime) -> QuerySet:
    """Each record's latest history row by `moment` (historical rows, a deletion's too: it carries the record as it was
    deleted), ties broken by the row written last (history id: `core.history_stamp.written_after`, the order of
    `LATEST_FIRST`). An import, an undo or a bulk delete can write two rows of one record at one moment, and
    django-simple-history's `as_of` keeps both. The one rule of `recorded_at`."""
    pk = model._meta.pk.attname
    rows = model.history.filter(history_date__lte=moment)
    later = rows.filter(**{pk: OuterRef(pk)}).filter(written_after())
    return rows.filter(~Exists(later))


def recorded_at(model: Any, moment: datetime) -> QuerySet:
    """The records of `model` as they were at `moment` (as model instances, those deleted by then left out): each
    record's latest history row by then (`latest_rows`)."""
    latest = latest_rows(model, moment)
    latest._as_of = moment  # as simple-history's `as_of` marks it
    return latest.as_instances()


def rows_then(model: Any, moment: datetime | None) -> QuerySet:
    """The live table, or the table as it was recorded at `moment` (`recorded_at`)."""
    return recorded_at(model, moment) if moment is not None else model.objects.all()


def records(queryset: QuerySet, fields: tuple[str, ...]) -> Iterable[dict[str, Any]]:
    """Each row as a dict of `fields`: `values_list` is the fastest read, the names keep it legible."""
    for row in queryset.values_list(*fields):
        yield dict(zip(fields, row, strict=True))


def infos_by_account(info: type, queryset: QuerySet, **columns: Any) -> dict[int, list]:
    """The rows of `queryset` as `info` dataclasses per account, {account id: [info, …]} in id order
    (`columns` as in `columns_of`)."""
    rows = queryset.values_list("account_id", *columns_of(info, **columns)).order_by("id")
    return grouped((account_id, info(*row)) for account_id, *row in rows)


def with_days(rows: Iterable[tuple]) -> Iterable[tuple[tuple, date]]:
    """Rows whose last column is a timestamp as text, each with its local day."""
    rows = list(rows)
    return zip(rows, local_days(row[-1] for row in rows), strict=True)


def grouped(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, list]:
    """The values of (key, value) pairs grouped by key, in order: e.g. each person's dotted-line managers."""
    by_key: dict[Any, list] = defaultdict(list)
    for key, value in pairs:
        by_key[key].append(value)
    return by_key


class IdList(Aggregate):
    """The ids of a group as one text "3,17,42" (GROUP_CONCAT; STRING_AGG on PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ',')",
            **extra,
        )
