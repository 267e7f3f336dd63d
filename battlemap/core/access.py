"""The one permission gate. Every page, API route, export and CLI path reaches accounts through here.

Rules (README, "Who sees what"): the owner and the members of the account's team may view and edit; a
manager — of the account's team, or of a team the owner belongs to — may view (review and coach, not
change: membership with the manager role grants no edit); superusers (the installation's administrators)
may do everything; anyone else gets 404, so outsiders cannot even learn that an account exists.
What only the owner may do (action 'own': a person's data export and erasure, the audit log) is the
owner's and the administrators', not the team's.
"""

from __future__ import annotations

from typing import Literal

from django.apps import apps
from django.db.models import Q, QuerySet
from django.http import Http404

Action = Literal["view", "edit", "own"]


# The gate is the ground floor every app stands on, so it names the two models it reads through
# Django's app registry instead of importing their apps (core imports no app).
def _account_model():
    return apps.get_model("accounts", "Account")


def _membership_model():
    return apps.get_model("teams", "Membership")


ACTIONS: tuple[Action, ...] = ("view", "edit", "own")


def _editable_q(user) -> Q:
    Membership = _membership_model()
    team_ids = Membership.objects.filter(user=user, role=Membership.Role.MEMBER).values("team_id")
    return Q(owner=user) | Q(team__in=team_ids)


def _managed_team_ids(user):
    Membership = _membership_model()
    return Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values("team_id")


def accounts_visible_to(user, action: Action = "view") -> QuerySet:
    """The accounts `user` may see (action 'view'), change (action 'edit') or owns (action 'own')."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    Account = _account_model()
    if user is None or not user.is_authenticated or not user.is_active:
        return Account.objects.none()
    if user.is_superuser:
        return Account.objects.all()
    if action == "own":
        return Account.objects.filter(owner=user)
    q = _editable_q(user)
    if action == "view":
        managed = _managed_team_ids(user)
        q |= Q(team__in=managed) | Q(
            owner__in=_membership_model().objects.filter(team__in=managed).values("user_id")
        )
    return Account.objects.filter(q).distinct()


def can(user, account, action: Action = "view") -> bool:
    return accounts_visible_to(user, action).filter(pk=account.pk).exists()


def get_account_for(user, slug: str, action: Action = "view"):
    """The account with this slug if `user` may do `action` on it; otherwise 404 (never 403).

    A viewer asking to edit also gets 404 here; views that want to tell a manager "read only" call
    `can(user, account, "edit")` after a successful view lookup instead.
    """
    try:
        return accounts_visible_to(user, action).get(slug=slug)
    except _account_model().DoesNotExist:
        raise Http404("No such account") from None


def get_for(user, queryset: QuerySet, action: Action = "view", account_field: str = "account", **lookup):
    """Any object of the map (deal, person, link…) reached through its account's permission; else 404."""
    visible = accounts_visible_to(user, action)
    try:
        return queryset.filter(**{f"{account_field}__in": visible}).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("Not found") from None


def get_account_as_admin(slug: str):
    """The account with this slug, for the installation's administrator (the CLI without --user); else 404."""
    try:
        return _account_model().objects.get(slug=slug)
    except _account_model().DoesNotExist:
        raise Http404("No such account") from None
