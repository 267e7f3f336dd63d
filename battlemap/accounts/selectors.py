"""Reads of accounts, always through the access gate."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from battlemap.accounts.models import Account


def matching(accounts: QuerySet[Account], search: str) -> QuerySet[Account]:
    """The accounts whose name (characters or pinyin, `name_key`) or slug holds the search term: the whole
    term (pinyin typed with spaces, "hua dong") or each of its words ("华东 能源"); all of them for ""."""
    term = search.strip()
    if not term:
        return accounts
    whole = (
        Q(name__icontains=term)
        | Q(name_key__icontains=term.lower().replace(" ", ""))
        | Q(slug__icontains=term)
    )
    words = Q()
    for word in term.split():
        words &= Q(name__icontains=word) | Q(name_key__icontains=word.lower()) | Q(slug__icontains=word)
    return accounts.filter(whole | words)


def free_slug(name: str) -> str:
    """A slug suggested for a new account called `name` (pinyin for Chinese) that no account, not even a
    deleted one, uses yet (core.text.free_slug); empty when the name gives none."""
    from battlemap.accounts.models import RESERVED_SLUGS
    from battlemap.core.text import free_slug as free

    return free(name, among=Account.all_objects, reserved=RESERVED_SLUGS)


def namesakes(user, account: Account) -> list[Account]:
    """The other accounts `user` may see that bear `account`'s name exactly (a map imported twice makes a second
    account of one customer under another slug; the lists then show two of one name)."""
    from battlemap.core.access import accounts_visible_to

    return list(accounts_visible_to(user).filter(name=account.name).exclude(pk=account.pk).order_by("slug"))


def deleted_accounts(user) -> list[Account]:
    """The deleted accounts `user` may restore (their own; every one for an administrator), newest deletion
    first, each with `restorable_until` (an aware datetime: deleted_at + services.RESTORE_DAYS days, after which
    `battlemap purge-accounts` may remove it)."""
    from datetime import timedelta

    from battlemap.accounts.services import RESTORE_DAYS

    rows = Account.all_objects.filter(deleted_at__isnull=False).select_related("owner")
    if not user.is_superuser:
        rows = rows.filter(owner=user)
    accounts = list(rows.order_by("-deleted_at", "slug"))
    for account in accounts:
        account.restorable_until = account.deleted_at + timedelta(days=RESTORE_DAYS)
    return accounts
