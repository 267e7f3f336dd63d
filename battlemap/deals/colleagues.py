"""Who on our side a form offers: the fields that pick colleagues (named, a deactivated one marked so) and whom
each offers — an action item's owner (`core.access.editors_of`), a stakeholder's cover (`coverers`), an
interaction's people on our side (`our_people`)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from battlemap.core.access import viewers_of
from battlemap.core.forms import IdsChoiceField
from battlemap.core.text import colleague_label
from battlemap.deals.models import Coverage, Deal
from battlemap.people.models import Person


class UserChoiceField(IdsChoiceField):
    def label_from_instance(self, obj) -> str:
        return colleague_label(obj)


class OneUserField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return colleague_label(obj)


def our_people(account, interaction=None):
    """Whom an interaction's form offers as our people who took part: the colleagues who may see the account
    (`core.access.viewers_of`, what `interactions.services` takes), and those listed on `interaction` now,
    though deactivated or off the account since (marked so): a save that keeps them ticked keeps them. The
    form had offered the owner and the team's members, deactivated ones unmarked, and not the team's managers."""
    listed = interaction.our_participants.values("user_id") if interaction is not None else []
    return _viewers_and(account, listed)


def coverers(deal: Deal, person: Person | None):
    """Whom the role form offers to cover `person`: the colleagues coverage_add takes (`core.access.viewers_of`),
    and those covering them now, though deactivated or off the account since (marked so): a save that keeps them
    ticked keeps them (stakeholder_set adds only the new ones). A deactivated colleague had been offered, and
    refused on saving, while people the API takes were left out (a fresh reviewer's trial)."""
    covering = Coverage.objects.filter(stakeholder__deal=deal, stakeholder__person=person).values("user_id")
    return _viewers_and(deal.account, covering)


def _viewers_and(account, held):
    """The colleagues who may see `account` (`core.access.viewers_of`, not the installation's administrators, who
    see every account: the one who set the server up was offered as "our people" on every meeting form) and the
    users of `held` (ids: those a form keeps ticked though deactivated or off the account since), by username."""
    colleagues = viewers_of(account, administrators=False)
    return (
        get_user_model()
        ._default_manager.filter(Q(pk__in=colleagues.values("pk")) | Q(pk__in=held))
        .order_by("username")
    )
