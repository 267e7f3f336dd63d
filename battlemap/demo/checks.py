"""A system check (`battlemap check`, and at the start of `serve`, `worker` and `migrate`): the demo's users still
sign in with their published passwords — an installation that once loaded the demo and went into production use
keeps them, and anyone who read the README may sign in as them (docs/operations.md: the demo's users)."""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from battlemap.core.multilingual import active_language
from battlemap.punctuation import join_names

DEMO_LOGINS_OPEN = "demo.W001"


@register(Tags.security)
def demo_logins_open(app_configs, **kwargs) -> list[Warning]:  # noqa: ANN001 - Django's check signature
    from battlemap.demo.selectors import demo_users_with_published_password

    try:
        users = demo_users_with_published_password()
    except DatabaseError:  # a database not migrated (serve and worker refuse it next, saying so)
        return []
    if not users:
        return []
    names = join_names(active_language(), [user.username for user in users])
    return [
        Warning(
            ngettext(
                "the demo's user %(names)s still has the demo's published password: anyone may sign in as them",
                "the demo's users %(names)s still have the demo's published passwords: anyone may sign in as them",
                len(users),
            )
            % {"names": names},
            hint=_(
                "disable them: `battlemap demo --disable --to USER` (the accounts they own go to USER); "
                "docs/operations.md, The demo's users"
            ),
            id=DEMO_LOGINS_OPEN,
        )
    ]
