"""Stale-edit protection for the whole project: one error, one check, one versioned update.

Every map model is `core.models.Versioned`: each save moves its `version` on by one. An editor (a web
form, the org-chart drag, an API client) sends back the version it was shown; if the row has moved on
since, the write is refused with `StaleEdit` and nothing changes. The web answers 409 with the message;
the API answers 409 in its error shape (`errors: [{field: "version", message}]`).

History: every write of these helpers is kept by django-simple-history, stamped as the caller's
`core.history_stamp.recorded(at=…, reason=…)` block says (dated now and explained by nothing outside one).
Text is cleaned on the way in by `core.text_fields.clean_text_fields`.

Imports no app: services call these helpers, views and the API only catch `StaleEdit`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from battlemap.core.history_stamp import history_note, recorded, stamped
from battlemap.core.multilingual import active_language
from battlemap.core.text_fields import clean_text_fields
from battlemap.punctuation import sentences, with_id

M = TypeVar("M", bound=models.Model)
R = TypeVar("R", bound=models.Model)
CHUNK = 500  # ids a query names at once (within SQLite's bound on a statement's variables)

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
        return sentences([str(STALE_EDIT), *self.said])


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
    check_validated(instance)
    save_checked(instance)
    return instance


def check_validated(instance: models.Model) -> None:
    """What `create_validated` checks before it inserts, without inserting (a preview asking whether a write
    would be refused): the text cleaned, then full_clean (ValidationError naming the field)."""
    clean_text_fields(instance)  # before the checks: a name of control characters alone is empty
    instance.full_clean()


def create_as_was(instance: M, created_at: datetime) -> M:
    """Insert a row read back from its history (a deletion's undo: core.restore) with its own id, validated as any
    new row; it keeps `created_at`, the day it was first made. Its version follows the one it was deleted at (the
    undo is an edit of its own): back at version 1, a tab or a sync that read it before its last edits saved over
    it, where it gets the 409 of any stale write."""
    instance.version = (getattr(instance, "version", 0) or 0) + 1  # type: ignore[attr-defined]
    create_validated(instance)
    type(instance)._default_manager.filter(pk=instance.pk).update(created_at=created_at)
    instance.created_at = created_at  # type: ignore[attr-defined]
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


NAMESAKE_CHARS = 40  # of a namesake's name in the refusal, with its "…"


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
    few of each. The row's name is quoted to NAMESAKE_CHARS characters, "…" ending a longer one: its id says
    which it is (an outside factor's description runs to paragraphs, and the 422 quoted all of it)."""
    wanted = key(name)
    lock_row(owner)
    own = record.pk if record is not None else None
    rows = list(rows)
    if any(row.pk == own and getattr(row, attr) == name for row in rows):
        return
    for row in rows:
        if row.pk != own and key(getattr(row, attr)) == wanted:
            # "…" named: Django's Chinese catalog would end it "..."
            quoted = Truncator(getattr(row, attr)).chars(NAMESAKE_CHARS, truncate="…")
            there = with_id(active_language(), quoted, row.pk)
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


def release_references(*instances: models.Model) -> None:
    """Clear, row by row, every versioned row's reference to one of `instances` (of one model) that their
    deletion would set to null (on_delete=SET_NULL: the database does that in one UPDATE, with no history and no
    new version): each row is saved, so its version moves on and history records the change (a map as of a
    later day no longer shows the reference). A row among `instances` is left as it is: it goes too. A row with no
    history keeps the id it named aside when it has a field for it (`kept_for_undo`: a mail item's interaction),
    so the deletion's undo links it again. Call it before deleting `instances`."""
    if not instances:
        return
    model = type(instances[0])
    going = [obj.pk for obj in instances]
    for relation in model._meta.related_objects:
        if relation.on_delete is not models.SET_NULL:
            continue
        name, related = relation.field.name, relation.related_model
        if not hasattr(related, "history"):
            _keep_for_undo(relation.field, going)
            continue
        for start in range(0, len(going), CHUNK):
            rows = related._default_manager.filter(**{f"{name}__in": going[start : start + CHUNK]})
            if issubclass(related, model):  # a report deleted with their manager keeps the line to the end
                rows = rows.exclude(pk__in=going)
            for row in rows:
                setattr(row, name, None)
                with stamped(row):
                    row.save()


def kept_for_undo(fk: models.Field) -> str | None:
    """The field in which a row with no history (a mail item) keeps the id of the row `fk` named when that row's
    deletion set it to nobody — `deleted_<fk name>`, so its undo can set it back (core.restore); None: it keeps
    none."""
    kept = f"deleted_{fk.name}"
    return kept if any(f.name == kept for f in fk.model._meta.concrete_fields) else None


def _keep_for_undo(fk: models.Field, going: list[int]) -> None:
    """`fk` set to nobody in the rows with no history that named one of `going`, the id kept (`kept_for_undo`)."""
    if (kept := kept_for_undo(fk)) is None:
        return  # the deletion's SET_NULL clears it
    for start in range(0, len(going), CHUNK):
        rows = fk.model._default_manager.filter(**{f"{fk.attname}__in": going[start : start + CHUNK]})
        rows.update(**{kept: models.F(fk.attname), fk.name: None})


def kept_back(fk: models.Field, ids: list[int]) -> list[models.Model]:
    """The undo of `_keep_for_undo` for the rows `ids` of `fk`'s target, back on the map: each row with no history
    that kept one of them and names nothing since takes it back; the rows that name another since (a later ingest
    linked the mail elsewhere) are left as they are, and returned (an edit since wins)."""
    if (kept := kept_for_undo(fk)) is None:
        return []
    moved_on: list[models.Model] = []
    for start in range(0, len(ids), CHUNK):
        rows = fk.model._default_manager.filter(**{f"{kept}__in": ids[start : start + CHUNK]})
        rows.filter(**{f"{fk.attname}__isnull": True}).update(**{fk.name: models.F(kept), kept: None})
        moved_on += rows.filter(**{f"{fk.attname}__isnull": False})
    return moved_on


def locked_rows(model: type[M], ids: Sequence[int]) -> list[M]:
    """The rows of `model` with these ids as stored now, each locked (select_for_update) until the enclosing
    transaction ends, read CHUNK ids a query; an id with no row is left out."""
    rows: list[M] = []
    for start in range(0, len(ids), CHUNK):
        rows += model._default_manager.select_for_update().filter(pk__in=ids[start : start + CHUNK])
    return rows


def locked_ids(model: type[models.Model], ids: Sequence[int]) -> set[int]:
    """Those of `ids` whose row of `model` is still there, each locked as `locked_rows` locks them; only the ids
    are read (a tenth of the time for 50,000 people)."""
    found: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found.update(
            model._default_manager.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True)
        )
    return found


def delete_versioned(instance: models.Model, *, version: int | None = None) -> None:
    """Delete `instance` (history keeps it). With a `version`, refuse (StaleEdit) if it moved on;
    None when the caller tracks no version (the API's DELETE). The rows that named it lose the reference each
    as an edit of their own (`release_references`: a department's people, a deal's interactions, a person's
    reports — a trial found them changed with no new version and no history)."""
    delete_versioned_all([instance], versions=None if version is None else {instance.pk: version})


def delete_versioned_all(
    instances: Sequence[models.Model], *, versions: Mapping[int, int] | None = None
) -> None:
    """Delete `instances` (all of one model) in one pass, as `delete_versioned` deletes one: each row locked, its
    version checked (`versions`: id → the version its editor saw; None checks none), the references of other
    rows released, then one Django deletion (what they own goes with them) whose history rows — one "-" row
    for each record, as simple-history writes them — carry the enclosing `recorded(...)` note. Deleted one by
    one, ~35 ms a person (a deletion collected a record at a time), the undo of a 3,000-person import ran past
    a minute (bench/import_undo.py). Every history row it writes is dated one moment, the enclosing block's or
    now: core.restore brings back what it took. Errors: StaleEdit (the first row that moved on), the model's
    DoesNotExist when a row is gone; either way nothing is deleted."""
    if not instances:
        return
    model = type(instances[0])
    ids = [obj.pk for obj in instances]
    # one moment for everything the deletion writes (the enclosing block's, else now), by which its undo finds it
    with transaction.atomic(), recorded(at=history_note().at or timezone.now()):
        current = locked_rows(model, ids)
        if len(current) != len(set(ids)):
            raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")
        if versions is not None:
            for row in current:
                check_version(row, versions[row.pk])
        release_references(*current)
        collector = Collector(using=router.db_for_write(model))
        collector.collect(current)
        # what goes with them (a person's roles, links, participations…) is stamped as they are: one moment and
        # reason for the whole deletion, by which its undo finds it (core.restore)
        with stamped(*(row for rows in collector.data.values() for row in rows)):
            collector.delete()
