"""Reads of people for the editing pages (the account comes through core.access first)."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.people.history import HistoryEntry, history_entries
from battlemap.people.merge import merged_ids
from battlemap.people.models import DottedLine, InfluenceLink, Person


def people_of(*, account: Account) -> QuerySet[Person]:
    return account.people.select_related("reports_to", "org_unit").order_by("name_key", "name")


def links_of(*, account: Account) -> QuerySet[InfluenceLink]:
    return account.influence_links.select_related("source", "target").order_by(
        "source__name_key", "target__name_key"
    )


def person_roles(*, person: Person) -> QuerySet[StakeholderRole]:
    return person.deal_roles.select_related("deal").order_by("deal__name")


def person_history(*, person: Person) -> list[HistoryEntry]:
    """The person's own edits (and those of records merged into them), their deal roles and dotted lines."""
    ids = [person.pk, *merged_ids(person.pk)]
    records = [
        *Person.history.filter(id__in=ids).select_related("history_user"),
        *StakeholderRole.history.filter(person_id__in=ids).select_related("history_user"),
        *DottedLine.history.filter(person_id__in=ids).select_related("history_user"),
    ]

    def describe(rec) -> str:
        if rec.instance_type is Person:
            return rec.name
        if rec.instance_type is StakeholderRole:
            deal = Deal.objects.filter(pk=rec.deal_id).first()
            return _("role in %(deal)s") % {"deal": deal.name if deal else "—"}
        return _("dotted-line manager")

    return history_entries(records, describe)


def merge_summary(*, person: Person) -> dict:
    """What a merge would move: shown side by side before merging two records."""
    return {
        "person": person,
        "roles": person.deal_roles.count(),
        "links": InfluenceLink.objects.filter(account_id=person.account_id)
        .filter(models.Q(source=person) | models.Q(target=person))
        .count(),
        "interactions": person.participations.count(),
        "action_items": person.action_items.count(),
        "reports": person.reports.count(),
    }
