"""Recorded traffic in bulk: many interactions with who took part, in one statement per table — mail ingest
(`interactions_bulk_record`) and map loading (`interactions_bulk_create`). The rules of
interactions.services.interaction_create, checked for the whole bulk first; history for every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.core.bulk import NewRow, at_row, check_columns, insert_recorded
from battlemap.core.refusals import DEAL_OF_ANOTHER_ACCOUNT, PERSON_OF_ANOTHER_ACCOUNT
from battlemap.deals.models import Deal
from battlemap.interactions.models import Interaction, OurParticipant, Participant
from battlemap.interactions.services import (
    RECORDED_SOURCES,
    aware,
    not_yet_happened,
)
from battlemap.people.models import Person

BULK_SOURCE_NOT_RECORDED = "a bulk of interactions is recorded traffic (source mail or calendar)"
BULK_SOURCE_REF_TAKEN = _("This account already has an interaction from this source reference.")


@dataclass
class RecordedInteraction:
    """One interaction for the bulk services: the unsaved `interaction` (for `interactions_bulk_record`,
    recorded traffic of the account with a `source_ref`), the ids of the customer's people and of our
    users who took part."""

    interaction: Any  # an Interaction, or a core.bulk.NewRow(Interaction, …) for interactions_bulk_create
    people: set[int] = field(default_factory=set)
    users: set[int] = field(default_factory=set)


def _check_recorded(account: Account, items: Sequence[RecordedInteraction]) -> None:
    """The checks of interaction_create, for a bulk: each interaction's field rules and clean(), one
    interaction per source reference, participants of this account (one query each, not one a row)."""
    refs = [item.interaction.source_ref for item in items]
    for item in items:
        interaction = item.interaction
        if interaction.account_id != account.pk or interaction.source not in RECORDED_SOURCES:
            raise ValueError(BULK_SOURCE_NOT_RECORDED)
    check_columns(Interaction, [item.interaction for item in items])  # the keys are checked below
    if len(set(refs)) != len(refs) or "" in refs:
        raise ValidationError({"source_ref": BULK_SOURCE_REF_TAKEN})
    for start in range(0, len(refs), 500):
        if Interaction.objects.filter(account=account, source_ref__in=refs[start : start + 500]).exists():
            raise ValidationError({"source_ref": BULK_SOURCE_REF_TAKEN})
    _check_keys(account, items)


def _check_keys(account: Account, items: Sequence[RecordedInteraction]) -> None:
    """The deals and the customer's people of a bulk are of `account` (one query each)."""
    deals = {item.interaction.deal_id for item in items} - {None}
    if deals - set(Deal.objects.filter(account=account, pk__in=deals).values_list("pk", flat=True)):
        raise ValidationError({"deal": DEAL_OF_ANOTHER_ACCOUNT})
    people = {pk for item in items for pk in item.people}
    if people - set(Person.objects.filter(account=account).values_list("pk", flat=True)):
        raise ValidationError({"participants": PERSON_OF_ANOTHER_ACCOUNT})


@transaction.atomic
def interactions_bulk_record(*, account: Account, items: Sequence[RecordedInteraction]) -> dict[str, int]:
    """Store many recorded interactions with who took part, in bulk (mail ingest); all or nothing.

    The same rules as interaction_create (ValidationError naming the field), checked for the whole
    bulk; history rows are written for every interaction and participant, dated and explained by the
    enclosing core.history_stamp.recorded(...) (now, otherwise). Returns {source_ref: interaction id}."""
    if not items:
        return {}
    _check_recorded(account, items)
    _write(account, items, user=None)
    return {item.interaction.source_ref: item.interaction.pk for item in items}


@transaction.atomic
def interactions_bulk_create(
    *, account: Account, items: Sequence[RecordedInteraction], user: Any = None
) -> None:
    """Store many interactions of `account` with who took part, in bulk (import-map); all or nothing.

    The rules of interaction_create, checked for the whole bulk first — but who took part: a map holds its
    interactions as they were, one whose people were all deleted with none (`needs_a_participant`) —, dated
    no later than today unless recorded traffic (`not_yet_happened`), the
    field rules (core.bulk.check_columns: text loses its control
    characters), deal and people of this account (ValidationError naming the field, and the row for a
    field rule or a missing participant). History as `interactions_bulk_record`. Sets each
    interaction's pk."""
    if not items:
        return
    for n, item in enumerate(items, start=1):
        interaction = item.interaction
        interaction.account_id = account.pk
        interaction.occurred_at = aware(interaction.occurred_at)
        if (problem := not_yet_happened(interaction.occurred_at, source=interaction.source)) is not None:
            raise ValidationError({"occurred_at": [at_row(n, problem)]})
    check_columns(Interaction, [item.interaction for item in items])
    _check_refs(account, [item.interaction.source_ref for item in items])
    _check_keys(account, items)
    _write(account, items, user=user)


def _check_refs(account: Account, refs: list[str]) -> None:
    """One interaction per source reference (a mail's Message-ID…), among `refs` (the empty ones aside)
    and the account's interactions: ValidationError naming `source_ref` and the row."""
    seen: set[str] = set()
    for n, ref in enumerate(refs, start=1):
        if ref and ref in seen:
            raise ValidationError({"source_ref": [at_row(n, BULK_SOURCE_REF_TAKEN)]})
        seen.add(ref)
    given = [ref for ref in refs if ref]
    for start in range(0, len(given), 500):
        taken = Interaction.objects.filter(account=account, source_ref__in=given[start : start + 500])
        first = taken.values_list("source_ref", flat=True).first()
        if first is not None:
            raise ValidationError({"source_ref": [at_row(refs.index(first) + 1, BULK_SOURCE_REF_TAKEN)]})


def _write(account: Account, items: Sequence[RecordedInteraction], *, user: Any) -> None:
    """The checked bulk written as the people import writes (core.bulk.insert_recorded): one
    statement per table, a "created" history row for every interaction and participant, dated and
    explained by the enclosing core.history_stamp.recorded(...). Sets each interaction's pk."""
    insert_recorded(
        [item.interaction for item in items], model=Interaction, scope={"account": account}, user=user
    )
    people = [
        NewRow(Participant, interaction_id=i.interaction.pk, person_id=p)
        for i in items
        for p in sorted(i.people)
    ]
    insert_recorded(people, model=Participant, scope={"interaction__account": account}, user=user)
    ours = [
        NewRow(OurParticipant, interaction_id=i.interaction.pk, user_id=u)
        for i in items
        for u in sorted(i.users)
    ]
    insert_recorded(ours, model=OurParticipant, scope={"interaction__account": account}, user=user)
