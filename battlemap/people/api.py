"""API: people (one by one and in bulk), dotted-line managers and influence links of an account."""

from __future__ import annotations

from django.db.models import Q
from ninja import Router, Status

from battlemap.accounts.models import OrgUnit
from battlemap.core import crud
from battlemap.core.access import get_account_for, get_for
from battlemap.core.api import ERRORS, SlugPath, create_all_or_nothing, resolve_refs, user_of
from battlemap.people import schemas as s
from battlemap.people import services
from battlemap.people.models import DottedLine, InfluenceLink, Person

router = Router(tags=["people"])


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
    for name in ("org_unit", "status", "external", "external_id"):
        value = getattr(filters, name)
        if value is not None:
            people = people.filter(**{name: value})
    return people


def _person_create(account, data: dict, by=None) -> Person:
    return services.person_create(account=account, **_person_refs(account.pk, data))


PERSON = crud.Resource(
    name="person",
    module=__name__,
    out=s.PersonOut,
    summaries={
        "list": "People",
        "create": "Add a person",
        "retrieve": "One person",
        "patch": "Change a person",
        "put": "Replace a person",
        "delete": "Delete a person",
    },
    parent=crud.account_parent(),
    collection="/people",
    item="/people/{id}",
    queryset=lambda: Person.objects.select_related("account"),
    children=lambda account: account.people.select_related("account"),
    filters=s.PersonFilter,
    apply_filters=_search_people,
    order_by=("name_key", "id"),
    schema_in=s.PersonIn,
    schema_patch=s.PersonPatch,
    schema_put=s.PersonPut,
    create=_person_create,
    update=lambda person, version, data, by: services.person_update(
        person=person, version=version, **_person_refs(person.account_id, data)
    ),
    delete=lambda person, by: services.person_delete(person=person),
)
crud.register(router, PERSON)


@router.post(
    "/accounts/{slug}/people/bulk",
    response={201: s.PeopleBulkOut, **ERRORS},
    summary="Add many people at once: all or nothing",
    description="If any person is invalid nothing is saved; errors name the item, e.g. `people.3.name`.",
)
def person_bulk_create(request, payload: s.PeopleBulkIn, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    items = [item.dict() for item in payload.people]
    created = create_all_or_nothing(items, lambda data: _person_create(account, data), prefix="people")
    return Status(201, {"count": len(created), "items": created})


# --- influence links --------------------------------------------------------------------------------


def _links_filtered(links, filters: s.InfluenceLinkFilter):
    if filters.person:
        links = links.filter(Q(source_id=filters.person) | Q(target_id=filters.person))
    if filters.kind:
        links = links.filter(kind=filters.kind)
    return links


crud.register(
    router,
    crud.Resource(
        name="link",
        module=__name__,
        out=s.InfluenceLinkOut,
        summaries={
            "list": "Who sways whom",
            "create": "Add a link",
            "retrieve": "One link",
            "patch": "Change a link",
            "put": "Replace a link",
            "delete": "Delete a link",
        },
        parent=crud.account_parent(),
        collection="/influence-links",
        item="/influence-links/{id}",
        queryset=lambda: InfluenceLink.objects.select_related("account"),
        children=lambda account: account.influence_links.select_related("account"),
        filters=s.InfluenceLinkFilter,
        apply_filters=_links_filtered,
        schema_in=s.InfluenceLinkIn,
        schema_patch=s.InfluenceLinkPatch,
        schema_put=s.InfluenceLinkPut,
        create=lambda account, data, by: services.influence_link_create(
            account=account, **_link_refs(account.pk, data)
        ),
        update=lambda link, version, data, by: services.influence_link_update(
            link=link, version=version, **_link_refs(link.account_id, data)
        ),
        delete=lambda link, by: services.influence_link_delete(link=link),
    ),
)


# --- dotted lines -----------------------------------------------------------------------------------


crud.register(
    router,
    crud.Resource(
        name="dotted_line",
        module=__name__,
        out=s.DottedLineOut,
        summaries={
            "list": "Dotted-line managers",
            "create": "Add a dotted-line manager",
            "delete": "Remove a dotted line",
        },
        parent=crud.object_parent("/people/{id}", lambda: Person.objects.select_related("account")),
        collection="/dotted-lines",
        item="/dotted-lines/{id}",
        lookup=lambda user, pk, action: get_for(
            user, DottedLine.objects.all(), action, "person__account", pk=pk
        ),
        children=lambda person: person.dotted_lines.all(),
        paginated=False,
        schema_in=s.DottedLineIn,
        create=lambda person, data, by: services.dotted_line_create(
            person=person,
            **resolve_refs(data, {"manager": Person.objects.filter(account_id=person.account_id)}),
        ),
        delete=lambda line, by: services.dotted_line_delete(line=line),
    ),
)
