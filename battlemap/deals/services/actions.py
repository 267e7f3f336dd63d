"""Writes to action items, the only writer of them: the deal's next steps, each about a person of the account
and done by a colleague who works on it (`_check_owner`), kept in history and brought back from it on undo.

Errors: ValidationError naming the field; core.services.StaleEdit for a stale edit.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from battlemap.core.access import can
from battlemap.core.history_stamp import LATEST_FIRST
from battlemap.core.services import create_validated, delete_versioned, update_versioned
from battlemap.core.text import user_name
from battlemap.deals.models import ActionItem, Deal
from battlemap.people.merge import merged_into
from battlemap.people.models import Person

ACTION_FIELDS = ("text", "person", "owner", "due", "done")
NOT_ON_ACCOUNT = _("No user of that name works on this account.")
OWNER_READS_ONLY = _(
    "%(name)s may see this account but not change it, so could not tick the action item off: give it to its "
    "owner or a member of its team."
)


def _check_owner(deal: Deal, owner) -> None:
    """An action item's owner works on the account: active and allowed to change it (core.access), so the item
    is theirs to tick off — a manager who reads only is refused (OWNER_READS_ONLY), anyone else NOT_ON_ACCOUNT."""
    if owner is None:
        return
    if not owner.is_active or not can(owner, deal.account, "view"):
        raise ValidationError({"owner": NOT_ON_ACCOUNT})
    if not can(owner, deal.account, "edit"):
        raise ValidationError({"owner": OWNER_READS_ONLY % {"name": user_name(owner)}})


def action_item_create(
    *,
    deal: Deal,
    text: str,
    owner=None,
    person: Person | None = None,
    due: date | None = None,
    done: bool = False,
) -> ActionItem:
    """An action in the deal, about `person` (of the account), done by `owner` (who works on it).

    Errors: ValidationError naming the field."""
    _check_owner(deal, owner)
    return create_validated(ActionItem(deal=deal, text=text, owner=owner, person=person, due=due, done=done))


def action_item_update(*, item: ActionItem, version: int | None, **fields: Any) -> ActionItem:
    """Change fields of ACTION_FIELDS (tick it done with done=True). The owner is checked (`_check_owner`) only
    when it changes: an item keeps an owner deactivated or gone from the account since (the API's GET given back,
    the web form saved with only the due day changed) until someone gives it to another.
    Errors: StaleEdit; ValidationError."""
    owner = fields.get("owner")
    if "owner" in fields and (owner.pk if owner is not None else None) != item.owner_id:
        _check_owner(item.deal, owner)
    return update_versioned(item, version=version, changes=fields, allowed=ACTION_FIELDS)


def action_item_delete(*, item: ActionItem, version: int | None = None) -> None:
    delete_versioned(item, version=version)


def action_item_restore(*, deal: Deal, item_id: int) -> ActionItem:
    """Bring back the action item `item_id` of `deal` as it was when deleted (the undo of the room's
    "deleted" message), from its history: same id, text, due day, owner and done; the person it was
    about while still on the map, or the record they were merged into since (people.merge.merged_into).
    Errors: ValidationError (no such deleted item of this deal, or it is back already)."""
    deleted = ActionItem.history.filter(id=item_id, deal_id=deal.pk).order_by(*LATEST_FIRST)
    last = deleted.first()
    if last is None or last.history_type != "-" or ActionItem.objects.filter(pk=item_id).exists():
        raise ValidationError(
            _("This action item cannot be brought back: it is not a deleted item of this deal.")
        )
    item = last.instance
    if item.person_id and not Person.objects.filter(pk=item.person_id, account_id=deal.account_id).exists():
        survivor = merged_into(item.person_id)  # merged away since: about the record they live on in
        on_map = (
            Person.objects.filter(pk=survivor, account_id=deal.account_id).exists() if survivor else False
        )
        item.person_id = survivor if on_map else None
    owner = get_user_model()._default_manager.filter(pk=item.owner_id, is_active=True).first()
    if owner is None or not can(owner, deal.account, "view"):
        item.owner = None  # gone, or no longer on the account
    item.version = 1
    return create_validated(item)
