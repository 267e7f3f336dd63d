"""The one permission gate. Every page, API route, export and CLI path reaches accounts through here.

Rules (README, "Who sees what"): the owner and the members of the account's team may view and edit; a
manager — of the account's team, or of a team the owner belongs to — may view (review and coach, not
change: membership with the manager role grants no edit); superusers (the installation's administrators)
may do everything; anyone else gets 404, so outsiders cannot even learn that an account exists.
What only the owner may do (action 'own': a person's data export and erasure, the audit log) is the
owner's and the administrators', not the team's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from battlemap.core.history_stamp import LATEST_FIRST

Action = Literal["view", "edit", "own"]


# The gate is the ground floor every app stands on, so it names the two models it reads through
# Django's app registry instead of importing their apps (core imports no app).
def _account_model():
    return apps.get_model("accounts", "Account")


def _membership_model():
    return apps.get_model("teams", "Membership")


ACTIONS: tuple[Action, ...] = ("view", "edit", "own")

# what a reader of the account (a manager: view only) is told when they try to change it
READ_ONLY = {
    "edit": _("You may see this account but not change it: ask its owner or a member of its team."),
    "own": _("Only the account's owner or an administrator may do this."),
}


def _editable_q(user) -> Q:
    Membership = _membership_model()
    team_ids = Membership.objects.filter(user=user, role=Membership.Role.MEMBER).values("team_id")
    return Q(owner=user) | Q(team__in=team_ids)


def editors_of(account) -> QuerySet:
    """The active users who may change `account` by its own rules: its owner and the members of its team
    (a manager reads only; administrators, who may change any account, are not listed on each). The choices
    of who owns an action item — it is theirs to tick off."""
    from django.contrib.auth import get_user_model

    Membership = _membership_model()
    members = Membership.objects.filter(team_id=account.team_id, role=Membership.Role.MEMBER).values(
        "user_id"
    )
    q = Q(pk=account.owner_id) | (Q(pk__in=members) if account.team_id else Q(pk__in=[]))
    return get_user_model()._default_manager.filter(q, is_active=True).order_by("username")


def viewers_of(account, *, administrators: bool = True) -> QuerySet:
    """The active users who may view `account`: `accounts_visible_to`'s rules read from the account's side — its
    owner, the members and managers of its team, the managers of a team its owner belongs to, and the
    administrators (a user is here exactly when `can(user, account)`). Who may cover a stakeholder
    (deals.services.coverage_add). `administrators=False`: the account's colleagues alone — an administrator
    is here only by the account's own rules (its owner, on its team, a manager of the owner's team) —, whom the
    forms offer as our people (deals.colleagues)."""
    from django.contrib.auth import get_user_model

    Membership = _membership_model()
    owner_teams = Membership.objects.filter(user_id=account.owner_id).values("team_id")
    managers = Membership.objects.filter(team_id__in=owner_teams, role=Membership.Role.MANAGER).values(
        "user_id"
    )
    q = Q(pk=account.owner_id) | Q(pk__in=managers)
    if administrators:
        q |= Q(is_superuser=True)
    if account.team_id:
        q |= Q(pk__in=Membership.objects.filter(team_id=account.team_id).values("user_id"))
    return get_user_model()._default_manager.filter(q, is_active=True).order_by("username")


def managed_team_ids(user):
    """The ids of the teams `user` manages (a values("team_id") query, for `__in`): the one rule of "a
    manager's teams" — he views their accounts (accounts_visible_to), reviews his reps (the pipeline, This
    week) and runs their training. An administrator manages none by this: his view is every account."""
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
        managed = managed_team_ids(user)
        q |= Q(team__in=managed) | Q(
            owner__in=_membership_model().objects.filter(team__in=managed).values("user_id")
        )
    return Account.objects.filter(q).distinct()


def can(user, account, action: Action = "view") -> bool:
    """Whether `user` may do `action` ('view', 'edit' or 'own') on `account`, by `accounts_visible_to`'s
    rules: a bool where `get_account_for` gives 404/403. Raises ValueError for any other action."""
    return accounts_visible_to(user, action).filter(pk=account.pk).exists()


def get_account_for(user, slug: str, action: Action = "view"):
    """The account with this slug if `user` may do `action` on it. Someone who may see it but not do
    `action` (a manager asking to edit) gets 403 with `READ_ONLY`'s reason; anyone else 404, so an
    outsider cannot learn that the account exists."""
    try:
        return accounts_visible_to(user, action).get(slug=slug)
    except _account_model().DoesNotExist:
        if action != "view" and accounts_visible_to(user, "view").filter(slug=slug).exists():
            raise PermissionDenied(READ_ONLY[action]) from None
        raise Http404("No such account") from None


# what a row deleted meanwhile is said as, on the 410 page and in the API's 410 (one sentence, two surfaces)
DELETED_BY = _("%(what)s %(name)s was deleted by %(by)s at %(when)s.")
DELETED_AT = _("%(what)s %(name)s was deleted at %(when)s.")


class Gone(Http404):
    """A row of the map that someone deleted while the user had it open (`deleted`: its history's delete row,
    with who and when): a 404 that the page says as such, not as "not yours to see" (a team's trial: a colleague
    deleted the person a seller was editing, and the save read like an access problem). The page
    (`core.middleware.GoneMiddleware`) and the API (`battlemap.api`) answer it 410 by `said` and `facts`."""

    def __init__(self, deleted: Any) -> None:
        super().__init__("Deleted")
        self.deleted = deleted

    @property
    def model(self) -> str:
        """The deleted row's kind as the changes API names it (`person`, `influence_link`…)."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.deleted.instance_type.__name__).lower()

    @property
    def name(self) -> str:
        """The row's name as its model says it (`__str__`: a link's "宋涛 → 王建国"), the rows it names that were
        deleted with it read as their history last had them (a link deleted with its person named nobody: "Influence
        link  was deleted…", a reviewer's trial); "" only when even their history is gone."""
        try:
            return str(_with_deleted_ends(self.deleted.instance))
        except ObjectDoesNotExist:
            return ""

    def said(self, put: Callable[..., str] | None = None) -> str:
        """What was deleted, by whom and when, in the reader's language; `put` puts the values into the sentence
        (`core.messages.named` on a page; plain `%` by default)."""
        from django.utils.text import capfirst

        from battlemap.core.dates import moment_text
        from battlemap.core.text import user_name

        values = {
            "what": capfirst(self.deleted.instance_type._meta.verbose_name),
            "name": self.name,
            "when": moment_text(self.deleted.history_date),
        }
        text = DELETED_AT
        if self.deleted.history_user is not None:
            text, values["by"] = DELETED_BY, user_name(self.deleted.history_user)
        if put is not None:
            return put(str(text), **values)
        return str(text) % values


def _with_deleted_ends(instance: Any, depth: int = 3) -> Any:
    """`instance` (a deleted row as its history had it) with each row it names that is gone too put back as that
    row's history last had it (its latest row, `LATEST_FIRST`: of rows at one moment, the one written last) — and
    theirs, `depth` steps down (a coverage names its role, which names its deal and person: all three went with the
    deal) —, so that its own `__str__` can name it."""
    if depth <= 0:
        return instance
    for field in instance._meta.concrete_fields:
        if not field.is_relation or getattr(instance, field.attname) is None:
            continue
        try:
            getattr(instance, field.name)
        except ObjectDoesNotExist:
            history = getattr(field.related_model, "history", None)
            last = (
                history.filter(id=getattr(instance, field.attname)).order_by(*LATEST_FIRST).first()
                if history is not None
                else None
            )
            if last is not None:
                setattr(instance, field.name, _with_deleted_ends(last.instance, depth - 1))
    return instance


def _kept_on(model: Any, account_field: str, visible: QuerySet) -> Q:
    """The history rows of `model` whose account, along `account_field` (`account`, `deal__account`,
    `stakeholder__deal__account`), is one of `visible`: the first step by the id the row kept, each further one
    through the history of the row it names, so a row reached through a deal is found whether its deal is still
    there or went before it."""
    step, _, rest = account_field.partition("__")
    if not rest:
        return Q(**{f"{step}_id__in": visible})
    related = model._meta.get_field(step).related_model
    rows = getattr(related, "history", None)
    if rows is None:  # a model without history: its live rows
        return Q(
            **{f"{step}_id__in": related._default_manager.filter(**{f"{rest}__in": visible}).values("pk")}
        )
    return Q(**{f"{step}_id__in": rows.filter(_kept_on(related, rest, visible)).values("id")})


def get_for(user, queryset: QuerySet, action: Action = "view", account_field: str = "account", **lookup):
    """Any object of the map (deal, person, link…) reached through its account's permission: 403
    (`READ_ONLY`) for a reader of the account asking to change it; `Gone` for one deleted from an account the
    user may see (looked up by `pk`; one reached through another row too — a deal's role, a person's dotted line,
    a role's coverage —, alone or with that row: docs/api.md, "A row deleted meanwhile"); else 404."""
    try:
        return queryset.filter(**{f"{account_field}__in": accounts_visible_to(user, action)}).get(**lookup)
    except queryset.model.DoesNotExist:
        visible = accounts_visible_to(user, "view")
        if action != "view" and (
            queryset.filter(**{f"{account_field}__in": visible}).filter(**lookup).exists()
        ):
            raise PermissionDenied(READ_ONLY[action]) from None
        history = getattr(queryset.model, "history", None)
        if history is not None and "pk" in lookup:
            deleted = (
                history.filter(
                    _kept_on(queryset.model, account_field, visible), id=lookup["pk"], history_type="-"
                )
                .select_related("history_user")
                .order_by(*LATEST_FIRST)
                .first()
            )
            if deleted is not None:
                raise Gone(deleted) from None
        raise Http404("Not found") from None


def get_account_as_admin(slug: str):
    """The account with this slug, for the installation's administrator (the CLI without --user); else 404."""
    try:
        return _account_model().objects.get(slug=slug)
    except _account_model().DoesNotExist:
        raise Http404("No such account") from None
