"""Undo one people import whole (docs/import.md#undo): from its history rows (every write of an import carries
its own reason, `selectors.import_reason`), the people, departments and deal roles it created are deleted and
the fields it changed go back to what they were, through the owning apps' services, in one transaction whose
history rows say "undo of: import people.csv" (core.reasons' "undo", as an accept-all batch's undo) and name
the user.

Refused, writing nothing, when undoing would lose a later write: a record the import wrote has been changed or
deleted since (its version moved on: the rule of a stale edit), or something written since refers to a record
the import created (a link, a role, a meeting, a report line, a person put in a new department) — the refusal
names them. No age limit: the history is never pruned while the account lives, and the rule above is what keeps
a later edit from being lost however old the import is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models.deletion import Collector
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.accounts.models import Account, OrgUnit
from battlemap.accounts.services import account_update, org_unit_delete
from battlemap.core.history import previous_record
from battlemap.core.history_stamp import authored_by, recorded
from battlemap.core.multilingual import active_language
from battlemap.core.reasons import reason as stored_reason
from battlemap.core.services import locked_rows
from battlemap.deals.models import StakeholderRole
from battlemap.deals.services import ROLE_FIELDS, stakeholder_role_delete, stakeholder_role_update
from battlemap.people.models import Person
from battlemap.people.services import people_bulk_delete, people_bulk_update
from battlemap.punctuation import join_names

from .selectors import ImportWrites, import_writes

NAMES_SHOWN = 20  # the refusal names this many records, then says how many more
KEPT = {"id", "account_id", "created_at", "updated_at", "version", "name_key"}  # not a value of the map
UNDONE = {Person, OrgUnit, StakeholderRole, Account}  # what a people import writes


CHANGED_SINCE = gettext_lazy(
    "This import cannot be undone: what it wrote was changed or deleted after it, and undoing it would lose that "
    "edit. Changed since the import: %(names)s. Undo or correct those records by hand."
)
REFERRED_SINCE = gettext_lazy(
    "This import cannot be undone: what was added after it refers to the people or departments it created, and "
    "undoing it would delete or change that too. Added since the import: %(names)s. Move or remove those first."
)


@dataclass(frozen=True)
class Named:
    """A record a refusal names: its name, and the person whose page shows it (None: a department, a record
    deleted since, a link)."""

    name: str
    person_id: int | None = None


class ImportUndoRefused(ValidationError):
    """The import cannot be undone (its message says why, naming what a user must look at); nothing was written.
    `sentence` (with `%(names)s`) and `named` let a page link each person named to their page (`said`)."""

    def __init__(self, message: Any = None, *, sentence: Any = None, named: Sequence[Named] = ()) -> None:
        super().__init__(str(message) if sentence is None else said(sentence, named))
        self.sentence, self.named = sentence, list(named)


@dataclass(frozen=True)
class UndoReport:
    filename: str
    people_removed: int
    people_restored: int
    units_removed: int
    roles_removed: int
    roles_restored: int


def people_import_undo(*, account: Account, import_id: str, user: Any = None) -> UndoReport:
    """Undo import `import_id` of `account` whole (see the module). Errors: ValidationError naming `import`
    when the account has no such import (the views answer 404); ImportUndoRefused when it was undone already,
    or when undoing it would lose a later write (the records named)."""
    writes = import_writes(account, import_id)
    if writes is None:
        raise ValidationError({"import": _("This account has no import of that id to undo.")})
    if writes.undone:
        raise ImportUndoRefused(_("This import was undone already."))
    author = authored_by(user) if user is not None else nullcontext()  # each row names who undid it
    with transaction.atomic(), recorded(reason=stored_reason("undo", writes.reason)), author:
        return _undo(account, writes, user)


def _undo(account: Account, writes: ImportWrites, user: Any) -> UndoReport:
    created: dict[type, list[Any]] = {model: [] for model in UNDONE}
    changed: dict[type, list[tuple[Any, Any, Any]]] = {
        model: [] for model in UNDONE
    }  # (now, before, import's)
    moved_on: list[Named] = []
    if any(model not in UNDONE for model, _pk in writes.rows):
        raise ImportUndoRefused(_("This import wrote records that cannot be undone."))
    stored = _locked(writes)
    for (model, pk), rows in writes.rows.items():
        current = stored.get((model, pk))
        first, last = rows[0], rows[-1]
        if current is None:  # deleted since: nothing of it is left to take back (a person it created, gone)
            if first.history_type != "+" and model is not Account:
                moved_on.append(_deleted_name(last))
            continue
        if model is not Account and current.version != last.version:
            moved_on.append(_name(current))
        elif first.history_type == "+":
            created[model].append(current)
        else:
            changed[model].append((current, previous_record(first), last))
    if moved_on:
        raise ImportUndoRefused(sentence=CHANGED_SINCE, named=moved_on)
    for role, before, _mine in changed[StakeholderRole]:
        stakeholder_role_update(role=role, version=role.version, **_before(role, before))
    people_bulk_update(
        account=account,
        changes={person.pk: values for person, before, _mine in changed[Person] if (values := _before(person, before))},
        user=user,
    )  # fmt: skip
    for role in created[StakeholderRole]:
        stakeholder_role_delete(role=role, version=role.version)
    ours = {model: {obj.pk for obj in objs} for model, objs in created.items()}
    if refers := _written_since(created[Person], ours) + _written_since(created[OrgUnit], ours):
        raise ImportUndoRefused(sentence=REFERRED_SINCE, named=refers)
    people_bulk_delete(
        account=account,
        people=created[Person],
        versions={p.pk: p.version for p in created[Person]},
        user=user,
    )
    for unit in sorted(created[OrgUnit], key=lambda u: -u.pk):  # sub-departments first
        org_unit_delete(unit=OrgUnit.objects.get(pk=unit.pk))
    for current, before, mine in changed[Account]:
        added = set(mine.company_names) - set(before.company_names if before else ())
        if added:  # only the names the import kept go: an account edit made since stays
            names = [n for n in current.company_names if n not in added]
            account_update(account=current, version=current.version, company_names=names)
    return UndoReport(
        filename=writes.filename,
        people_removed=len(created[Person]),
        people_restored=len(changed[Person]),
        units_removed=len(created[OrgUnit]),
        roles_removed=len(created[StakeholderRole]),
        roles_restored=len(changed[StakeholderRole]),
    )


def _locked(writes: ImportWrites) -> dict[tuple[type, int], Any]:
    """The records the import wrote as stored now, each row locked until the undo ends: (model, id) → record,
    a deleted one missing. A few queries a model (one a record took a second a thousand)."""
    wanted: dict[type, list[int]] = {}
    for model, pk in writes.rows:
        wanted.setdefault(model, []).append(pk)
    found: dict[tuple[type, int], Any] = {}
    for model, ids in wanted.items():
        for obj in locked_rows(model, ids):
            found[(model, obj.pk)] = obj
    return found


def _before(current: Any, before: Any) -> dict[str, Any]:
    """The values of `current` that differ from its history row `before` (the row before the import), by attname."""
    if isinstance(current, StakeholderRole):  # what a role's service writes
        fields = list(ROLE_FIELDS)
    else:
        fields = [f.attname for f in type(current)._meta.concrete_fields if f.attname not in KEPT]
    return {f: getattr(before, f) for f in fields if getattr(current, f) != getattr(before, f)}


def _written_since(objs: list[Any], ours: dict[type, set[int]]) -> list[Named]:
    """What deleting `objs` (of one model) would delete or change besides the records the import created: rows
    written since that refer to them (each named)."""
    if not objs:
        return []
    collector = Collector(using=router.db_for_write(Person))
    collector.collect(objs)
    others: list[Any] = [obj for model, found in collector.data.items() for obj in found]
    others += [obj for qs in collector.fast_deletes for obj in qs]
    others += [obj for lists in collector.field_updates.values() for found in lists for obj in found]
    return [
        _name(obj) for obj in others if not obj._meta.auto_created and obj.pk not in ours.get(type(obj), ())
    ]


def _name(obj: Any) -> Named:
    """How the refusal names a record: a person by name (and their page), a department by name, a deal role by
    its person, anything else by kind and name."""
    if isinstance(obj, Person):
        return Named(obj.name, obj.pk)
    if isinstance(obj, OrgUnit):
        return Named(obj.name)
    if isinstance(obj, StakeholderRole):
        return Named(obj.person.name, obj.person_id)
    return Named(f"{capfirst(obj._meta.verbose_name)} {obj}")


def _deleted_name(row: Any) -> Named:
    return Named(getattr(row, "name", None) or f"{capfirst(row.instance_type._meta.verbose_name)} {row.id}")


def said(sentence: Any, named: Sequence[Named], show: Callable[[Named], str] | None = None) -> str:
    """`sentence` (with `%(names)s`) naming `named`, each once: the first NAMES_SHOWN, then how many more.
    `show` writes one (a page's link to the person); by default its name, as join_names sets it apart."""
    named = list(dict.fromkeys(named))
    shown = join_names(active_language(), [(show or (lambda n: n.name))(n) for n in named[:NAMES_SHOWN]])
    if (more := len(named) - NAMES_SHOWN) > 0:
        shown = _("%(names)s and %(count)d more") % {"names": shown, "count": more}
    return str(sentence) % {"names": shown}
