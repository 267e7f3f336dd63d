"""Writes of the demo beyond its loading (demo.loader): disabling its users once the installation is in
production use. Their passwords are published (README: demo / demo, manager / manager)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from battlemap.accounts.selectors import held_by
from battlemap.accounts.services.handover import accounts_handover
from battlemap.core.multilingual import active_language
from battlemap.demo.selectors import demo_users_with_published_password
from battlemap.punctuation import join_names
from battlemap.teams.models import Membership, Team
from battlemap.users.services import user_deactivate


@dataclass(frozen=True)
class DemoDisabled:
    users: list[str]  # the demo users disabled
    handed_over: list[str]  # the slugs of the accounts they owned, now `to`'s
    teams_without_manager: list[
        str
    ]  # the names of the teams a demo user managed that no active user manages now


def demo_users_disable(*, to=None) -> DemoDisabled:  # noqa: ANN001 - a User or None
    """Disable the demo's users that still sign in with its published passwords
    (`demo_users_with_published_password`; a user of that name with a password of its own is left as it is):
    each deactivated, password unusable, API tokens revoked (`users.services.user_deactivate`) — never deleted,
    so what they wrote stays. Accounts they own (the demo's, and any made since while signed in as them) are
    handed over to `to`, with the open action items of their open deals (`accounts.services.handover.accounts_handover`,
    a note in history); without `to`, or with `to` one of them, it refuses (ValidationError naming `to` and the
    accounts): an account owned by a user who cannot sign in is seen by no one but its team and administrators.
    All or nothing. `teams_without_manager` names the teams a demo user managed that have no active manager
    left: their reps' pages still work, but no one sees them as their manager until one is named."""
    users = demo_users_with_published_password()
    accounts = held_by(users).accounts
    lang = active_language()
    if accounts and (to is None or to in users):
        raise ValidationError(
            {
                "to": _(
                    "%(users)s own the accounts %(accounts)s: name with --to the user to hand them over to "
                    "(not a demo user), or hand them over first (`battlemap handover`)"
                )
                % {
                    "users": join_names(lang, sorted({a.owner.username for a in accounts})),
                    "accounts": join_names(lang, [a.slug for a in accounts]),
                }
            }
        )
    with transaction.atomic():
        accounts_handover(accounts=accounts, to=to, note=_("the demo's users were disabled"))
        for user in users:
            user_deactivate(user=user)
    managed = Team.objects.filter(memberships__user__in=users, memberships__role=Membership.Role.MANAGER)
    unmanaged = managed.exclude(
        pk__in=Membership.objects.filter(role=Membership.Role.MANAGER, user__is_active=True).values("team")
    )
    return DemoDisabled(
        users=[u.username for u in users],
        handed_over=[a.slug for a in accounts],
        teams_without_manager=sorted({t.name for t in unmanaged}),
    )
