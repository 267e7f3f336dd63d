"""Writes of the teams app: teams and who belongs to them (the createuser command and the demo call
them). Every write validates the model (ValidationError naming the field) and is kept in history."""

from __future__ import annotations

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from battlemap.audit.services import Action, audit_record
from battlemap.core.history_stamp import recorded
from battlemap.core.services import create_validated, delete_versioned, update_versioned
from battlemap.core.text import clean_line, free_slug, user_name
from battlemap.teams.models import Membership, Team, WarningSettings
from battlemap.teams.selectors import is_last_manager, is_newcomer, orphaned_coverage, orphaned_items

# A team keeps at least one manager once it has one: without one nobody but an administrator adds members
# or reviews the team's deals, and a manager who removed himself would lose the team page at once.
LAST_MANAGER = gettext_lazy(
    "%(user)s is the team's only manager: make another member a manager first, or ask an administrator."
)


def _audit_team_change(team: Team, by, what: str, **params) -> None:
    """A change of who is in a team changes who sees the accounts it shares: one entry on each of them."""
    from battlemap.accounts.models import Account  # accounts imports teams

    for account in Account.objects.filter(team=team):
        audit_record(action=Action.ACCESS, account=account, user=by, what=what, team=team.slug, **params)


def team_create(*, slug: str = "", name: str = "") -> Team:
    """A new team (`name` defaults to the slug; `slug` to one made from the name, as a new account's is:
    core.text.free_slug, pinyin for Chinese). Errors: ValidationError naming `slug` (taken, bad, or none
    given and the name gives none) or `name`."""
    slug = slug or free_slug(clean_line(name), among=Team.objects)
    if not slug and name.strip():
        raise ValidationError({"slug": _("The name gives no slug: type one (letters, digits and hyphens).")})
    return create_validated(Team(slug=slug, name=name or slug))


# A manager may add only a newcomer; said the same whether the name is another user's or nobody's, so that the
# form does not tell a manager which user names exist (an administrator's trial read them off the two messages)
NOT_A_NEWCOMER = _(
    "A team's manager adds only a newcomer — a user who owns no account and is in no other team: check the name, "
    "or ask an administrator to add them (joining your team would show their accounts to its managers)."
)


def membership_add(*, team: Team, user, role: str = Membership.Role.MEMBER, by=None) -> Membership:
    """`user` joins `team` as a member or its manager (`by`: who adds them, for the audit log; None: the
    installation, as the CLI and the demo). Joining a team shows the user's own accounts to its managers
    (core.access), so a manager who is not an administrator may add only a newcomer: a user who owns no
    account and belongs to no other team (and is no administrator); anyone else is added by an administrator. Errors:
    ValidationError naming `user` (already in the team; not a newcomer) or `role` (not a role)."""
    if Membership.objects.filter(team=team, user=user).exists():
        raise ValidationError({"user": _("This user is already in the team.")})
    if by is not None and not by.is_superuser:
        # an administrator is no newcomer: in a team he is offered as an owner and shares his new accounts
        # with it (a trial's manager pulled `admin` into his team)
        if user.is_superuser or not is_newcomer(user, team):
            raise ValidationError({"user": NOT_A_NEWCOMER})
    membership = create_validated(Membership(team=team, user=user, role=role))
    _audit_team_change(team, by, "member_joined", member=user.get_username(), role=str(role))
    return membership


def membership_set_role(
    *, membership: Membership, role: str, version: int | None = None, by=None
) -> Membership:
    """Make a member a manager of the team or back (a manager views the team's accounts; a member edits).

    Nobody but an administrator changes their own role: a manager who made himself a member would edit
    the accounts he may only view; the last manager stays one (LAST_MANAGER). Errors: ValidationError
    naming `role` (not a role, one's own, the last manager's); StaleEdit when `version` is not the current one."""
    if by is not None and by.pk == membership.user_id and not by.is_superuser:
        raise ValidationError(
            {"role": _("You cannot change your own role in a team: ask another manager or an administrator.")}
        )
    if role != Membership.Role.MANAGER and is_last_manager(membership):
        raise ValidationError({"role": LAST_MANAGER % {"user": user_name(membership.user)}})
    before = membership.role
    saved = update_versioned(membership, version=version, changes={"role": role}, allowed=("role",))
    if saved.role != before:
        who = saved.user.get_username()
        _audit_team_change(
            saved.team, by, "member_role", member=who, before=str(before), after=str(saved.role)
        )
    return saved


class Given(NamedTuple):
    """What went to the accounts' owners when a member stopped working on them: open action items, coverage."""

    items: list
    coverage: list


def membership_remove(*, membership: Membership, version: int | None = None, by=None) -> Given:
    """`membership.user` leaves the team: from now on the gate no longer lets them see its accounts
    (accounts they own stay theirs), and its managers no longer see the accounts of theirs not shared with
    it (selectors.removal_effect). Their open action items on the team's accounts they no longer see, and whom they
    cover in those accounts' open deals, go to each account's owner, each an edit with history (a sales manager's
    trial: the page told him to give them to someone else first, through a page he may not edit; a rep moved to
    another team still "covered" the decision maker of an account he could no longer open); returns them.
    History keeps the membership. Errors: ValidationError naming `user` (the team's last manager: LAST_MANAGER);
    StaleEdit."""
    from battlemap.core.access import accounts_visible_to

    if is_last_manager(membership):
        raise ValidationError({"user": LAST_MANAGER % {"user": user_name(membership.user)}})
    team, member = membership.team, membership.user
    with transaction.atomic():
        items = list(orphaned_items(membership).select_related("deal__account"))
        covered = list(orphaned_coverage(membership).select_related("stakeholder__deal__account"))
        delete_versioned(membership, version=version)
        # only these accounts asked about, not all they see
        theirs = {item.deal.account_id for item in items} | {c.stakeholder.deal.account_id for c in covered}
        still_seen = set(accounts_visible_to(member).filter(pk__in=theirs).values_list("pk", flat=True))
        given = Given(
            items_to_account_owners(items=[item for item in items if item.deal.account_id not in still_seen]),
            coverage_to_account_owners(
                coverage=[c for c in covered if c.stakeholder.deal.account_id not in still_seen]
            ),
        )
        _audit_team_change(team, by, "member_left", member=member.get_username())
    return given


# what the team page and `battlemap handover --from` say of the items items_to_account_owners gave (`% {"count": n}`)
ITEMS_GIVEN = ngettext_lazy(
    "%(count)d open action item went to its account's owner.",
    "%(count)d open action items went to their accounts' owners.",
    "count",
)


def items_to_account_owners(*, items: list) -> list:
    """Give each open action item of `items` (with `deal__account` selected) to its account's owner, each an
    edit with history — whom a member's items go to when they stop working on the team's accounts (removed
    from the team: membership_remove; their accounts handed over: member_accounts_handover). Returns `items`."""
    for item in items:
        owner = item.deal.account.owner
        update_versioned(item, version=item.version, changes={"owner": owner}, allowed=("owner",))
    return items


# what they say of the coverage coverage_to_account_owners gave (`% {"count": n}`)
COVERAGE_GIVEN = ngettext_lazy(
    "%(count)d stakeholder they covered is now covered by the account's owner.",
    "%(count)d stakeholders they covered are now covered by their accounts' owners.",
    "count",
)


def coverage_to_account_owners(*, coverage: list) -> list:
    """Give each of `coverage` (with `stakeholder__deal__account` selected) to its account's owner
    (deals.services.coverage_give: an edit with history, once), as items_to_account_owners gives the items.
    Returns `coverage`."""
    from battlemap.deals.services import coverage_give  # deals imports accounts, which imports teams

    for row in coverage:
        coverage_give(coverage=row, to=row.stakeholder.deal.account.owner)
    return coverage


def member_accounts_handover(
    *, memberships: list[Membership], accounts: list, to, note: str, by=None, versions: dict | None = None
) -> tuple[list, Given]:
    """A seller who leaves: every account of `accounts` (theirs) handed over to `to` with `note`
    (accounts.services.handover.accounts_handover: its rules, errors, history and the items on those accounts),
    and, in the same transaction, their open action items in the open deals of the other accounts of the teams of
    `memberships` (all theirs: `orphaned_items`) given to each account's owner, as removing them from the team does
    (items_to_account_owners), and whom they cover in those accounts' open deals likewise (`orphaned_coverage`,
    coverage_to_account_owners), the note in history. All or none. Returns (the accounts handed over, what was
    given); errors as accounts_handover's."""
    from battlemap.accounts.services.handover import accounts_handover  # accounts imports teams

    with transaction.atomic():
        done = accounts_handover(accounts=accounts, to=to, note=note, by=by, versions=versions)
        items, covered = {}, {}
        for membership in memberships:
            for item in orphaned_items(membership).select_related("deal__account__owner"):
                items.setdefault(item.pk, item)
            for row in orphaned_coverage(membership).select_related("stakeholder__deal__account__owner"):
                covered.setdefault(row.pk, row)
        with recorded(reason=clean_line(note)):
            given = Given(
                items_to_account_owners(items=list(items.values())),
                coverage_to_account_owners(coverage=list(covered.values())),
            )
    return done, given


WARNING_FIELDS = ("stale_days", "close_slip_days", "stage_limit_days")


def warning_settings_set(*, team: Team, changes: dict, version: int | None = None) -> WarningSettings:
    """Set the team's warning thresholds (`changes`: any of WARNING_FIELDS; None or {} = the default).

    The first save creates the row; later saves refuse a stale `version` (StaleEdit). Errors:
    ValidationError naming the field (e.g. `stage_limit_days` with a stage outside 0..365 days)."""
    current = WarningSettings.objects.filter(team=team).first()
    if current is None:
        fields = {k: v for k, v in changes.items() if k in WARNING_FIELDS}
        return create_validated(WarningSettings(team=team, **fields))
    return update_versioned(current, version=version, changes=changes, allowed=WARNING_FIELDS)
