"""Shared pieces of the `battlemap` management commands: user lookup and access with `--user`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.http import Http404

from battlemap.core.access import Action, get_account_as_admin, get_account_for


def user_named(username: str):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"no user named {username!r}") from None


def account_for_command(slug: str, username: str | None = None, action: Action = "view"):
    """The account by slug. Commands act as the installation's administrator unless --user applies a user's access."""
    if username is None:
        try:
            return get_account_as_admin(slug)
        except Http404:
            raise CommandError(f"no account with slug {slug!r} (see `battlemap accounts`)") from None
    user = user_named(username)
    try:
        return get_account_for(user, slug, action)
    except Http404:
        raise CommandError(f"no account with slug {slug!r} visible to {username!r}") from None
    except PermissionDenied as e:  # they may see it, not do this (core.access.READ_ONLY)
        raise CommandError(f"{username!r} may not do this on {slug!r}: {e}") from None
