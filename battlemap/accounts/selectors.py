"""Reads of accounts, always through the access gate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, QuerySet, Subquery

from battlemap.accounts.models import RESTORE_DAYS, Account
from battlemap.audit.models import AuditEntry
from battlemap.teams.models import Membership


def matching(accounts: QuerySet[Account], search: str) -> QuerySet[Account]:
    """The accounts whose name (characters or pinyin, `name_key`) or slug holds the search term: the whole
    term (pinyin typed with spaces, "hua dong") or each of its words ("华东 能源"); all of them for "".
    When none does, the names holding the term's characters or initials in order, others between
    (`_in_order`; `searched_loosely` says so): users leave out 市 or 省 and type a name's initials that way —
    深圳智慧 and szzh find 深圳市智慧交通集团有限公司 (a first-week seller's searches found nothing)."""
    found = _as_typed(accounts, search)
    loose = _in_order(search)
    if loose is None or found.exists():
        return found
    return accounts.filter(loose)


def searched_loosely(accounts: QuerySet[Account], search: str) -> bool:
    """Whether `matching` gave the accounts holding the term's characters in order, no account holding it as
    typed: the portfolio says so, so that a seller checking whether 华能 is an account is not shown 华东能源
    as if it were."""
    return _in_order(search) is not None and not _as_typed(accounts, search).exists()


def _as_typed(accounts: QuerySet[Account], search: str) -> QuerySet[Account]:
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


_HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,20}$")
_INITIALS = re.compile(r"^[a-z]{2,12}$")


def _in_order(term: str) -> Q | None:
    """The filter of names holding the term's characters in order (two to twenty Chinese characters), or of
    initials holding its letters in order (two to twelve: the part of `name_key` after its space); None for any
    other term."""
    term = term.strip().replace(" ", "")
    if _HAN.match(term):
        return Q(name__regex=".*".join(re.escape(c) for c in term))
    if _INITIALS.match(term.lower()):
        return Q(name_key__regex=" .*" + ".*".join(term.lower()))
    return None


def free_slug(name: str) -> str:
    """A slug suggested for a new account called `name` (pinyin for Chinese) that no account, not even a
    deleted one, uses yet (core.text.free_slug); empty when the name gives none."""
    from battlemap.accounts.models import RESERVED_SLUGS
    from battlemap.core.text import free_slug as free

    return free(name, among=Account.all_objects, reserved=RESERVED_SLUGS)


def namesakes(user, account: Account) -> list[Account]:
    """The other accounts `user` may see that bear `account`'s name (a map imported twice makes a second
    account of one customer under another slug; the lists then show two of one name)."""
    return [a for a in accounts_named(user, account.name) if a.pk != account.pk]


def accounts_named(user, name: str) -> list[Account]:
    """The accounts `user` may see whose name is `name` as names match (`io.matching.match_name`: case, spacing and
    full-width forms aside), their legal forms aside (`core.text.without_legal_form`: 华东省能源投资集团有限公司 is
    华东省能源投资集团), by slug; one query on the indexed pinyin key's start."""
    from battlemap.core.access import accounts_visible_to
    from battlemap.core.text import name_key, without_legal_form
    from battlemap.io.cleaning import tidy_text
    from battlemap.io.matching import match_name

    def key(text: str) -> str:  # a company's name: "Dr." is part of it
        return match_name(without_legal_form(tidy_text(text)), person=False)

    wanted = key(name)
    if not wanted:
        return []
    start = name_key(without_legal_form(tidy_text(name))).split(" ")[0]
    found = accounts_visible_to(user).filter(name_key__startswith=start).order_by("slug")
    return [a for a in found if key(a.name) == wanted]


def deleted_accounts(user) -> list[Account]:
    """The deleted accounts `user` may restore (their own; every one for an administrator or for None, the
    installation: the command line), newest deletion
    first, each with `restorable_until` (an aware datetime: deleted_at + models.RESTORE_DAYS days, after which
    `battlemap purge-accounts` may remove it) and `deleted_by` (the user, from the audit log; None when the
    command line deleted it, or the user is gone: `deleted_by_name` keeps the name the log wrote)."""

    deletion = AuditEntry.objects.filter(account=OuterRef("pk"), what="deleted").order_by("-at", "-pk")
    rows = (
        Account.all_objects.filter(deleted_at__isnull=False)
        .select_related("owner")
        .annotate(
            deleted_by_id=Subquery(deletion.values("actor")[:1]),
            deleted_by_name=Subquery(deletion.values("actor_name")[:1]),
        )
    )
    if user is not None and not user.is_superuser:
        rows = rows.filter(owner=user)
    accounts = list(rows.order_by("-deleted_at", "slug"))
    users = get_user_model().objects.in_bulk({a.deleted_by_id for a in accounts if a.deleted_by_id})
    for account in accounts:
        account.restorable_until = account.deleted_at + timedelta(days=RESTORE_DAYS)
        account.deleted_by = users.get(account.deleted_by_id)  # None: the installation (the command line)
    return accounts


def owner_or_admin(by, account: Account) -> bool:
    """Whether `by` is the account's owner or an administrator; `by` None is the installation itself (the CLI without
    --user, the demo)."""
    return by is None or by.is_superuser or by.pk == account.owner_id


def _managed_members(by, account: Account):
    """The teams `by` manages that reach `account` (its team, or a team its owner is a member of): a
    values("team_id") query, empty when he manages none of them."""
    from battlemap.core.access import managed_team_ids

    owners_teams = Membership.objects.filter(user_id=account.owner_id).values("team_id")
    return Membership.objects.filter(team_id__in=managed_team_ids(by)).filter(
        Q(team_id=account.team_id) | Q(team_id__in=owners_teams)
    )


def may_hand_over(by, account: Account) -> bool:
    """Whether `by` may hand `account` over: its owner, an administrator (or the installation, `by` None), or a
    manager of the account's team or of a team its owner is on — a seller who leaves cannot hand over his own
    accounts, and his manager should not have to wait for an administrator (an administrator's trial). A
    deactivated `by` hands nothing over, as the gate shows them nothing (`battlemap handover --from … --user U`)."""
    if by is not None and not by.is_active:
        return False
    return owner_or_admin(by, account) or _managed_members(by, account).exists()


def handover_candidates(by, account: Account):
    """The active users `by` may hand `account` to (a User queryset, the owner left out): anyone for an
    administrator or the installation; for the owner, the members of the account's team (so the owner, on it,
    still sees it); for a manager (`may_hand_over`), those and the members of the teams he manages that reach
    the account (he keeps seeing it as his reps'), and himself. The form's choices and the service's check."""
    from django.contrib.auth import get_user_model

    users = get_user_model()._default_manager.filter(is_active=True).exclude(pk=account.owner_id)
    if by is not None and not by.is_active:  # may_hand_over: they hand nothing over
        return users.none()
    if by is None or by.is_superuser:
        return users.order_by("username")
    teams = Q(memberships__team_id=account.team_id) if account.team_id else Q(pk__in=[])
    if (
        by.pk != account.owner_id
    ):  # a manager: his reps, or himself (a shared account offered him, an unshared not)
        teams |= Q(pk=by.pk) | Q(
            memberships__team_id__in=_managed_members(by, account).values("team_id"),
            memberships__role=Membership.Role.MEMBER,
        )
    return users.filter(teams).distinct().order_by("username")


def handover_scope(by, owner) -> tuple[list[Account], int]:
    """The accounts `owner` owns (deleted ones left out) that `by` may hand over (`may_hand_over`: an
    administrator, or a manager of a team that reaches the account), by name; and how many more `owner` owns that
    `by` may not hand over (an administrator or their other manager can)."""
    owned = list(Account.objects.filter(owner=owner).select_related("owner", "team").order_by("name", "pk"))
    mine = [account for account in owned if may_hand_over(by, account)]
    return mine, len(owned) - len(mine)


def common_handover_candidates(by, accounts: list[Account]) -> QuerySet:
    """The active users `by` may hand every one of `accounts` to (each account's `handover_candidates`,
    intersected), by username; none for no accounts."""
    common: set[int] | None = None
    for account in accounts:
        ids = set(handover_candidates(by, account).values_list("pk", flat=True))
        common = ids if common is None else common & ids
    return get_user_model()._default_manager.filter(pk__in=common or ()).order_by("username")


@dataclass(frozen=True)
class Held:
    """What users who leave still hold, which someone must take over: `accounts` they own (deleted ones left
    out), by slug; `open_items`: how many open action items of live accounts' deals are theirs — a won or lost
    deal's too (after-sale work), as a handover moves them (accounts.services.handover.account_handover)."""

    accounts: list[Account]
    open_items: int


def held_by(users) -> Held:
    """What `users` (a list or queryset of users) still hold (Held): read before deactivating them —
    `battlemap demo --disable` refuses without `--to` when they own an account (demo.services), the admin warns
    when an unticked user holds anything (teams.admin)."""
    from battlemap.deals.models import ActionItem  # deals imports accounts

    accounts = list(Account.objects.filter(owner__in=users).select_related("owner").order_by("slug"))
    items = ActionItem.objects.still_open().filter(owner__in=users, deal__account__deleted_at__isnull=True)
    return Held(accounts=accounts, open_items=items.count())


def account_owners(user) -> list[tuple[str, str]]:
    """The owners of the accounts `user` may see, as the owner filters of the portfolio and the pipeline list
    them: (username — the filter's value, the name shown — `core.text.colleague_label`, as the Owner columns show
    it: "dave (deactivated)" for a seller who left), in name order (`core.text.in_name_order`). The filter listed
    "demo" where the column said "Demo Rep"."""
    from battlemap.core.access import accounts_visible_to
    from battlemap.core.text import colleague_label, in_name_order, user_name

    owners = get_user_model().objects.filter(pk__in=accounts_visible_to(user).values("owner_id"))
    return [(u.get_username(), colleague_label(u)) for u in in_name_order(owners, user_name)]


def unit_labels(*, account: Account) -> dict[int, str]:
    """Each org unit of `account` as the web names it, by id: its name — or, where another unit of the account
    bears that name (as departments match, `io.matching.department_key`), its name after as many of its parent
    units as tell it apart, joined as a path is written (`io.tabular.unit_paths.PATH_JOINER`): a group's nine
    subsidiaries each with a 财务资产部 are `华东能投财务有限公司 › 财务资产部`, … in the person form's list of
    departments, the people list and the coverage grid (the person form's SEVERAL_DEPARTMENTS asks the user to
    choose one in that list). One query."""
    from battlemap.io.matching import department_key
    from battlemap.io.tabular.unit_paths import PATH_JOINER

    units = {
        pk: (name, parent) for pk, name, parent in account.org_units.values_list("pk", "name", "parent_id")
    }
    by_name: dict[str, list[int]] = {}
    for pk, (name, _parent) in units.items():
        by_name.setdefault(department_key(name), []).append(pk)
    labels = {pk: name for pk, (name, _parent) in units.items()}
    for same in (pks for pks in by_name.values() if len(pks) > 1):
        paths = {pk: [units[pk][0]] for pk in same}
        above = {pk: units[pk][1] for pk in same}
        for _level in units:  # one parent more for those still alike, until each is told apart or at its top
            shown: dict[str, list[int]] = {}
            for pk in same:
                shown.setdefault(PATH_JOINER.join(reversed(paths[pk])), []).append(pk)
            alike = [pk for pks in shown.values() if len(pks) > 1 for pk in pks if above[pk] in units]
            if not alike:
                break
            for pk in alike:
                paths[pk].append(units[above[pk]][0])
                above[pk] = units[above[pk]][1]
        labels.update({pk: PATH_JOINER.join(reversed(paths[pk])) for pk in same})
    return labels
