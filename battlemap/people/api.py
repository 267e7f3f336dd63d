"""API: people (one by one, in bulk and pasted), dotted-line managers and influence links of an account."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from battlemap.accounts.models import OrgUnit
from battlemap.audit.services import Action, audit_record
from battlemap.core import crud
from battlemap.core.access import get_account_for, get_for
from battlemap.core.api import ERRORS, IdPath, SlugPath, resolve_refs, user_of
from battlemap.core.schemas import InSchema
from battlemap.people import schemas as s
from battlemap.people import services
from battlemap.people.forms import PasteForm
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.people.personal_data import person_export_json
from battlemap.people.selectors import with_external_id
from battlemap.people.selectors_paste import PreviewRow, paste_preview, paste_read, unread_reason
from battlemap.people.services.erase import check_erase_confirmation, person_erase

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
    if filters.external_id is not None:
        people = with_external_id(people, filters.external_id)
    return crud.filter_sent(people, filters, "org_unit", "status", "external")


def _person_create(account, data: dict, by=None) -> Person:
    if not data.pop("another_person", False):
        services.check_not_on_map(account=account, name=data.get("name", ""))
    return services.person_create(account=account, **_person_refs(account.pk, data))


def _person_update(person: Person, version, data: dict) -> Person:  # noqa: ANN001
    """A rename to a name another person of the account bears is refused as a new person's name is (422 naming
    `name`), unless `another_person`; keeping the name (any spelling of it) is no question."""
    from battlemap.io.matching import match_name

    another = data.pop("another_person", False)
    if "name" in data and not another and match_name(data["name"] or "") != match_name(person.name):
        services.check_not_on_map(account=person.account, name=data["name"] or "")
    return services.person_update(person=person, version=version, **_person_refs(person.account_id, data))


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
            "If any person is invalid nothing is saved; errors name the item, e.g. `people.3.name`. An item "
            "refused for an e-mail or a name an earlier item has names that item (`people.0`), not a person of the map."
        )
    },
    collection="/people",
    model=Person,
    apply_filters=_search_people,
    order_by=("name_key", "id"),
    create=_person_create,
    update=lambda person, version, data, by: _person_update(person, version, data),
    delete=lambda person, by: services.person_delete(person=person),
    bulk="people",
)


# --- paste-to-add ----------------------------------------------------------------------------------


def _picked(rows: list[PreviewRow], numbers: list[int] | None) -> set[int]:
    """The indexes of the rows to add: those `numbers` name (each a row of the preview, else 422 naming
    `rows`), else those the preview ticks."""
    if numbers is None:
        return {r.index for r in rows if r.ticked}
    unknown = sorted(set(numbers) - {r.number for r in rows})
    if unknown:
        raise ValidationError(
            {
                "rows": _("Row %(number)d is not in the preview (its rows are 1–%(count)d).")
                % {"number": unknown[0], "count": len(rows)}
            }
        )
    return {n - 1 for n in numbers}


def _pasted_out(row: PreviewRow) -> dict:
    c = row.candidate
    return {
        "row": row.number,
        **row.fields(),
        "lines": sorted(set(c.lines)),
        "doubts": [{"field": f, "value": v} for f, v in c.doubts],
        "taken": [{"field": f, "value": v, "line": line} for f, v, line in c.taken],
        "on_map": [{"id": pk, "name": name} for pk, name in row.matches],
        "our_side": row.ours,
        "add": row.ticked,
        "refused": row.refused,
    }


@router.post(
    "/accounts/{slug}/people/paste",
    response={200: s.PasteOut, **ERRORS},
    summary="Paste to add: read a pasted block of people (preview), then add them",
    description=(
        "As the web's *Paste to add*: `text` (a WeCom/Outlook/Teams member list, a leaders page, a business card, "
        "signatures, an Excel or web table) is read into people, each with the people of the map it matches "
        "(`on_map`, by name or e-mail) and whether its e-mail is our side's; every line not used is in `unread` "
        "with why. Duty lines (主持…, 分管…) are the duties of the person beside them (`duties`). `dry_run` (default true) stores nothing; false adds `rows` (the "
        "preview's numbers; left out: every row `add` marks, those neither on the map nor ours) in one go, all "
        "or nothing: a bad row is a 422 naming `rows`, `Row 2, title: …`. A text of no person, or over the web "
        "form's limits, is a 422 naming `text`. Editors of the account only (a viewer: 403)."
    ),
)
def people_paste_route(request, body: s.PasteIn, slug: str = SlugPath()):
    user = user_of(request)
    account = get_account_for(user, slug, "edit")
    form = PasteForm({"text": body.text})  # the web form's rules: its size, its cells, not blank
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    pasted = paste_read(form.cleaned_data["text"])
    if not pasted.people:
        raise ValidationError({"text": _("No names or emails found in this text.")})
    rows = paste_preview(account=account, user=user, people=list(enumerate(pasted.people)))
    picked = _picked(rows, body.rows)
    for row in rows:
        row.ticked = row.index in picked
    added = []
    if not body.dry_run and picked:
        ticked = [r for r in rows if r.ticked]
        try:
            added = services.people_bulk_create(
                account=account,
                rows=[r.fields() for r in ticked],
                numbers=[r.number for r in ticked],
                left_out={r.number: r.candidate.name for r in rows if not r.ticked},
            )
        except ValidationError as e:
            raise ValidationError({"rows": e.messages}) from None
    unread = [
        {
            "line": u.line,
            "last": u.last or None,
            "text": u.text,
            "kind": u.reason,
            "reason": unread_reason(u.reason),
        }
        for u in pasted.unread
    ]
    return {
        "dry_run": body.dry_run,
        "people": [_pasted_out(r) for r in rows],
        "unread": unread,
        "added": added,
    }


crud.restore_route(
    router,
    __name__,
    "person",
    "people",
    lambda account, id: services.person_restore(account=account, person_id=id),
    summary="Bring back a deleted person, with what their deletion took",
    description=(
        "The undo of `DELETE /people/{id}` (the account's editors): the person with the same id, their deal roles "
        "and coverage, influence links, dotted lines, participations and seats, and the solid lines of their reports "
        "— except where an edit made since wins, said in `notes`. 422 naming `person` when they are not a deleted "
        "person of this account, are back already or were merged into another record."
    ),
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
        "retrieve": "One dotted line",
        "delete": "Remove a dotted line",
    },
    parent=crud.object_parent(
        "/people/{id}", lambda: Person.objects.select_related("account"), field="person"
    ),
    collection="/dotted-lines",
    model=DottedLine,
    paginated=False,
    create=lambda person, data, by: services.dotted_line_add(
        person=person,
        **resolve_refs(data, {"manager": Person.objects.filter(account_id=person.account_id)}),
    ),
    delete=lambda line, by: services.dotted_line_remove(line=line),
)


# --- personal data (PIPL/GDPR requests): the account owner's and administrators' ----------------------


class EraseIn(InSchema):
    confirm: str = Field(..., max_length=200, description="the person's current name, as a confirmation")


class ErasedOut(Schema):
    id: int
    name: str
    placeholder: bool


def _owned_person(request, person_id: int) -> Person:
    return get_for(user_of(request), Person.objects.select_related("account"), "own", pk=person_id)


@router.get(
    "/people/{id}/export",
    response={200: dict, **ERRORS},
    summary="Everything about one person (PIPL/GDPR access request)",
    description=(
        "The account owner's or an administrator's (others: 404). The person's fields, history, deal roles, "
        "interactions, action items, influence links, mail records, suggestions and comments (docs/security.md). "
        "Recorded in the account's audit log."
    ),
)
def person_export_route(request, id: int = IdPath()):
    person = _owned_person(request, id)
    data = json.loads(person_export_json(person=person))
    audit_record(
        action=Action.EXPORT, account=person.account, user=user_of(request), via="api", what="person", id=id
    )
    return data


@router.post(
    "/people/{id}/erase",
    response={200: ErasedOut, **ERRORS},
    summary="Erase one person's personal data (PIPL/GDPR erasure request)",
    description=(
        "The account owner's or an administrator's (others: 404). `confirm` must be the person's current name "
        "(422 naming `confirm` otherwise). Removes their data from the map, its history, mail records and "
        "suggestions; an anonymous placeholder keeps their place (docs/security.md). Recorded in the audit log."
    ),
)
def person_erase_route(request, body: EraseIn, id: int = IdPath()):
    person = _owned_person(request, id)
    check_erase_confirmation(person, body.confirm)
    placeholder = person_erase(person=person, by=user_of(request))
    return {"id": placeholder.pk, "name": placeholder.name, "placeholder": placeholder.placeholder}
