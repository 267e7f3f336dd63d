"""Reads of accounts, always through the access gate."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet

from battlemap.accounts.models import Account
from battlemap.core.access import accounts_visible_to


def account_list(*, user, search: str = "") -> QuerySet[Account]:
    """Accounts the user may see, with open-deal count and last contact; search by characters or pinyin."""
    accounts = accounts_visible_to(user).select_related("owner", "team")
    if search:
        term = search.strip()
        accounts = accounts.filter(
            Q(name__icontains=term)
            | Q(name_key__icontains=term.lower().replace(" ", ""))
            | Q(slug__icontains=term)
        )
    return accounts.annotate(
        open_deals=Count("deals", filter=Q(deals__status="open"), distinct=True),
        last_contact=Max("interactions__occurred_at"),
    )


def free_slug(name: str) -> str:
    """A slug suggested for a new account called `name` (pinyin for Chinese) that no account, not even a
    deleted one, uses yet (core.text.free_slug); empty when the name gives none."""
    from battlemap.accounts.models import RESERVED_SLUGS
    from battlemap.core.text import free_slug as free

    return free(name, among=Account.all_objects, reserved=RESERVED_SLUGS)
