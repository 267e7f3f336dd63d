"""Reads of interactions shared by the pages.

A deal's interactions are one rule (the one the analysis' freshness already follows, which counts every
contact with a person whatever the interaction was logged against): those logged against the deal, and those
with a person who has a buying role in it — mail and calendars are ingested for the account, not for a deal,
and a meeting with the deal's decision maker is a contact of the deal. Access must have been checked by the
caller (core.access).

"Last contact" is one rule on every page and in the API, the analysis' own: an interaction counts once it has
happened, i.e. up to the end of today (a meeting scheduled for next week is not a contact yet; the analysis
ignores interactions after its "today")."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from battlemap.core.dates import end_of_day
from battlemap.deals.models import StakeholderRole
from battlemap.interactions.models import Interaction


def of_deals(deal_ids: Collection[int]) -> QuerySet[Interaction]:
    """The interactions of the deals `deal_ids` (newest first, each once)."""
    ids = list(deal_ids)
    return Interaction.objects.filter(
        Q(deal_id__in=ids) | Q(participants__person__deal_roles__deal_id__in=ids)
    ).distinct()


def only_with(person_id: int) -> QuerySet[Interaction]:
    """The interactions in which the person is the customer's only participant: deleting them leaves these with
    none (they stay, they happened: interactions.services.needs_a_participant), as the delete page says."""
    theirs = Interaction.objects.filter(participants__person_id=person_id).values("pk")
    return Interaction.objects.filter(pk__in=theirs).annotate(n=Count("participants")).filter(n=1)


def contact_cutoff() -> datetime:
    """The last moment an interaction may have to count as a contact: the end of today (TIME_ZONE), the
    analysis' rule — a scheduled meeting counts once its day has come, a message with a wrong future date never
    shows as the last contact."""
    return end_of_day(timezone.localdate())


def last_contact_by_account(account_ids: Collection[int]) -> dict[int, datetime]:
    """{account id: when its latest interaction happened, up to `contact_cutoff`} (accounts with none are
    absent); one grouped query."""
    return dict(
        Interaction.objects.filter(account_id__in=list(account_ids), occurred_at__lte=contact_cutoff())
        .values("account_id")
        .annotate(m=Max("occurred_at"))
        .values_list("account_id", "m")
    )


def last_contact_by_deal(deal_ids: Collection[int]) -> dict[int, datetime]:
    """{deal id: when its latest interaction happened, up to `contact_cutoff`} over `of_deals` (deals with none
    are absent); two grouped queries whatever the number of deals."""
    ids = list(deal_ids)
    cutoff = contact_cutoff()
    logged = (
        Interaction.objects.filter(deal_id__in=ids, occurred_at__lte=cutoff)
        .values("deal_id")
        .annotate(m=Max("occurred_at"))
        .values_list("deal_id", "m")
    )
    with_people = (
        StakeholderRole.objects.filter(deal_id__in=ids)
        .values("deal_id")
        .annotate(
            m=Max(
                "person__participations__interaction__occurred_at",
                filter=Q(person__participations__interaction__occurred_at__lte=cutoff),
            )
        )
        .values_list("deal_id", "m")
    )
    last: dict[int, datetime] = {}
    for deal_id, moment in [*logged, *with_people]:
        if moment is not None and (deal_id not in last or moment > last[deal_id]):
            last[deal_id] = moment
    return last
