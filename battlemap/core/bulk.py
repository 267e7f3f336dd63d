"""Plumbing for the bulk services: insert many new rows and their history records with `executemany`.

Only services call these (tests/foundation/test_one_write_path.py): the service validates the rows
(the model's field rules and the checks of its clean()) before handing them here.

Django's bulk_create prepares every value of every row through the query compiler (and on SQLite
splits 50,000 rows of a 29-column model into ~1,700 statements); simple-history's
bulk_create_with_history then does the same again for the history table. For large imports that
is most of the time (bench/import.py), so new rows are written here (`insert_recorded`) with one
prepared statement per table. The history rows are exactly what simple-history would write: the tracked fields, the
date, the change reason, type "+" and the user.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter, itemgetter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy

from battlemap.core.history_stamp import history_author, history_note
from battlemap.core.text_fields import check_multi_line_length, clean_text_columns, most_chars

CHUNK = 5000
# field types whose Python value the database drivers take as it is
PLAIN = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "EmailField", "ForeignKey",
    "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField", "SmallIntegerField",
    "TextField", "OneToOneField",
}  # fmt: skip


def _converters(fields: Sequence[Any]) -> list[Callable[[Any], Any] | None]:
    # the connection itself, not the proxy `connection` (a thread-local lookup on every use)
    db = connections[DEFAULT_DB_ALIAS]
    out: list[Callable[[Any], Any] | None] = []
    for f in fields:
        if f.get_internal_type() in PLAIN:
            out.append(None)
        else:
            out.append(lambda v, f=f: f.get_db_prep_save(v, db))
    return out


def _insert(model: type[Model], fields: Sequence[Any], rows: Sequence[Sequence[Any]]) -> None:
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(model._meta.db_table), ", ".join(qn(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start : start + CHUNK])


def _rows(objs: Sequence[Any], fields: Sequence[Any]) -> list[list[Any]]:
    """The values of `objs` for `fields`, prepared for the database (one C-level getter per row)."""
    convert = [(i, c) for i, c in enumerate(_converters(fields)) if c is not None]
    getter = attrgetter(*[f.attname for f in fields])
    cache: dict[tuple[int, Any], Any] = {}
    rows = []
    for obj in objs:
        row = list(getter(obj))
        for i, c in convert:
            value = row[i]
            if value is None:
                continue
            if isinstance(value, (list, dict)):
                row[i] = c(value)
                continue
            key = (i, value)
            if key not in cache:  # created_at / updated_at are one value for the whole import
                cache[key] = c(value)
            row[i] = cache[key]
        rows.append(row)
    return rows


class NewRow:
    """A new row as plain attributes with the model's defaults: building a model instance per row
    costs more than inserting it. `pk` is the primary key once inserted."""

    def __init__(self, model: type[Model], **values: Any) -> None:
        self.__dict__.update(defaults_of(model))
        self.__dict__.update(values)
        self._pk_name = model._meta.pk.attname

    @property
    def pk(self) -> Any:
        return getattr(self, self._pk_name)


_DEFAULTS: dict[type[Model], dict[str, Any]] = {}


def defaults_of(model: type[Model]) -> dict[str, Any]:
    if model not in _DEFAULTS:
        _DEFAULTS[model] = {f.attname: f.get_default() for f in model._meta.concrete_fields}
    return _DEFAULTS[model]


def insert_recorded(
    objs: Sequence[Any], *, model: type[Model], scope: dict[str, Any], user: Any = None
) -> None:
    """Insert new `objs` of `model`, already checked by their bulk service, and write one "created" ("+")
    history record for each, as simple-history would.

    `scope`: lookups every new row matches (e.g. {"account": account}), with which their primary keys
    are read back and set on `objs`. created_at and updated_at are stamped now; the history rows are
    dated and explained by the enclosing core.history_stamp.recorded(...) (now and no reason outside one)
    and made by `user`."""
    if not objs:
        return
    now = timezone.now()
    for obj in objs:
        obj.created_at = obj.updated_at = now
    note = history_note()
    before = model.objects.aggregate(m=Max("pk"))["m"] or 0
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = _rows(objs, fields)
    _insert(model, fields, rows)
    ids = list(
        model.objects.filter(pk__gt=before, created_at=now, **scope)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(ids) != len(objs):  # someone else inserted the same kind of rows at the same instant
        raise RuntimeError("could not read back the ids of the inserted rows")
    pk_name = model._meta.pk.attname
    for obj, pk in zip(objs, ids, strict=True):
        setattr(obj, pk_name, pk)
        if hasattr(obj, "_state"):
            obj._state.adding = False
    history = model.history.model  # type: ignore[attr-defined]
    hfields = [f for f in history._meta.concrete_fields if f.attname != "history_id"]
    fixed = {
        "history_date": note.at or now,
        "history_change_reason": note.reason,
        "history_type": "+",
        "history_user_id": getattr(history_author(user), "pk", None),
    }
    # a history row is the tracked values already prepared for the insert above, the id and the fixed parts
    position = {f.attname: i for i, f in enumerate(fields)}
    extra = [f.get_db_prep_save(fixed[f.attname], connection) if fixed[f.attname] is not None else None
             for f in hfields if f.attname in fixed]  # fmt: skip
    fixed_at = {
        f.attname: len(fields) + 1 + n for n, f in enumerate(f for f in hfields if f.attname in fixed)
    }
    picks = [
        fixed_at[f.attname]
        if f.attname in fixed
        else len(fields)
        if f.attname == pk_name
        else position[f.attname]
        for f in hfields
    ]
    pick = itemgetter(*picks)
    hrows = [pick([*row, pk, *extra]) for row, pk in zip(rows, ids, strict=True)]
    _insert(history, hfields, hrows)


_CONVERTED = (models.DateTimeField, models.JSONField, models.DateField)


def fast_insert(model: type[Model], rows: Sequence[dict[str, object]]) -> None:
    """Insert rows given as {attname: python value}; the primary key is left to the database.

    Values are converted by each field's own `get_db_prep_save`, as the ORM would; no signals fire."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    plan = [(f.attname, f if isinstance(f, _CONVERTED) else None) for f in fields]
    db = connections[DEFAULT_DB_ALIAS]  # not the thread-local proxy, looked up for every value
    cache: dict[tuple[str, Any], Any] = {}

    def prepared(name: str, field: Any, value: Any) -> Any:
        if isinstance(value, (list, dict)):
            return field.get_db_prep_save(value, db)
        key = (name, value)
        if key not in cache:  # e.g. ingested_at: one value for the whole bulk
            cache[key] = field.get_db_prep_save(value, db)
        return cache[key]

    params = [
        [prepared(name, field, row[name]) if field else row[name] for name, field in plan] for row in rows
    ]
    _insert(model, fields, params)


def _plain_text_rules(field: Any) -> bool:
    """A text field whose only rules are its length and no NUL character: checked without a call a value."""
    names = {type(v).__name__ for v in field.validators}
    return not field.choices and names <= {"MaxLengthValidator", "ProhibitNullCharactersValidator"}


def at_row(n: int, message: Any) -> Any:
    """ "row n: message" of a bulk service's ValidationError, put together when read (a lazy `message` in
    the reader's language: a background import keeps it in every language, core.multilingual)."""
    return format_lazy("row {}: {}", n, message)


def _text(error: ValidationError) -> str:
    return next(iter(error))  # its one message, with its params, in the active language


_lazy_text = lazy(_text, str)


def check_columns(model: type[Model], objs: Sequence[Any], *, skip: Sequence[str] = ()) -> None:
    """The model's field rules (what clean_fields checks) over many new or changed rows at once.

    Each distinct value of a column is checked once (a plain text column by its longest value), so a
    bulk of 50,000 people costs a fraction of a second. Relations are not checked here: the bulk
    service checks its keys in one query each. Raises ValidationError {field: ["row n: message"]}
    (n counts the rows given, from 1). Text loses its control characters first, as in every save
    (core.text_fields.clean_text_fields)."""
    clean_text_columns(objs, model)
    fields = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not f.is_relation and f.editable and f.attname not in skip
    ]
    for f in fields:
        values = list(map(attrgetter(f.attname), objs))
        try:
            distinct = set(values)
        except TypeError:  # lists or dicts (JSON): checked one by one
            distinct = None
        if distinct is not None and f.get_internal_type() in ("CharField", "TextField", "SlugField"):
            if _plain_text_rules(f) and all(isinstance(v, str) for v in distinct):
                most = most_chars(f)
                fits = not most or max(map(len, distinct), default=0) <= most
                if fits and (f.blank or "" not in distinct) and not any("\x00" in v for v in distinct):
                    continue  # all good; otherwise the value at fault is found below
        for value in values if distinct is None else distinct:
            try:
                f.clean(value, None)
                check_multi_line_length(f, value)
            except ValidationError as exc:
                row = values.index(value) + 1
                raise ValidationError(
                    {f.name: [at_row(row, _lazy_text(e)) for e in exc.error_list]}
                ) from None
