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
    """A slug suggested for a new account called `name` (pinyin for Chinese) that no account uses yet
    (a number added when needed); empty when the name gives none."""
    from battlemap.accounts.models import RESERVED_SLUGS
    from battlemap.core.text import slug_suggestion

    base = slug_suggestion(name)
    if not base:
        return ""
    taken = (
        set(Account.all_objects.filter(slug__startswith=base).values_list("slug", flat=True)) | RESERVED_SLUGS
    )
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
