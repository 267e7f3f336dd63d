"""Writes to people, their dotted-line managers and influence links: the only writers of these models.

Every write runs the model's full_clean (ValidationError naming the field; the models refuse a manager,
department or linked person of another account), refuses a stale edit (core.services.StaleEdit) and
is kept in history (simple-history records who made it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.accounts.models import Account
from battlemap.core.services import (
    apply_changes,
    check_version,
    create_validated,
    delete_versioned,
    recorded,
    update_versioned,
)
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
