"""Stale-edit protection for the whole project: one error, one check, one versioned update.

Every map model is `core.models.Versioned`: each save moves its `version` on by one. An editor (a web
form, the org-chart drag, an API client) sends back the version it was shown; if the row has moved on
since, the write is refused with `StaleEdit` and nothing changes. The web answers 409 with the message;
the API answers 409 in its error shape (`errors: [{field: "version", message}]`).

History: every write of these helpers is kept by django-simple-history, dated now and explained by
nothing unless the caller opens `recorded(at=…, reason=…)` around it — the one way to back-date a
write (the demo's story) or to say why it happened (a merge, an accepted suggestion, an import).

Imports no app: services call these helpers, views and the API only catch `StaleEdit`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from battlemap.core.multilingual import active_language
from battlemap.core.text import TEXT_MAX, clean_line, clean_lines
from battlemap.punctuation import with_id

M = TypeVar("M", bound=models.Model)
R = TypeVar("R", bound=models.Model)

STALE_EDIT = _(
    "This record was changed while you were editing it, by someone else or by you in another tab. Your changes "
    "were not saved; reload to see the current values, then make your change again."
)


class StaleEdit(ValidationError):
    """The record changed since the editor read it. `current_version` is the version stored now; `meanwhile`
    the edits the editor did not see (`core.history.changed_since`: who, when, each field old → new), each
    said after STALE_EDIT.

    A ValidationError, so a form shows it on top (not beside a field); `str(exc.text)` is the
    translated message in the active language.
    """

    def __init__(self, current_version: int = 0, meanwhile: Sequence[Any] = ()) -> None:
        from battlemap.core.history import meanwhile_text

        self.meanwhile = list(meanwhile)
        self.said = [meanwhile_text(entry) for entry in self.meanwhile]
        said = [ValidationError(STALE_EDIT, code="stale")]
        said += [ValidationError(line, code="stale") for line in self.said]
        super().__init__({NON_FIELD_ERRORS: said})
        self.current_version = current_version

    @property
    def text(self) -> str:
        text = str(STALE_EDIT)
        for line in self.said:  # Chinese sentences follow on without a space
            text += ("" if text.endswith("。") else " ") + line
        return text


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


def command_line_author():
    """The user that history names as the author of what the `battlemap` command writes without --user
    (core.text.CLI_USERNAME, said "command line"): made on first use, inactive, with no password, so no one
    logs in as it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from battlemap.core.text import CLI_USERNAME

    author, _made = get_user_model().objects.get_or_create(
        username=CLI_USERNAME, defaults={"is_active": False, "password": make_password(None)}
    )
    return author


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
def stamped(instance: models.Model) -> Iterator[models.Model]:
    """The history row of a save or delete of `instance` inside the block carries the current note.

    For services that save a row themselves (e.g. with update_fields); the stamp is removed after, so a
    later save of the same object is dated as usual."""
    note = history_note()
    if note.at is not None:
        instance._history_date = note.at
    if note.reason is not None:
        instance._change_reason = note.reason
    try:
        yield instance
    finally:
        instance.__dict__.pop("_history_date", None)
        instance.__dict__.pop("_change_reason", None)


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


def check_version(instance: models.Model | None, version: int | None) -> None:
    """Refuse (StaleEdit) unless `version` is the stored version of `instance`.

    `version` 0 means "I saw no record": right only while `instance` is None (or unsaved). A missing
    version (None) is refused too: an edit that cannot say what it changed is not applied.
    """
    current = instance.version if instance is not None and instance.pk is not None else 0
    if version is None or int(version) != current:
        from battlemap.core.history import changed_since

        meanwhile = changed_since(instance, int(version)) if current and version is not None else []
        raise StaleEdit(current, meanwhile)


def apply_changes(instance: models.Model, changes: Mapping[str, Any], allowed: Collection[str]) -> None:
    """Set each field of `changes` on `instance`; a field outside `allowed` is a programming error."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"{type(instance).__name__}: not writable here: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(instance, name, value)


def save_checked(instance: models.Model) -> None:
    """Save `instance` (already validated) in a savepoint; if another writer took a unique value between
    the validation and the write (two submits of the same form, two clients at once), the database's
    IntegrityError becomes the ValidationError naming the field that full_clean would now raise, so
    every caller (web form, API, import) answers as for any other taken value, never with a 500."""
    try:
        with stamped(instance), transaction.atomic():  # a database error leaves no half-done write
            instance.save()
    except IntegrityError:
        instance.validate_unique()  # raises, naming the field, when the race was ours
        instance.validate_constraints()
        raise  # not a unique value: a real fault


def create_validated(instance: M) -> M:
    """Validate (errors name the field) and insert `instance`, atomically. A unique value taken by a
    concurrent writer is refused like one taken before (ValidationError naming the field)."""
    clean_text_fields(instance)  # before the checks: a name of control characters alone is empty
    instance.full_clean()
    save_checked(instance)
    return instance


def lock_row(instance: models.Model) -> None:
    """Hold `instance`'s row (SELECT … FOR UPDATE) until the transaction ends, so that concurrent requests that
    check, then insert — "no one of this name on the account yet", then the person — run one after the other:
    on PostgreSQL two requests would both find no namesake and both insert (a team's trial: four API calls at
    once made three "Race Person"). SQLite's IMMEDIATE transactions serialise writers anyway. Outside a
    transaction (a web form's clean) it does nothing: the check then guards against what is stored."""
    if transaction.get_connection().in_atomic_block:
        model = instance._meta.model  # not type(): a request.user is a lazy object
        list(model._default_manager.select_for_update().filter(pk=instance.pk).values_list("pk"))


def refuse_namesake(
    owner: models.Model,
    rows: Iterable[models.Model],
    name: str,
    *,
    key: Callable[[str], str],
    message: Any,
    record: models.Model | None = None,
    field: str = "name",
    attr: str = "name",
) -> None:
    """The one rule of a thing its name identifies among `rows` (an account's departments under one parent, its
    decision bodies, its outside factors): when one of `rows` has an `attr` equal to `name` on `key` (the matching
    key of such names), ValidationError naming `field` (code "unique"), `message` with `%(there)s` that row named
    with its id (`punctuation.with_id`), so that a sync sends its change there instead of a second copy. `record`
    is the row being renamed or moved (None for a new one): it is no namesake of itself, and when it is among
    `rows` with `name` as its own (a PUT of what GET gave: same name, same place) nothing is asked — two copies
    stored before the rule can each still be changed. `owner`'s row (the account) is held until the write's
    transaction ends (`lock_row`): one check-then-write at a time. Rows are compared in Python: an account has
    few of each."""
    wanted = key(name)
    lock_row(owner)
    own = record.pk if record is not None else None
    rows = list(rows)
    if any(row.pk == own and getattr(row, attr) == name for row in rows):
        return
    for row in rows:
        if row.pk != own and key(getattr(row, attr)) == wanted:
            there = with_id(active_language(), getattr(row, attr), row.pk)
            raise ValidationError({field: ValidationError(message % {"there": there}, code="unique")})


def update_versioned(
    instance: M,
    *,
    version: int | None,
    changes: Mapping[str, Any],
    allowed: Collection[str],
    lists: Callable[[M], bool] | None = None,
    after_save: Callable[[M, M], None] | None = None,
) -> M:
    """Apply `changes` to the stored row of `instance` only if the editor saw its current `version`.

    Locks the row (select_for_update; on SQLite the write transaction serialises writers), compares
    the version, sets the fields (only those in `allowed`), runs full_clean, then `lists(row)` — the
    record's lists of people kept in rows of their own (a person's dotted-line managers, a body's members,
    a step's people responsible, an interaction's participants: `replace_rows`), True when it changed one —
    and saves; then `after_save(before, after)` runs in the same transaction (e.g. to record a stage change).
    Returns the saved row (its version moved on by one, once, whether fields, lists or both changed: a
    list is part of the record, so a tab that saw the old list is refused and `updated_since` lists the
    change — a colleague's new member was undone by a stale save: a reviewer's trial) — or, when the
    changes leave every stored value and list as it is (values once cleaned as a save cleans them) and no
    reason is recorded for the write (`recorded`: a merge's, a handover's), the row unsaved: same version, no
    history row (a sync that sent a person's title back unchanged every night moved the version and filled
    the timeline with empty "changed" lines: an integrator's trial). `after_save` runs either way (it may
    write rows of its own).

    Raises StaleEdit when the version is not the stored one; ValidationError naming the field when
    a value is invalid. Either way nothing is written.
    """
    with transaction.atomic():
        current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        check_version(current, version)
        before = copy.copy(current)  # the stored values, before the changes
        apply_changes(current, changes, allowed)
        clean_text_fields(current)
        current.full_clean()
        listed = lists(current) if lists is not None else False
        # a write that carries a reason is kept even when it changes no value: a merge is recorded on its survivor
        if listed or _stored_values(current) != _stored_values(before) or history_note().reason is not None:
            save_checked(current)
        if after_save is not None:
            after_save(before, current)
    return current


def replace_rows(
    rows: Iterable[R], wanted: Mapping[Any, Any], *, key: Callable[[R], Any], add: Callable[[Any], object]
) -> bool:
    """Make a record's list kept in rows of its own (a body's seats: `key` the seat's person id) hold the
    items of `wanted` (key → item): each row whose key is not wanted is deleted (delete_versioned, one by
    one, so history keeps who was removed), `add(item)` writes one for each wanted key no row has. True
    when a row went or came: the record changed (`update_versioned`'s `lists`). Errors: those of `add`."""
    missing = dict(wanted)
    changed = False
    for row in list(rows):
        if key(row) in missing:
            del missing[key(row)]
        else:
            delete_versioned(row)
            changed = True
    for item in missing.values():
        add(item)
        changed = True
    return changed


def _stored_values(instance: models.Model) -> dict[str, Any]:
    """The values a save writes, but the version and the time of the save."""
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in ("version", "updated_at")
    }


def release_references(instance: models.Model) -> None:
    """Clear, row by row, every versioned row's reference to `instance` that its deletion would set to
    null (on_delete=SET_NULL: the database does that in one UPDATE, with no history and no new
    version): each row is saved, so its version moves on and history records the change (a map as of
    a later day no longer shows the reference). Call it before deleting `instance`."""
    for relation in instance._meta.related_objects:
        if relation.on_delete is not models.SET_NULL or not hasattr(relation.related_model, "history"):
            continue
        name = relation.field.name
        for row in relation.related_model._default_manager.filter(**{name: instance}):
            setattr(row, name, None)
            with stamped(row):
                row.save()


def delete_versioned(instance: models.Model, *, version: int | None = None) -> None:
    """Delete `instance` (history keeps it). With a `version`, refuse (StaleEdit) if it moved on;
    None when the caller tracks no version (the API's DELETE). The rows that named it lose the reference each
    as an edit of their own (`release_references`: a department's people, a deal's interactions, a person's
    reports — a trial found them changed with no new version and no history)."""
    with transaction.atomic():
        current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        if version is not None:
            check_version(current, version)
        release_references(current)
        with stamped(current):
            current.delete()
