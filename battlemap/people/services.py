"""Writes to people, their dotted-line managers and influence links: the only writers of these models.

Every write runs the model's full_clean (ValidationError naming the field; the models refuse a manager,
department or linked person of another account), refuses a stale edit (core.services.StaleEdit) and
is kept in history (simple-history records who made it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from battlemap.accounts.models import Account
from battlemap.core.bulk import check_columns, insert_with_history
from battlemap.core.services import (
    apply_changes,
    check_version,
    create_validated,
    delete_versioned,
    history_note,
    recorded,
    update_versioned,
)
from battlemap.core.text import name_key
from battlemap.people.merge import MERGE_REASON_PREFIX, merged_ids
from battlemap.people.models import DottedLine, InfluenceLink, Person

PERSON_FIELDS = (
    "name",
    "title",
    "org_unit",
    "reports_to",
    "email",
    "phone",
    "status",
    "left_on",
    "placeholder",
    "external",
    "external_kind",
    "organisation",
    "duties",
    "concerns",
    "decision_style",
    "needs_level",
    "power",
    "expertise",
    "budget_control",
    "network",
    "personal_win",
    "notes",
)


# What the web form edits; the API may also set the CRM id.
WRITABLE_FIELDS = (*PERSON_FIELDS, "external_id")
LINK_FIELDS = ("source", "target", "kind", "strength", "note")
DOTTED_LINE_EXISTS = gettext_lazy("This dotted line exists already.")


# --- people -----------------------------------------------------------------------------------------


@transaction.atomic
def person_create(*, account: Account, dotted_managers: Iterable[Person] = (), **fields: Any) -> Person:
    """A person of `account`; fields: any of WRITABLE_FIELDS (`org_unit`, `reports_to` as objects).

    `dotted_managers`: their dotted-line managers. Errors: ValidationError naming the field."""
    person = Person(account=account)
    apply_changes(person, fields, WRITABLE_FIELDS)
    create_validated(person)
    _set_dotted_managers(person, dotted_managers)
    return person


@transaction.atomic
def person_update(
    *, person: Person, version: int | None, dotted_managers: Iterable[Person] | None = None, **fields: Any
) -> Person:
    """Change fields of WRITABLE_FIELDS; `dotted_managers` (when given) replaces the dotted lines.

    Errors: StaleEdit; ValidationError naming the field (`reports_to` for a cycle…)."""
    person = update_versioned(person, version=version, changes=fields, allowed=WRITABLE_FIELDS)
    if dotted_managers is not None:
        _set_dotted_managers(person, dotted_managers)
    return person


def person_delete(*, person: Person, version: int | None = None) -> None:
    """Delete a person (their roles, links and participations go too; history keeps them)."""
    delete_versioned(person, version=version)


@transaction.atomic
def people_bulk_create(*, account: Account, rows: list[dict[str, str]]) -> list[Person]:
    """Add many people at once (paste-to-add); all or nothing. Errors name the row and the field."""
    created = []
    for number, row in enumerate(rows, start=1):
        person = Person(account=account, **{k: v for k, v in row.items() if k in PERSON_FIELDS})
        try:
            person.full_clean()
        except ValidationError as e:
            messages = [
                _("Row %(number)d, %(field)s: %(message)s")
                % {
                    "number": number,
                    "message": " ".join(m),
                    "field": Person._meta.get_field(f).verbose_name if f in PERSON_FIELDS else "—",
                }
                for f, m in e.message_dict.items()
            ]
            raise ValidationError(messages) from None
        person.save()
        created.append(person)
    return created


# --- dotted lines -----------------------------------------------------------------------------------


def dotted_line_create(*, person: Person, manager: Person) -> DottedLine:
    """`manager` becomes a dotted-line manager of `person` (same account, not themselves, not twice).

    Errors: ValidationError naming `manager`."""
    if DottedLine.objects.filter(person=person, manager=manager).exists():
        raise ValidationError({"manager": DOTTED_LINE_EXISTS})
    return create_validated(DottedLine(person=person, manager=manager))


def dotted_line_delete(*, line: DottedLine) -> None:
    delete_versioned(line)


def _set_dotted_managers(person: Person, managers: Iterable[Person]) -> None:
    wanted = {m.pk: m for m in managers}
    for line in person.dotted_lines.all():
        if line.manager_id not in wanted:
            dotted_line_delete(line=line)  # one by one, so history keeps who was removed
        else:
            wanted.pop(line.manager_id)
    for manager in wanted.values():
        try:
            dotted_line_create(person=person, manager=manager)
        except ValidationError as e:
            raise ValidationError({"dotted_managers": e.messages}) from None


# --- influence links --------------------------------------------------------------------------------


def influence_link_create(
    *,
    account: Account,
    source: Person,
    target: Person,
    kind: str = "advises",
    strength: int = 2,
    note: str = "",
) -> InfluenceLink:
    """`source` sways `target` (both of `account`). Errors: ValidationError naming the field."""
    link = InfluenceLink(
        account=account, source=source, target=target, kind=kind, strength=strength, note=note
    )
    return create_validated(link)


def influence_link_update(*, link: InfluenceLink, version: int | None, **fields: Any) -> InfluenceLink:
    """Change fields of LINK_FIELDS. Errors: StaleEdit; ValidationError naming the field."""
    return update_versioned(link, version=version, changes=fields, allowed=LINK_FIELDS)


def influence_link_delete(*, link: InfluenceLink, version: int | None = None) -> None:
    """Remove a link; with the `version` the user saw, a stale one raises StaleEdit."""
    delete_versioned(link, version=version)


# --- merging two records of one person --------------------------------------------------------------

# the survivor's blank fields take the duplicate's value
MERGE_FILLABLE = (
    "title",
    "org_unit",
    "email",
    "phone",
    "organisation",
    "external_kind",
    "duties",
    "concerns",
    "decision_style",
    "needs_level",
    "power",
    "expertise",
    "budget_control",
    "network",
    "personal_win",
    "external_id",
)
CHOOSE_TWO_RECORDS = gettext_lazy("Choose two different records.")
SAME_ACCOUNT = gettext_lazy("Both records must belong to the same account.")


def _links_move(survivor: Person, duplicate: Person) -> None:
    existing = set(
        InfluenceLink.objects.filter(Q(source=survivor) | Q(target=survivor)).values_list(
            "source_id", "target_id"
        )
    )
    for link in list(InfluenceLink.objects.filter(Q(source=duplicate) | Q(target=duplicate))):
        source = survivor if link.source_id == duplicate.pk else link.source
        target = survivor if link.target_id == duplicate.pk else link.target
        if source.pk == target.pk or (source.pk, target.pk) in existing:
            influence_link_delete(link=link)  # between the two records, or one the survivor has already
            continue
        influence_link_update(link=link, version=link.version, source=source, target=target)
        existing.add((source.pk, target.pk))


def _dotted_lines_move(survivor: Person, duplicate: Person) -> None:
    for line in list(DottedLine.objects.filter(person=duplicate)):
        if (
            line.manager_id == survivor.pk
            or survivor.dotted_lines.filter(manager_id=line.manager_id).exists()
        ):
            dotted_line_delete(line=line)
        else:
            update_versioned(line, version=line.version, changes={"person": survivor}, allowed=("person",))
    for line in list(DottedLine.objects.filter(manager=duplicate)):
        if line.person_id == survivor.pk or survivor.dotted_reports.filter(person_id=line.person_id).exists():
            dotted_line_delete(line=line)
        else:
            update_versioned(line, version=line.version, changes={"manager": survivor}, allowed=("manager",))


@transaction.atomic
def person_merge(
    *, survivor: Person, duplicate: Person, survivor_version: int | None, duplicate_version: int | None
) -> Person:
    """Merge two records of one person (imports and inference make duplicates) into `survivor`.

    Everything `duplicate` carries moves to the survivor: deal roles (merged when both have one in a
    deal), action items, influence links, interactions, dotted lines and reports; the survivor's blank
    fields take the duplicate's values. The duplicate is then deleted — its history stays, and the
    survivor's history records the merge (reason `merged:<ids>`, read by people.merge.merged_ids) so
    their history panel shows both records' past. Every step is a validated, history-keeping write.

    Errors: StaleEdit when either record changed since the user saw it; ValidationError naming
    `duplicate` (the same record, another account) or the field a move would break."""
    from battlemap.deals.services import person_deal_parts_move
    from battlemap.interactions.services import participations_move

    if survivor.pk == duplicate.pk:
        raise ValidationError({"duplicate": CHOOSE_TWO_RECORDS})
    if survivor.account_id != duplicate.account_id:
        raise ValidationError({"duplicate": SAME_ACCOUNT})
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    check_version(survivor, survivor_version)
    check_version(duplicate, duplicate_version)

    person_deal_parts_move(duplicate=duplicate, survivor=survivor)
    _links_move(survivor, duplicate)
    participations_move(duplicate=duplicate, survivor=survivor)
    _dotted_lines_move(survivor, duplicate)
    for report in list(Person.objects.filter(reports_to=duplicate).exclude(pk=survivor.pk)):
        update_versioned(
            report, version=report.version, changes={"reports_to": survivor}, allowed=("reports_to",)
        )

    changes: dict[str, Any] = {
        name: getattr(duplicate, name)
        for name in MERGE_FILLABLE
        if getattr(survivor, name) in ("", None) and getattr(duplicate, name) not in ("", None)
    }
    reports_to = survivor.reports_to
    if survivor.reports_to_id in (None, duplicate.pk) and duplicate.reports_to_id != survivor.pk:
        reports_to = duplicate.reports_to
    if reports_to is not None and reports_to.pk == duplicate.pk:
        reports_to = None
    changes["reports_to"] = reports_to
    changes["notes"] = "\n\n".join(dict.fromkeys(n for n in (survivor.notes, duplicate.notes) if n))
    absorbed = [duplicate.pk, *merged_ids(duplicate.pk)]
    with recorded(reason=f"{MERGE_REASON_PREFIX}into {survivor.pk}"):
        delete_versioned(duplicate)
    survivor.refresh_from_db()
    with recorded(reason=MERGE_REASON_PREFIX + ",".join(str(i) for i in absorbed)):
        return update_versioned(
            survivor,
            version=survivor.version,
            changes=changes,
            allowed=(*MERGE_FILLABLE, "reports_to", "notes"),
        )


# --- people in bulk (the CSV/XLSX import) -----------------------------------------------------------

MANAGER_ELSEWHERE = gettext_lazy("The manager belongs to another account.")
DEPARTMENT_ELSEWHERE = gettext_lazy("This department belongs to another account.")
LEFT_WITHOUT_DATE = gettext_lazy("Give the date the person left.")
REPORTING_CYCLE = gettext_lazy("This would make a reporting cycle.")
BULK_SKIP = ("created_at", "updated_at", "version", "name_key")


def _ids_of_account(model, account: Account, ids: set[int]) -> set[int]:  # noqa: ANN001
    found: set[int] = set()
    listed = sorted(ids)
    for start in range(0, len(listed), 500):
        found |= set(
            model.objects.filter(account=account, pk__in=listed[start : start + 500]).values_list(
                "pk", flat=True
            )
        )
    return found


def _check_bulk(account: Account, people: Sequence[Any]) -> None:
    """What Person.full_clean checks, for many rows: the field rules (core.bulk.check_columns), the
    department and manager of this account (one query each), a leaving date for who left."""
    from battlemap.accounts.models import OrgUnit

    check_columns(Person, people, skip=BULK_SKIP)
    for n, person in enumerate(people, start=1):
        if person.status == "left" and person.left_on is None:
            raise ValidationError({"left_on": [f"row {n}: {LEFT_WITHOUT_DATE}"]})
        if person.external_kind:
            person.external = True
    units = {p.org_unit_id for p in people} - {None}
    if units - _ids_of_account(OrgUnit, account, units):
        raise ValidationError({"org_unit": [str(DEPARTMENT_ELSEWHERE)]})
    managers = {p.reports_to_id for p in people} - {None}
    if managers - _ids_of_account(Person, account, managers):
        raise ValidationError({"reports_to": [str(MANAGER_ELSEWHERE)]})


def _check_no_cycles(account: Account) -> None:
    """No reporting cycle in `account` (one query over its people)."""
    boss = dict(Person.objects.filter(account=account).values_list("pk", "reports_to_id"))
    done: set[int] = set()
    for start in boss:
        chain: set[int] = set()
        current = start
        while current is not None and current not in done:
            if current in chain:
                raise ValidationError({"reports_to": [str(REPORTING_CYCLE)]})
            chain.add(current)
            current = boss.get(current)
        done |= chain


def people_bulk_insert(*, account: Account, people: Sequence[Any], user: Any = None) -> None:
    """Insert many new people of `account` at once (the import), with their "created" history rows.

    `people`: objects carrying Person's attributes by attname (core.bulk.NewRow(Person, …) costs less
    than a model instance); managers must exist already (insert a reporting tree level by level). The
    checks of Person.full_clean run over the whole bulk first (ValidationError naming the field and
    the row); the history rows are dated and explained by the enclosing core.services.recorded(...)
    and made by `user`. Sets each object's `pk`."""
    if not people:
        return
    _check_bulk(account, people)
    now = timezone.now()
    for person in people:
        person.account_id = account.pk
        person.created_at = person.updated_at = now
        person.name_key = name_key(person.name)
    note = history_note()
    insert_with_history(
        people,
        model=Person,
        scope={"account": account},
        user=user,
        reason=note.reason,
        date=now,
        history_date=note.at,
    )


@transaction.atomic
def people_bulk_update(
    *, account: Account, changes: Mapping[int, Mapping[str, Any]], user: Any = None, batch_size: int = 10000
) -> list[Person]:
    """Change many people of `account` at once (the import): {person id: {attname: new value}}.

    Each changed person's version moves on by one; the checks of Person.full_clean run over the whole
    bulk (field rules, department and manager of this account, no reporting cycle afterwards);
    history rows are written as simple-history's bulk_update_with_history does, dated and explained by
    the enclosing core.services.recorded(...) and made by `user`."""
    if not changes:
        return []
    now = timezone.now()
    full = Person.objects.filter(account=account).in_bulk(list(changes))
    people, fields = [], {"version", "updated_at"}
    for pk, values in changes.items():
        person = full[pk]
        for attr, value in values.items():
            setattr(person, attr, value)
        if "name" in values:
            person.name_key = name_key(person.name)
            fields.add("name_key")
        person.version = (person.version or 0) + 1
        person.updated_at = now
        fields |= set(values)
        people.append(person)
    _check_bulk(account, people)
    note = history_note()
    bulk_update_with_history(
        people,
        Person,
        sorted(fields),
        batch_size=batch_size,
        default_user=user,
        default_change_reason=note.reason,
        default_date=note.at or now,
    )
    if any("reports_to_id" in values for values in changes.values()):
        _check_no_cycles(account)  # raising rolls the whole bulk back
    return people
