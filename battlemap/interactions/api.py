"""API: interactions with the customer and who took part."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from battlemap.core.access import get_account_for, get_for
from battlemap.core.api import (
    ERRORS,
    IdPath,
    IfMatch,
    Page,
    SlugPath,
    assign,
    check_refs,
    etag,
    page_of,
    paginate,
    save_new,
    update_versioned,
    user_of,
)
from battlemap.deals.models import Deal
from battlemap.interactions import schemas as s
from battlemap.interactions.models import Interaction, Participant
from battlemap.people.models import Person

router = Router(tags=["interactions"])


def _aware(moment):
    return timezone.make_aware(moment) if moment is not None and timezone.is_naive(moment) else moment


def _prepare(account_id: int, data: dict) -> list[int] | None:
    """Check references; pop and check the participants (None when not given)."""
    check_refs(data, {"deal": Deal.objects.filter(account_id=account_id)})
    if "occurred_at" in data:
        data["occurred_at"] = _aware(data["occurred_at"])
    participants = data.pop("participants", None)
    if participants is None:
        return None
    ids = sorted(set(participants))
    found = set(Person.objects.filter(account_id=account_id, pk__in=ids).values_list("pk", flat=True))
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(
            {
                "participants": _("No such person in this account: %(ids)s")
                % {"ids": ", ".join(map(str, missing))}
            }
        )
    return ids


def _set_participants(interaction: Interaction, ids: list[int] | None) -> None:
    if ids is None:
        return
    current = {p.person_id: p for p in interaction.participants.all()}
    for person_id, participant in current.items():
        if person_id not in ids:
            participant.delete()  # one by one, so history keeps who was removed
    for person_id in ids:
        if person_id not in current:
            Participant.objects.create(interaction=interaction, person_id=person_id)


def _listed(queryset):
    return queryset.select_related("account").prefetch_related("participants")


@router.get(
    "/accounts/{slug}/interactions",
    response={200: page_of(s.InteractionOut), **ERRORS},
    summary="Interactions",
)
def interaction_list(request, filters: Query[s.InteractionFilter], page: Query[Page], slug: str = SlugPath()):
    items = get_account_for(user_of(request), slug).interactions.all()
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.deal:
        items = items.filter(deal_id=filters.deal)
    if filters.person:
        items = items.filter(participants__person_id=filters.person)
    if filters.since:
        items = items.filter(occurred_at__gte=_aware(filters.since))
    if filters.until:
        items = items.filter(occurred_at__lte=_aware(filters.until))
    return paginate(_listed(items).order_by("-occurred_at", "-id"), page)


@router.post(
    "/accounts/{slug}/interactions", response={201: s.InteractionOut, **ERRORS}, summary="Log an interaction"
)
def interaction_create(request, payload: s.InteractionIn, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    data = payload.dict()
    ids = _prepare(account.id, data)
    interaction = Interaction(account=account)
    assign(interaction, data)
    with transaction.atomic():
        save_new(interaction)
        _set_participants(interaction, ids)
    return Status(201, _listed(Interaction.objects).get(pk=interaction.pk))


def _interaction(request, id: int, action: str = "view") -> Interaction:
    return get_for(user_of(request), _listed(Interaction.objects), action, pk=id)


@router.get("/interactions/{id}", response={200: s.InteractionOut, **ERRORS}, summary="One interaction")
def interaction_detail(request, response: HttpResponse, id: int = IdPath()):
    interaction = _interaction(request, id)
    response["ETag"] = etag(interaction)
    return interaction


def _interaction_update(request, id: int, data: dict, if_match: str | None) -> Interaction:
    interaction = _interaction(request, id, "edit")
    ids = _prepare(interaction.account_id, data)
    updated = update_versioned(
        interaction, data, if_match=if_match, after=lambda i: _set_participants(i, ids)
    )
    return _listed(Interaction.objects).get(pk=updated.pk)


@router.patch(
    "/interactions/{id}", response={200: s.InteractionOut, **ERRORS}, summary="Change an interaction"
)
def interaction_patch(
    request, payload: s.InteractionPatch, id: int = IdPath(), if_match: str | None = IfMatch()
):
    return _interaction_update(request, id, payload.dict(exclude_unset=True), if_match)


@router.put(
    "/interactions/{id}", response={200: s.InteractionOut, **ERRORS}, summary="Replace an interaction"
)
def interaction_put(request, payload: s.InteractionPut, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _interaction_update(request, id, payload.dict(), if_match)


@router.delete("/interactions/{id}", response={204: None, **ERRORS}, summary="Delete an interaction")
def interaction_delete(request, id: int = IdPath()):
    _interaction(request, id, "edit").delete()
    return Status(204, None)
