"""API: people (one by one and in bulk), dotted-line managers and influence links of an account."""

from __future__ import annotations

from django.db.models import Q
from ninja import Router

from battlemap.accounts.models import OrgUnit
from battlemap.core import crud
from battlemap.core.api import resolve_refs
from battlemap.people import schemas as s
from battlemap.people import services
from battlemap.people.models import DottedLine, InfluenceLink, Person

router = Router(tags=["people"])
resources = crud.Resources(router, __name__, s, parent=crud.account_parent())


def _person_refs(account_id: int, data: dict) -> dict:
    return resolve_refs(
        data,
        {
            "org_unit": OrgUnit.objects.filter(account_id=account_id),
            "reports_to": Person.objects.filter(account_id=account_id),
        },
    )


def _link_refs(account_id: int, data: dict) -> dict:
    people = Person.objects.filter(account_id=account_id)
    return resolve_refs(data, {"source": people, "target": people})


# --- people -----------------------------------------------------------------------------------------


def _search_people(people, filters: s.PersonFilter):
    if filters.search:
        term = filters.search.strip()
        people = people.filter(
            Q(name__icontains=term)
            | Q(name_key__icontains=term.lower().replace(" ", ""))
            | Q(title__icontains=term)
            | Q(email__icontains=term)
        )
    return crud.filter_sent(people, filters, "org_unit", "status", "external", "external_id")


def _person_create(account, data: dict, by=None) -> Person:
    return services.person_create(account=account, **_person_refs(account.pk, data))


resources.add(
    "person",
    summaries=crud.summaries(
        "person",
        list="People",
        create="Add a person",
        bulk_create="Add many people at once: all or nothing",
    ),
    descriptions={
        "bulk_create": (
            "If any person is invalid nothing is saved; errors name the item, e.g. `people.3.name`."
        )
    },
    collection="/people",
    model=Person,
    apply_filters=_search_people,
    order_by=("name_key", "id"),
    create=_person_create,
    update=lambda person, version, data, by: services.person_update(
        person=person, version=version, **_person_refs(person.account_id, data)
    ),
    delete=lambda person, by: services.person_delete(person=person),
    bulk="people",
)


# --- influence links --------------------------------------------------------------------------------


def _links_filtered(links, filters: s.InfluenceLinkFilter):
    if filters.person:
        links = links.filter(Q(source_id=filters.person) | Q(target_id=filters.person))
    return crud.filter_sent(links, filters, "kind")


resources.add(
    "link",
    schema="InfluenceLink",
    summaries=crud.summaries("link", list="Who sways whom", create="Add a link"),
    collection="/influence-links",
    model=InfluenceLink,
    apply_filters=_links_filtered,
    create=lambda account, data, by: services.influence_link_create(
        account=account, **_link_refs(account.pk, data)
    ),
    update=lambda link, version, data, by: services.influence_link_update(
        link=link, version=version, **_link_refs(link.account_id, data)
    ),
    delete=lambda link, by: services.influence_link_delete(link=link),
)


# --- dotted lines -----------------------------------------------------------------------------------


resources.add(
    "dotted_line",
    summaries={
        "list": "Dotted-line managers",
        "create": "Add a dotted-line manager",
        "delete": "Remove a dotted line",
    },
    parent=crud.object_parent(
        "/people/{id}", lambda: Person.objects.select_related("account"), field="person"
    ),
    collection="/dotted-lines",
    model=DottedLine,
    paginated=False,
    create=lambda person, data, by: services.dotted_line_create(
        person=person,
        **resolve_refs(data, {"manager": Person.objects.filter(account_id=person.account_id)}),
    ),
    delete=lambda line, by: services.dotted_line_delete(line=line),
)
