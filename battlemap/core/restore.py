"""Bring back a deleted row and what its deletion took, from history: the one undo of a deletion that has no
other (a person, an interaction, a decision body, a deal; each model's restore service calls these).

A deletion (core.services.delete_versioned_all) stamps everything it writes with one moment: the row's "-"
history row, the rows that went with it (every model that cascades from it, read from the models, so a new one
is not forgotten) and the rows that named it and were set to nobody. From the rows of that moment a restore puts
back:

- the row with the same id, as it was (a reference to a row gone since: without it, and said);
- each row deleted with it whose other ends still exist (a row another edit made impossible since stays out,
  counted);
- each reference set to nobody, unless that row was edited since: an edit made since wins, and is said; a row
  with no history (a mail item's interaction) keeps the id aside for this (core.services.kept_for_undo), and
  one that names another row since keeps it, said.

Refusals are a ValidationError naming the model's field (not a deleted row of this account, back already) or
`account` (the account itself is deleted: restore the account).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy, ngettext

from battlemap.core.history import previous_record
from battlemap.core.history_stamp import LATEST_FIRST
from battlemap.core.services import create_as_was, kept_back, lock_row, update_versioned

ACCOUNT_DELETED = gettext_lazy(
    "This account is deleted: restore the account, and what it held comes back with it."
)
EDITED_SINCE = gettext_lazy("%(what)s was edited since: its %(field)s was left as it is now.")
NOT_DELETED = gettext_lazy(
    "This %(what)s cannot be brought back: it is not a deleted %(what)s of this account."
)
BACK_ALREADY = gettext_lazy("%(name)s is on the map already: nothing to bring back.")
GONE_SINCE = gettext_lazy("%(name)s came back with no %(field)s: the one before was deleted since.")


@dataclass
class Restored:
    """What a restore brought back: the rows asked for (`back`), how many rows went with them, and what it left as
    it is now (`said`: sentences in the active language)."""

    back: list[Any] = field(default_factory=list)
    rows: int = 0
    left_out: int = 0
    said: list[str] = field(default_factory=list)
    seen: set[tuple[type, int]] = field(default_factory=set)

    def notes(self) -> list[str]:
        notes = list(self.said)
        if self.left_out:
            notes.append(
                ngettext(
                    "%(count)d record deleted at the same time stays out: what it was about is gone or changed since.",
                    "%(count)d records deleted at the same time stay out: what they were about is gone or changed since.",
                    self.left_out,
                )
                % {"count": self.left_out}
            )
        return notes


def account_open(account: Any) -> None:
    """Refuse (naming `account`) a restore in a deleted account; lock it until the restore ends."""
    if account.deleted_at is not None:
        raise ValidationError({"account": ACCOUNT_DELETED})
    lock_row(account)


def deleted_row(
    model: type[models.Model], pk: int, account: Any, *, name: str, not_deleted: Any = None
) -> Any:
    """The history row of the deletion of `model`'s `pk` in `account`, or ValidationError naming `name` saying why
    there is none (NOT_DELETED, or the model's own `not_deleted`; BACK_ALREADY)."""
    last = model.history.filter(id=pk).order_by(*LATEST_FIRST).first()  # type: ignore[attr-defined]
    if last is None or last.account_id != account.pk:
        raise ValidationError({name: not_deleted or NOT_DELETED % {"what": model._meta.verbose_name}})
    if last.history_type != "-" or model._default_manager.filter(pk=pk).exists():
        raise ValidationError({name: BACK_ALREADY % {"name": str(last.instance)}})
    return last


def row_back(deleted: Any, done: Restored, keep: Callable[[models.Field, int], bool] | None = None) -> Any:
    """The row of the history row `deleted` on the map again, as it was; a reference to a row gone since (or that
    `keep(field, id)` refuses) is left empty, and said."""
    row = deleted.instance
    for fk in row._meta.concrete_fields:
        target = getattr(row, fk.attname)
        if not fk.is_relation or not fk.null or target is None:
            continue
        if not fk.related_model._default_manager.filter(pk=target).exists() or (
            keep and not keep(fk, target)
        ):
            setattr(row, fk.attname, None)
            done.said.append(str(GONE_SINCE % {"name": row, "field": fk.verbose_name}))
    create_as_was(row, deleted.created_at)
    done.back.append(row)
    return row


def with_its_rows(model: type[models.Model], ids: list[int], moment: datetime, done: Restored) -> None:
    """What the deletion at `moment` of `model`'s rows `ids` took with it, back: the rows that went with them and
    the references to them set to nobody (module docstring)."""
    _rows_back(model, ids, moment, done)
    _references_back(model, ids, moment, done)
    _kept_back(model, ids, done)


@transaction.atomic
def restore_one(model: type[models.Model], *, account: Any, pk: int, name: str) -> Restored:
    """Bring back the deleted row `pk` of `model` in `account` and what its deletion took (module docstring); it
    is `.back[0]`. Refusals name `name` (the field the model's id goes by: "interaction", "body", "deal")."""
    account_open(account)
    deleted = deleted_row(model, pk, account, name=name)
    done = Restored()
    row_back(deleted, done)
    with_its_rows(model, [pk], deleted.history_date, done)
    return done


def _related(model: type[models.Model], on_delete: Any) -> Iterable[tuple[Any, models.Field]]:
    """The models with history whose rows name `model`'s by a reference deleted `on_delete`, with it."""
    for rel in model._meta.related_objects:
        if rel.on_delete is on_delete and hasattr(rel.related_model, "history"):
            yield rel.related_model, rel.field


def _rows_back(model: type[models.Model], ids: list[int], moment: datetime, done: Restored) -> None:
    """The rows deleted at `moment` with `model`'s rows `ids`, and theirs in turn, back where they still can be."""
    for related, fk in _related(model, models.CASCADE):
        rows = related.history.filter(
            history_date=moment, history_type="-", **{f"{fk.attname}__in": ids}
        ).order_by("history_id")
        back: list[int] = []
        for row in rows:
            if (related, row.id) in done.seen or related._default_manager.filter(pk=row.id).exists():
                continue
            done.seen.add((related, row.id))
            try:
                with transaction.atomic():
                    create_as_was(row.instance, row.created_at)
            except (
                ValidationError,
                ObjectDoesNotExist,
            ):  # its other end is gone, or an edit since made it impossible
                done.left_out += 1
                continue
            done.rows += 1
            back.append(row.id)
        if back:
            _rows_back(related, back, moment, done)


def _references_back(model: type[models.Model], ids: list[int], moment: datetime, done: Restored) -> None:
    """The references to `model`'s rows `ids` that their deletion set to nobody (a report's solid line, an
    interaction's deal, a step's body), each set back unless its row was edited since (the edit wins, said)."""
    targets = model._default_manager.in_bulk(ids)
    for related, fk in _related(model, models.SET_NULL):
        released = related.history.filter(
            history_date=moment, history_type="~", **{f"{fk.attname}__isnull": True}
        ).order_by("history_id")
        for row in released:
            before = previous_record(row)
            was = getattr(before, fk.attname, None) if before is not None else None
            if was not in targets:
                continue
            current = related._default_manager.filter(pk=row.id).first()
            if current is None or (current.version == row.version and getattr(current, fk.attname) is None):
                if current is not None:
                    _set_back(current, fk, targets[was], done)
                continue
            done.said.append(str(EDITED_SINCE % {"what": current, "field": fk.verbose_name}))


def _set_back(row: models.Model, fk: models.Field, target: models.Model, done: Restored) -> None:
    try:
        with transaction.atomic():
            update_versioned(row, version=row.version, changes={fk.name: target}, allowed=(fk.name,))  # type: ignore[attr-defined]
    except ValidationError:  # a line that would now close a circle, a rule an edit since made true
        done.said.append(str(EDITED_SINCE % {"what": row, "field": fk.verbose_name}))


def _kept_back(model: type[models.Model], ids: list[int], done: Restored) -> None:
    """The references to `model`'s rows `ids` from rows with no history (a mail item's interaction), which their
    deletion kept aside (core.services.kept_for_undo), set back; one that names another row since keeps it, said."""
    for rel in model._meta.related_objects:
        if rel.on_delete is models.SET_NULL and not hasattr(rel.related_model, "history"):
            for row in kept_back(rel.field, ids):
                done.said.append(str(EDITED_SINCE % {"what": row, "field": rel.field.verbose_name}))
