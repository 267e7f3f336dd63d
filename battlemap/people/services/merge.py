"""Merging two records of one person: the survivor keeps every link, role, meeting and history."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy

from battlemap.core.history_stamp import recorded
from battlemap.core.services import check_version, delete_versioned, update_versioned
from battlemap.people.merge import MERGE_REASON_PREFIX, merged_ids
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.people.services import (
    PERSON_PORTRAIT_FIELDS,
    dotted_line_delete,
    dotted_line_to_solid_manager,
    influence_link_delete,
    influence_link_update,
)

# --- merging two records of one person --------------------------------------------------------------

# the survivor's blank fields take the duplicate's value
MERGE_FILLABLE = (
    "title",
    "org_unit",
    "email",
    "phone",
    "organisation",
    "external_kind",
    *(name for name in PERSON_PORTRAIT_FIELDS if name != "notes"),  # notes are joined, not filled
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
            line = update_versioned(
                line, version=line.version, changes={"manager": survivor}, allowed=("manager",)
            )
            _drop_dotted_to_solid(line.person)  # they reported to the survivor already


def _drop_dotted_to_solid(person: Person) -> bool:
    """A merge leaves no one with a dotted line to their solid-line manager (the person rules refuse it:
    people.services.dotted_line_to_solid_manager): that line goes (history keeps it; the survivor's under the
    merge's reason). True when one went."""
    line = dotted_line_to_solid_manager(person)
    if line is not None:
        dotted_line_delete(line=line)
    return line is not None


@transaction.atomic
def person_merge(
    *, survivor: Person, duplicate: Person, survivor_version: int | None, duplicate_version: int | None
) -> Person:
    """Merge two records of one person (imports and inference make duplicates) into `survivor`.

    Everything `duplicate` carries moves to the survivor: deal roles (merged when both have one in a
    deal), action items, seats on decision bodies and process steps, influence links, interactions,
    dotted lines and reports, questionnaire links and answers; the survivor's blank fields take the duplicate's values. The duplicate is then deleted — its history stays, and the
    survivor's history records the merge (reason `merged:<ids>`, read by people.merge.merged_ids) so
    their history panel shows both records' past. Every step is a validated, history-keeping write.

    Errors: StaleEdit when either record changed since the user saw it; ValidationError naming
    `duplicate` (the same record, another account) or the field a move would break."""
    from battlemap.deals.merge import person_deal_parts_move
    from battlemap.interactions.services import participations_move
    from battlemap.process.services import person_body_parts_move
    from battlemap.surveys.services import person_survey_parts_move

    if survivor.pk == duplicate.pk:
        raise ValidationError({"duplicate": CHOOSE_TWO_RECORDS})
    if survivor.account_id != duplicate.account_id:
        raise ValidationError({"duplicate": SAME_ACCOUNT})
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    check_version(survivor, survivor_version)
    check_version(duplicate, duplicate_version)

    person_deal_parts_move(duplicate=duplicate, survivor=survivor)
    person_body_parts_move(duplicate=duplicate, survivor=survivor)
    _links_move(survivor, duplicate)
    participations_move(duplicate=duplicate, survivor=survivor)
    _dotted_lines_move(survivor, duplicate)
    person_survey_parts_move(duplicate=duplicate, survivor=survivor)
    for report in list(Person.objects.filter(reports_to=duplicate).exclude(pk=survivor.pk)):
        update_versioned(
            report,
            version=report.version,
            changes={"reports_to": survivor},
            allowed=("reports_to",),
            lists=_drop_dotted_to_solid,  # a report with a dotted line to the survivor
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
            lists=_drop_dotted_to_solid,  # a dotted line, theirs or the duplicate's, to the manager they keep
        )
