"""Shared pieces of the `battlemap` management commands: user lookup and access with `--user`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.checks import Tags
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from battlemap.core.access import Action, get_account_as_admin, get_account_for
from battlemap.punctuation import labelled


class DataCommand(BaseCommand):
    """The base of Battlemap's commands that read or write the data (all but `serve` and `worker`): only the
    model checks run at start. Django's default also checks the URLs, which imports every page and API module:
    on the 2-core machine that made each command take about 6 s, whatever it did (`battlemap jobs` 6.6 s,
    `export-map` 6.3 s), against about 1 s with the model checks. `battlemap check`, `migrate`, `serve` and
    `worker` still run every check."""

    requires_system_checks = [Tags.models]


def user_named(username: str, argument: str = ""):
    """The user `username`, or a CommandError in the CLI's language (`argument`: the option or argument
    that named them, said first: `USER: no user named 'nobody'`)."""
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        message = _("no user named %(name)s") % {"name": repr(username)}
        lang = get_language() or "en"
        raise CommandError(labelled(lang, argument, message) if argument else message) from None


def account_for_command(slug: str, username: str | None = None, action: Action = "view"):
    """The account by slug. Commands act as the installation's administrator unless --user applies a user's access."""
    if username is None:
        try:
            return get_account_as_admin(slug)
        except Http404:
            raise CommandError(
                _("no account with slug %(slug)s (see `battlemap accounts`)") % {"slug": repr(slug)}
            ) from None
    user = user_named(username)
    try:
        return get_account_for(user, slug, action)
    except Http404:
        raise CommandError(
            _("no account with slug %(slug)s visible to %(user)s")
            % {"slug": repr(slug), "user": repr(username)}
        ) from None
    except PermissionDenied as e:  # they may see it, not do this (core.access.READ_ONLY)
        raise CommandError(
            _("%(user)s may not do this on %(slug)s: %(reason)s")
            % {"user": repr(username), "slug": repr(slug), "reason": e}
        ) from None


def days_refused(exc: ValidationError) -> str:
    """A purge's refusal of its `--days` (a ValidationError naming `days`) as the CLI says it."""
    return labelled(get_language() or "en", "--days", " ".join(exc.messages))
