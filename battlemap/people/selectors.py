"""Reads of people for the editing pages (the account comes through core.access first)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.core.history import HistoryEntry, history_entries
from battlemap.core.text import name_key
from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.maps import account_analysis
from battlemap.people.merge import merged_ids
from battlemap.people.models import DottedLine, InfluenceLink, Person


def people_of(*, account: Account) -> QuerySet[Person]:
    return account.people.select_related("reports_to", "org_unit").order_by("name_key", "name")


def matching(people: QuerySet[Person], search: str) -> QuerySet[Person]:
    """`people` whose name, pinyin, title or email contains `search` (all of them for a blank one)."""
    text = search.strip()
    if not text:
        return people
    found = Q(name__icontains=text) | Q(title__icontains=text) | Q(email__icontains=text)
    key = name_key(text).split(" ")[0]  # the full pinyin: "wangwei" finds 王伟
    if key:
        found |= Q(name_key__contains=key)
    return people.filter(found)


def with_external_id(people: QuerySet[Person], value: str) -> QuerySet[Person]:
    """The people of `people` whose external id is `value` as the import and the duplicate check match ids
    (`io.matching.id_key`: a Salesforce id's 15 and 18 characters, a GUID in any case or braces, `502.0` and
    `502` are one id, so are `0001` and `1`): the API's `?external_id=` found nothing for the 18-character form of a stored 15, and the
    create that followed was refused as a duplicate (an integrator's trial). One query narrows by the key's
    text (case-insensitive), the key decides."""
    from battlemap.io.matching import id_key

    key = id_key(value)
    if not key:
        return people.none()
    near = people.filter(external_id__icontains=key).values_list("pk", "external_id")
    return people.filter(pk__in=[pk for pk, stored in near if id_key(stored) == key])


def people_like(*, account: Account, name: str) -> list[Person]:
    """The people on `account` a new person named `name` would duplicate: the same name as names match
    (`io.matching.match_name`: case, spacing and full-width forms aside; 张伟 is not 章伟). One query on the
    indexed pinyin key (core.text.name_key, which reads full-width forms as half-width). (An e-mail already on
    the account is no question to ask: it is refused, `people.models.email_owners`.)"""
    from battlemap.io.matching import clean_name, match_name

    wanted = match_name(name)
    if not wanted:
        return []
    # keyed as the name will be stored (`Person.text_cleaners`: "Jane\u200b Doe" is stored "Jane Doe")
    people = account.people.filter(name_key=name_key(clean_name(name))).order_by("name_key", "pk")
    return [p for p in people if match_name(p.name) == wanted]


def people_found(*, account: Account, search: str = "", status: str = "") -> QuerySet[Person]:
    """The account's people (as `people_of`) matching `search`, of `status` ("" = any), each with
    `open_roles`: their part in the account's open deals (one query a page, by deal name)."""
    people = matching(people_of(account=account), search)
    people = people.filter(status=status) if status else people
    open_roles = (
        StakeholderRole.objects.filter(deal__status="open").select_related("deal").order_by("deal__name")
    )
    return people.prefetch_related(models.Prefetch("deal_roles", queryset=open_roles, to_attr="open_roles"))


def links_of(*, account: Account, people: QuerySet[Person] | None = None) -> QuerySet[InfluenceLink]:
    """The account's influence links, by the names of who sways and whom; with `people` (a query of the
    account's people, as `people_found` gives), only the links that start or end at one of them — the
    People page's search shows the links of the people it found, not all the account's."""
    links = account.influence_links.all()
    if people is not None:
        ids = people.values("pk")
        links = links.filter(Q(source__in=ids) | Q(target__in=ids))
    return links.select_related("source", "target").order_by("source__name_key", "target__name_key")


def person_roles(*, person: Person) -> QuerySet[StakeholderRole]:
    return person.deal_roles.select_related("deal").order_by("deal__name")


def person_influence(*, person: Person) -> dict | None:
    """The person's influence score with its parts and drivers: the `influence` of the analysis, the
    same dict the API gives (GET /api/accounts/<slug>/analysis, `people[].influence`); None when the
    analysis does not score them."""
    for row in account_analysis(account=person.account)["people"]:
        if row["id"] == person.pk:
            return row.get("influence")
    return None


def person_answers(*, person: Person) -> dict | None:
    """What the person answered in questionnaires sent by link (latest satisfaction, NPS, factor
    ratings): the `feedback` of the analysis; None when they never answered."""
    for row in account_analysis(account=person.account)["people"]:
        if row["id"] == person.pk:
            return row.get("feedback")
    return None


def person_meetings(*, person: Person, limit: int = 50) -> QuerySet[Interaction]:
    """The interactions the person took part in, newest first, with the deal and who took part."""
    return (
        Interaction.objects.filter(participants__person=person)
        .select_related("deal")
        .prefetch_related("participants__person", "our_participants__user")
        .order_by("-occurred_at", "-id")[:limit]
    )


def person_action_items(*, person: Person) -> QuerySet[ActionItem]:
    """Action items about the person, open ones first (overdue marked by ActionItem.is_overdue)."""
    return person.action_items.select_related("deal", "owner").order_by("done", "due", "id")


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
        "questionnaires": person.survey_links.count(),
    }
