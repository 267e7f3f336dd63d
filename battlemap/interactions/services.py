"""Writes to interactions: log a meeting, call or email with its participants (theirs and ours)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.interactions.models import Interaction, OurParticipant, Participant


@transaction.atomic
def interaction_log(
    *,
    account: Account,
    occurred_at: datetime,
    kind: str,
    people: Iterable = (),
    our_people: Iterable = (),
    deal=None,
    summary: str = "",
    outcome: str = "",
    next_step: str = "",
) -> Interaction:
    people = list(people)
    if not people:
        raise ValidationError({"people": _("Name at least one person from the customer who took part.")})
    if any(p.account_id != account.pk for p in people):
        raise ValidationError({"people": _("This person belongs to another account.")})
    interaction = Interaction(
        account=account,
        occurred_at=occurred_at,
        kind=kind,
        deal=deal,
        summary=summary,
        outcome=outcome,
        next_step=next_step,
        source="manual",
    )
    interaction.full_clean()
    interaction.save()
    for person in people:
        Participant.objects.create(interaction=interaction, person=person)
    for user in our_people:
        OurParticipant.objects.create(interaction=interaction, user=user)
    return interaction
