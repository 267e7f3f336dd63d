"""API: interactions with the customer and who took part."""

from __future__ import annotations

from ninja import Router

from battlemap.core import crud
from battlemap.core.api import resolve_people, resolve_refs
from battlemap.deals.models import Deal
from battlemap.interactions import schemas as s
from battlemap.interactions import services
from battlemap.interactions.models import Interaction
from battlemap.people.models import Person

router = Router(tags=["interactions"])


def _refs(account_id: int, data: dict) -> dict:
    """The deal and the participants' ids as objects of this account; unknown ids are named."""
    data = resolve_refs(data, {"deal": Deal.objects.filter(account_id=account_id)})
    ids = data.get("participants")
    if ids is None:
        return data
    people = Person.objects.filter(account_id=account_id)
    return {**data, "participants": resolve_people(people, ids, "participants")}


def _listed(queryset):
    return queryset.select_related("account").prefetch_related("participants")


def _filtered(items, filters: s.InteractionFilter):
    items = crud.filter_sent(
        items, filters, "kind", "source_ref", deal="deal_id", person="participants__person_id"
    )
    if filters.since:
        items = items.filter(occurred_at__gte=services.aware(filters.since))
    if filters.until:
        items = items.filter(occurred_at__lte=services.aware(filters.until))
    return _listed(items)


crud.Resources(router, __name__, s, parent=crud.account_parent()).add(
    "interaction",
    summaries=crud.summaries("interaction", list="Interactions", create="Log an interaction", a="an"),
    collection="/interactions",
    queryset=lambda: _listed(Interaction.objects),
    apply_filters=_filtered,
    order_by=("-occurred_at", "-id"),
    create=lambda account, data, by: services.interaction_create(account=account, **_refs(account.pk, data)),
    update=lambda interaction, version, data, by: services.interaction_update(
        interaction=interaction, version=version, **_refs(interaction.account_id, data)
    ),
    delete=lambda interaction, by: services.interaction_delete(interaction=interaction),
)
crud.restore_route(
    router,
    __name__,
    "interaction",
    "interactions",
    lambda account, id: services.interaction_restore(account=account, interaction_id=id),
    summary="Bring back a deleted interaction, with who took part",
    description=(
        "The undo of `DELETE /interactions/{id}` (the account's editors): the interaction with the same id, its "
        "participants on both sides and an interview it held, from history — a participant deleted since stays "
        "out, a deal deleted since is not put back, both said in `notes`. 422 naming `interaction` when it is not "
        "a deleted interaction of this account or is back already."
    ),
)
