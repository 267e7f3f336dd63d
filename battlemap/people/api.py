"""API: people (one by one and in bulk) and influence links of an account."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from battlemap.accounts.models import Account, OrgUnit
from battlemap.core.access import get_account_for, get_for
from battlemap.core.api import (
    ERRORS,
    IdPath,
    IfMatch,
    Page,
    SlugPath,
    assign,
    check_refs,
    create_all_or_nothing,
    etag,
    page_of,
    paginate,
    save_new,
    update_versioned,
    user_of,
)
from battlemap.people import schemas as s
from battlemap.people.models import DottedLine, InfluenceLink, Person

router = Router(tags=["people"])


def _person_refs(account_id: int) -> dict:
    return {
        "org_unit": OrgUnit.objects.filter(account_id=account_id),
        "reports_to": Person.objects.filter(account_id=account_id),
    }


def _link_refs(account_id: int) -> dict:
    people = Person.objects.filter(account_id=account_id)
    return {"source": people, "target": people}


# --- people -----------------------------------------------------------------------------------------


@router.get("/accounts/{slug}/people", response={200: page_of(s.PersonOut), **ERRORS}, summary="People")
def person_list(request, filters: Query[s.PersonFilter], page: Query[Page], slug: str = SlugPath()):
    people = get_account_for(user_of(request), slug).people.select_related("account")
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
    return paginate(people.order_by("name_key", "id"), page)


def _new_person(account: Account, data: dict) -> Person:
    check_refs(data, _person_refs(account.id))
    person = Person(account=account)
    assign(person, data)
    return save_new(person)


@router.post("/accounts/{slug}/people", response={201: s.PersonOut, **ERRORS}, summary="Add a person")
def person_create(request, payload: s.PersonIn, slug: str = SlugPath()):
    return Status(201, _new_person(get_account_for(user_of(request), slug, "edit"), payload.dict()))


@router.post(
    "/accounts/{slug}/people/bulk",
    response={201: s.PeopleBulkOut, **ERRORS},
    summary="Add many people at once: all or nothing",
    description="If any person is invalid nothing is saved; errors name the item, e.g. `people.3.name`.",
)
def person_bulk_create(request, payload: s.PeopleBulkIn, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    items = [item.dict() for item in payload.people]
    created = create_all_or_nothing(items, lambda data: _new_person(account, data), prefix="people")
    return Status(201, {"count": len(created), "items": created})


def _person(request, id: int, action: str = "view") -> Person:
    return get_for(user_of(request), Person.objects.select_related("account"), action, pk=id)


@router.get("/people/{id}", response={200: s.PersonOut, **ERRORS}, summary="One person")
def person_detail(request, response: HttpResponse, id: int = IdPath()):
    person = _person(request, id)
    response["ETag"] = etag(person)
    return person


def _person_update(request, id: int, data: dict, if_match: str | None) -> Person:
    person = _person(request, id, "edit")
    check_refs(data, _person_refs(person.account_id))
    return update_versioned(person, data, if_match=if_match)


@router.patch("/people/{id}", response={200: s.PersonOut, **ERRORS}, summary="Change a person")
def person_patch(request, payload: s.PersonPatch, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _person_update(request, id, payload.dict(exclude_unset=True), if_match)


@router.put("/people/{id}", response={200: s.PersonOut, **ERRORS}, summary="Replace a person")
def person_put(request, payload: s.PersonPut, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _person_update(request, id, payload.dict(), if_match)


@router.delete("/people/{id}", response={204: None, **ERRORS}, summary="Delete a person")
def person_delete(request, id: int = IdPath()):
    _person(request, id, "edit").delete()
    return Status(204, None)


# --- influence links --------------------------------------------------------------------------------


@router.get(
    "/accounts/{slug}/influence-links",
    response={200: page_of(s.InfluenceLinkOut), **ERRORS},
    summary="Who sways whom",
)
def link_list(request, filters: Query[s.InfluenceLinkFilter], page: Query[Page], slug: str = SlugPath()):
    links = get_account_for(user_of(request), slug).influence_links.select_related("account")
    if filters.person:
        links = links.filter(Q(source_id=filters.person) | Q(target_id=filters.person))
    if filters.kind:
        links = links.filter(kind=filters.kind)
    return paginate(links.order_by("id"), page)


@router.post(
    "/accounts/{slug}/influence-links", response={201: s.InfluenceLinkOut, **ERRORS}, summary="Add a link"
)
def link_create(request, payload: s.InfluenceLinkIn, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    data = payload.dict()
    check_refs(data, _link_refs(account.id))
    link = InfluenceLink(account=account)
    assign(link, data)
    return Status(201, save_new(link))


def _link(request, id: int, action: str = "view") -> InfluenceLink:
    return get_for(user_of(request), InfluenceLink.objects.select_related("account"), action, pk=id)


@router.get("/influence-links/{id}", response={200: s.InfluenceLinkOut, **ERRORS}, summary="One link")
def link_detail(request, response: HttpResponse, id: int = IdPath()):
    link = _link(request, id)
    response["ETag"] = etag(link)
    return link


def _link_update(request, id: int, data: dict, if_match: str | None) -> InfluenceLink:
    link = _link(request, id, "edit")
    check_refs(data, _link_refs(link.account_id))
    return update_versioned(link, data, if_match=if_match)


@router.patch("/influence-links/{id}", response={200: s.InfluenceLinkOut, **ERRORS}, summary="Change a link")
def link_patch(request, payload: s.InfluenceLinkPatch, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _link_update(request, id, payload.dict(exclude_unset=True), if_match)


@router.put("/influence-links/{id}", response={200: s.InfluenceLinkOut, **ERRORS}, summary="Replace a link")
def link_put(request, payload: s.InfluenceLinkPut, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _link_update(request, id, payload.dict(), if_match)


@router.delete("/influence-links/{id}", response={204: None, **ERRORS}, summary="Delete a link")
def link_delete(request, id: int = IdPath()):
    _link(request, id, "edit").delete()
    return Status(204, None)


# --- dotted lines -----------------------------------------------------------------------------------


@router.get(
    "/people/{id}/dotted-lines",
    response={200: list[s.DottedLineOut], **ERRORS},
    summary="Dotted-line managers",
)
def dotted_line_list(request, id: int = IdPath()):
    return list(_person(request, id).dotted_lines.order_by("id"))


@router.post(
    "/people/{id}/dotted-lines",
    response={201: s.DottedLineOut, **ERRORS},
    summary="Add a dotted-line manager",
)
def dotted_line_create(request, payload: s.DottedLineIn, id: int = IdPath()):
    person = _person(request, id, "edit")
    data = payload.dict()
    check_refs(data, {"manager": Person.objects.filter(account_id=person.account_id)})
    if person.dotted_lines.filter(manager_id=data["manager"]).exists():
        raise ValidationError({"manager": _("This dotted line exists already.")})
    line = DottedLine(person=person)
    assign(line, data)
    return Status(201, save_new(line))


@router.delete("/dotted-lines/{id}", response={204: None, **ERRORS}, summary="Remove a dotted line")
def dotted_line_delete(request, id: int = IdPath()):
    get_for(user_of(request), DottedLine.objects.all(), "edit", "person__account", pk=id).delete()
    return Status(204, None)
