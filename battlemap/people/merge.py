"""Merging two records of the same person (imports and inference create duplicates).

Everything the duplicate carries moves to the survivor: deal roles (merged when both have one in the
same deal), influence links, interactions, action items, dotted lines and reports. The duplicate is then
deleted — its history stays, and the survivor's history records the merge (`merged:<id>`), so the
person's history panel shows both records' past.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from battlemap.core.services import check_version
from battlemap.deals.models import ActionItem, Coverage, StakeholderRole
from battlemap.interactions.models import Participant
from battlemap.people.models import DottedLine, InfluenceLink, Person

MERGE_REASON_PREFIX = "merged:"
_FILLABLE = (
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
_ROLE_FILLABLE = ("favoured_competitor", "personal_win", "plan")


def _merge_role(keep: StakeholderRole, gone: StakeholderRole) -> None:
    keep.roles = list(dict.fromkeys([*keep.roles, *gone.roles]))
    if keep.attitude == "unknown":
        keep.attitude = gone.attitude
    keep.influence = max(keep.influence, gone.influence)
    keep.relationship = max(keep.relationship, gone.relationship)
    for field in _ROLE_FILLABLE:
        if not getattr(keep, field):
            setattr(keep, field, getattr(gone, field))
    keep.full_clean()
    keep.save()
    covered = set(keep.coverage.values_list("user_id", flat=True))
    for cov in gone.coverage.all():
        if cov.user_id not in covered:
            Coverage.objects.create(stakeholder=keep, user_id=cov.user_id)
    gone.delete()


def _move_roles(survivor: Person, duplicate: Person) -> None:
    mine = {r.deal_id: r for r in survivor.deal_roles.all()}
    for role in list(duplicate.deal_roles.all()):
        if role.deal_id in mine:
            _merge_role(mine[role.deal_id], role)
        else:
            role.person = survivor
            role.save()


def _move_links(survivor: Person, duplicate: Person) -> None:
    existing = set(
        InfluenceLink.objects.filter(Q(source=survivor) | Q(target=survivor)).values_list(
            "source_id", "target_id"
        )
    )
    for link in list(InfluenceLink.objects.filter(Q(source=duplicate) | Q(target=duplicate))):
        source = survivor.pk if link.source_id == duplicate.pk else link.source_id
        target = survivor.pk if link.target_id == duplicate.pk else link.target_id
        if source == target or (source, target) in existing:
            link.delete()  # a link between the two records, or one the survivor already has
            continue
        link.source_id, link.target_id = source, target
        link.save()
        existing.add((source, target))


def _move_participations(survivor: Person, duplicate: Person) -> None:
    taken = set(Participant.objects.filter(person=survivor).values_list("interaction_id", flat=True))
    for part in list(Participant.objects.filter(person=duplicate)):
        if part.interaction_id in taken:
            part.delete()
        else:
            part.person = survivor
            part.save()


def _move_dotted_lines(survivor: Person, duplicate: Person) -> None:
    for line in list(DottedLine.objects.filter(person=duplicate)):
        if (
            line.manager_id == survivor.pk
            or survivor.dotted_lines.filter(manager_id=line.manager_id).exists()
        ):
            line.delete()
        else:
            line.person = survivor
            line.save()
    for line in list(DottedLine.objects.filter(manager=duplicate)):
        if line.person_id == survivor.pk or survivor.dotted_reports.filter(person_id=line.person_id).exists():
            line.delete()
        else:
            line.manager = survivor
            line.save()


def _move_reports(survivor: Person, duplicate: Person) -> None:
    for report in list(Person.objects.filter(reports_to=duplicate).exclude(pk=survivor.pk)):
        report.reports_to = survivor
        report.save()


@transaction.atomic
def person_merge(
    *, survivor: Person, duplicate: Person, survivor_version: int, duplicate_version: int
) -> Person:
    """Move everything of `duplicate` onto `survivor`, fill the survivor's blank fields, delete the duplicate."""
    if survivor.pk == duplicate.pk:
        raise ValidationError({"duplicate": _("Choose two different records.")})
    if survivor.account_id != duplicate.account_id:
        raise ValidationError({"duplicate": _("Both records must belong to the same account.")})
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    check_version(survivor, survivor_version)
    check_version(duplicate, duplicate_version)

    _move_roles(survivor, duplicate)
    _move_links(survivor, duplicate)
    _move_participations(survivor, duplicate)
    for item in list(ActionItem.objects.filter(person=duplicate)):
        item.person = survivor
        item.save()
    _move_dotted_lines(survivor, duplicate)
    _move_reports(survivor, duplicate)

    for field in _FILLABLE:
        if getattr(survivor, field) in ("", None) and getattr(duplicate, field) not in ("", None):
            setattr(survivor, field, getattr(duplicate, field))
    if survivor.reports_to_id in (None, duplicate.pk) and duplicate.reports_to_id != survivor.pk:
        survivor.reports_to_id = duplicate.reports_to_id
    if survivor.reports_to_id == duplicate.pk:
        survivor.reports_to_id = None
    notes = [n for n in (survivor.notes, duplicate.notes) if n]
    survivor.notes = "\n\n".join(dict.fromkeys(notes))
    absorbed = [duplicate.pk, *merged_ids(duplicate.pk)]
    duplicate._change_reason = f"{MERGE_REASON_PREFIX}into {survivor.pk}"
    duplicate.delete()
    survivor.full_clean()
    survivor._change_reason = MERGE_REASON_PREFIX + ",".join(str(i) for i in absorbed)
    survivor.save()
    return survivor


def merged_ids(person_id: int) -> list[int]:
    """Ids of the records merged into this person, directly or through earlier merges."""
    reasons = Person.history.filter(id=person_id, history_change_reason__startswith=MERGE_REASON_PREFIX)
    ids: list[int] = []
    for reason in reasons.values_list("history_change_reason", flat=True):
        body = reason[len(MERGE_REASON_PREFIX) :]
        if body.startswith("into"):
            continue
        ids.extend(int(i) for i in body.split(",") if i.strip().isdigit())
    return ids
