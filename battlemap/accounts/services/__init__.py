"""Writes to accounts, their org units, external factors, the portrait and reporting lines.

The only writers of these models (web, API, CLI all call them). Every write validates the model
(ValidationError naming the field), refuses a stale edit (core.services.StaleEdit) and is kept in
history (simple-history records who made it).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import (
    COMPANY_NAME_MAX,
    COMPANY_NAMES_MAX,
    RESTORE_DAYS,
    Account,
    OrgUnit,
)
from battlemap.accounts.selectors import accounts_named, free_slug, owner_or_admin
from battlemap.audit.services import Action as AuditAction
from battlemap.audit.services import audit_record
from battlemap.core.history_stamp import stamped
from battlemap.core.multilingual import active_language
from battlemap.core.services import (
    apply_changes,
    create_validated,
    delete_versioned,
    lock_row,
    refuse_namesake,
    update_versioned,
)
from battlemap.io.company_names import account_company_keys, company_key
from battlemap.io.matching import department_key
from battlemap.punctuation import aside, join_names
from battlemap.teams.models import Membership
from battlemap.teams.selectors import only_team_of

ACCOUNT_FIELDS = (
    "slug",
    "name",
    "industry",
    "size",
    "region",
    "segments",
    "company_names",
    "potential_value",
    "currency",
    "lifecycle",
    "strategic_goals",
    "needs",
    "pains",
    "buying_behaviour",
    "notes",
    "team",
)
PORTRAIT_FIELDS = ("strategic_goals", "needs", "pains", "buying_behaviour", "notes")
ORG_UNIT_FIELDS = ("name", "parent")

# said alike of another's team and of an id no team has (the API, the map import): an outsider learns nothing
NOT_A_TEAM_MEMBER = _("Not one of your teams: share the account with a team you are on.")
ONLY_OWNER_MAY = _("Only the account's owner or an administrator may change its owner or team.")
OWNER_INACTIVE = _("This user is deactivated: give the account to someone who works on it.")
OWNER_NOT_ON_TEAM = _("The new owner must be you or a member of the account's team.")
SLUG_FIXED = _(
    "An account's address (slug) does not change: links, bookmarks and scripts reach the account by it."
)
ONLY_OWNER_DELETES = _("Only the account's owner or an administrator may delete the account.")
NO_SLUG_FROM_NAME = _(
    "The name gives no address (it has no letters, digits or Chinese characters): type one, in letters, digits "
    "and hyphens."
)
SLUG_ATTEMPTS = 5  # a slug made from the name, taken by a concurrent create, is made again this often
SLUG_OF_DELETED = _(
    "“%(slug)s” is the address of %(name)s, a deleted account: restore it from Deleted accounts (until "
    "%(until)s) or choose another slug."
)
PURGE_TOO_SOON = _(
    "Give at least %(most)s days: a deleted account can be restored for %(most)s days, so none is removed sooner."
)


def _check_team(*, by, team) -> None:
    """Only a member of a team may share an account with it (superusers may share with any)."""
    if by is None or team is None or by.is_superuser:
        return
    if not Membership.objects.filter(user=by, team=team).exists():
        raise ValidationError({"team": NOT_A_TEAM_MEMBER})


# --- accounts ---------------------------------------------------------------------------------------


class _CreatorsTeam:
    """The `team` of `account_create` when none is given (see CREATORS_TEAM)."""

    def __repr__(self) -> str:
        return "CREATORS_TEAM"


# account_create(team=CREATORS_TEAM), the default: no team was given, so the account is shared with the
# creator's team when they are on exactly one, and unshared when they are on none or several (which of
# them is the creator's choice). team=None is an explicit "unshared".
CREATORS_TEAM = _CreatorsTeam()


def team_for_new_account(creator) -> Any:
    """The team a new account is shared with when its creator names none: their team when they are on
    exactly one (teammates see it at once), else None — a choice among several is theirs to make. The web
    forms preset it; `account_create` applies it to the API, the CLI and the map import."""
    return only_team_of(creator)


ALREADY_AN_ACCOUNT = _(
    "You already see an account of this name: %(accounts)s. If it is the same customer, use it; if it is another "
    "customer of the same name, send another_account: true."
)


def check_no_namesake(*, user, name: str, message: Any = ALREADY_AN_ACCOUNT) -> None:
    """The rule for a new account on every road (the web's form, the API, `battlemap create-account`): a name that
    an account `user` may see bears already (`selectors.accounts_named`: case, spacing, full-width forms and legal
    forms aside) is a question, not a second account of one customer. ValidationError naming `name` (code
    "same_name"), `message` listing the accounts as "name (slug)" (%(accounts)s); callers skip it when the user
    says it is another customer of the same name."""
    lock_row(user)  # one check-then-create at a time per user
    same = accounts_named(user, name or "")
    if same:
        lang = active_language()
        listed = join_names(lang, [a.name + aside(lang, a.slug) for a in same])
        raise ValidationError({"name": ValidationError(message % {"accounts": listed}, code="same_name")})


def account_create(
    *, owner, slug: str | None = None, name: str, team: Any = CREATORS_TEAM, by=None, **fields: Any
) -> Account:
    """A new account owned by `owner`, shared with `team` (None: with nobody; CREATORS_TEAM, the default:
    with the only team of its creator, `by` or else `owner`, when they are on exactly one team, else with
    nobody). `by` (the acting user, if any) must belong to `team`, and own the account or give it to a
    member of `team` (`_check_owner`). Web, API, CLI and map import all create accounts here, so the rule
    is one. No `slug` (None or ""): one made from the name, pinyin for Chinese, that no account uses yet
    (`selectors.free_slug`), as the web's form suggests it.

    fields: any of ACCOUNT_FIELDS. Errors: ValidationError naming the field (slug taken or reserved,
    team not yours…)."""
    if team is CREATORS_TEAM:
        team = team_for_new_account(by if by is not None else owner)
    _check_team(by=by, team=team)
    _check_owner(by=by, owner=owner, team=team)  # a rep giving it to another, unshared, lost it at once
    chosen = bool(slug)
    for _attempt in range(SLUG_ATTEMPTS):
        if not chosen:
            slug = free_slug(name or "")
            if not slug:
                raise ValidationError({"slug": NO_SLUG_FROM_NAME})
        account = Account(owner=owner, slug=slug, name=name, team=team)
        apply_changes(account, fields, ACCOUNT_FIELDS)
        try:
            return create_validated(account)
        except ValidationError as error:
            # a slug we made was taken by another writer meanwhile (six accounts of one name created at once:
            # an integrator's trial got 422s naming a slug it never sent): make the next free one
            if chosen and set(error.message_dict) == {"slug"}:
                _tell_own_deleted(slug, by if by is not None else owner)
            if chosen or set(error.message_dict) != {"slug"} or _attempt == SLUG_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable: the last attempt returns or raises")


def _tell_own_deleted(slug: str, user) -> None:
    """The slug asked for is a deleted account's that `user` may restore (its owner, an administrator): say so —
    "not available" alone left its owner guessing (a fresh reviewer). Anyone else is told only "not available",
    as for any slug in use (a deleted account is in nobody else's view)."""
    deleted = Account.all_objects.filter(slug__iexact=slug, deleted_at__isnull=False).first()
    if deleted is not None and user is not None and owner_or_admin(user, deleted):
        until = timezone.localdate(deleted.deleted_at + timedelta(days=RESTORE_DAYS))
        raise ValidationError(
            {
                "slug": SLUG_OF_DELETED
                % {"slug": deleted.slug, "name": deleted.name, "until": until.isoformat()}
            }
        )


def _check_owner_and_team(*, account: Account, by, fields: dict[str, Any]) -> None:
    """Who owns the account and which team shares it change only by its owner or an administrator;
    a team is yours to share with, and the new owner is you or works in the account's team."""
    owner = fields.get("owner", account.owner)
    team = fields.get("team", account.team)
    changes = [
        n for n, now in (("owner", account.owner), ("team", account.team)) if n in fields and fields[n] != now
    ]
    if not changes or by is None:
        return
    if not by.is_superuser and by.pk != account.owner_id:
        raise ValidationError({changes[0]: ONLY_OWNER_MAY})
    if "team" in changes:
        _check_team(by=by, team=team)
    if "owner" in changes:
        _check_owner(by=by, owner=owner, team=team)


def _check_owner(*, by, owner, team) -> None:
    """An owner `by` may give an account: themselves or a member of its team (so `by`, on that team, still
    sees it); an administrator (or the installation, `by` None: the CLI) may give any active user — never a
    deactivated one (an administrator's trial: `create-account --owner` a seller who had left). ValidationError
    naming `owner` otherwise."""
    if owner is not None and not owner.is_active:
        raise ValidationError({"owner": OWNER_INACTIVE})
    if by is None or by.is_superuser:
        return
    on_team = team is not None and Membership.objects.filter(user=owner, team=team).exists()
    if owner is None or (owner.pk != by.pk and not on_team):
        raise ValidationError({"owner": OWNER_NOT_ON_TEAM})


def account_update(*, account: Account, version: int | None, by=None, **fields: Any) -> Account:
    """Change fields of ACCOUNT_FIELDS, and `owner`. Only the owner or an administrator changes the
    owner or the team (`by`, the acting user; None: the installation itself). A lifecycle change is
    kept in history (the timeline shows old → new). The slug never changes (SLUG_FIXED), as the web's form
    says: a slug sent is the account's own. Errors: StaleEdit; ValidationError naming the field."""
    if "slug" in fields and fields["slug"] != account.slug:
        raise ValidationError({"slug": SLUG_FIXED})
    _check_owner_and_team(account=account, by=by, fields=fields)
    before = {"owner": account.owner, "team": account.team}
    saved = update_versioned(account, version=version, changes=fields, allowed=(*ACCOUNT_FIELDS, "owner"))
    _audit_access(saved, by, before)
    return saved


def account_company_name_remember(*, account: Account, name: str) -> bool:
    """Keep `name`, a company of a people import's file taken as the account's (io.tabular.companies: by any
    rule), among the names the account is also written as (`Account.company_names`), unless the account's name
    or a name kept already gives it (`company_names.account_company_keys`): the next file writing the customer
    so is the account's too, even when it holds only new people (a second roster of 华东能投 for the account
    华东能源集团有限公司 came in as external people). Runs in the caller's transaction and history reason (the
    import's); the account's version moves on, as for any edit, and `account` is brought up to date. True when
    the name was new (never kept past the model's bounds: COMPANY_NAME_MAX characters, COMPANY_NAMES_MAX names).
    A wrong one is removed by editing the account (`account_update`)."""
    with transaction.atomic():
        current = Account.all_objects.select_for_update().get(pk=account.pk)
        known = account_company_keys(current.name, current.company_names)
        full = len(name) > COMPANY_NAME_MAX or len(current.company_names) >= COMPANY_NAMES_MAX
        if company_key(name) in known or full:
            return False  # known, or past the model's bounds: the import is not refused for a name it keeps
        names = [*current.company_names, name]
        saved = update_versioned(
            current, version=current.version, changes={"company_names": names}, allowed=("company_names",)
        )
    account.company_names, account.version, account.updated_at = (
        saved.company_names,
        saved.version,
        saved.updated_at,
    )
    return True


def _audit_access(account: Account, by, before: dict[str, Any]) -> None:
    """A new owner (a handover) or team (sharing) is an access change: one audit-log entry each."""

    def named(value) -> str:
        return "-" if value is None else getattr(value, "slug", None) or value.get_username()

    for field in ("owner", "team"):
        now = getattr(account, field)
        if now != before[field]:
            audit_record(
                action=AuditAction.ACCESS,
                account=account,
                user=by,
                what=field,
                before=named(before[field]),
                after=named(now),
            )


def account_delete(*, account: Account, by=None, via: str = "") -> None:
    """Delete the account: the owner's or an administrator's (PermissionDenied otherwise). Soft: it
    leaves every list and the gate at once and can be restored (`account_restore`) for RESTORE_DAYS
    days; `accounts_purge` then removes it and its whole map (history keeps every row)."""
    if not owner_or_admin(by, account):
        raise PermissionDenied(ONLY_OWNER_DELETES)
    with transaction.atomic():
        current = Account.all_objects.select_for_update().get(pk=account.pk)
        if current.deleted_at is None:
            current.deleted_at = timezone.now()
            with stamped(current):
                current.save(update_fields=["deleted_at", "version", "updated_at"])
            # in the audit log as a change of access (everyone loses it), who and when (a trial found none)
            audit_record(
                action=AuditAction.ACCESS,
                account=current,
                user=by,
                what="deleted",
                via=via,
                days=RESTORE_DAYS,
            )


def account_restore(*, slug: str, by=None, via: str = "") -> Account:
    """Bring back a deleted account (its map was never touched), in the audit log as a change of access by `by`
    (None: the installation) through `via`. Only its owner or an administrator restores it. Raises
    Account.DoesNotExist when no deleted account has this slug, or when `by` may not restore it (a deleted
    account is in nobody else's view: its name is not told)."""
    with transaction.atomic():
        account = Account.all_objects.select_for_update().get(slug=slug, deleted_at__isnull=False)
        if not owner_or_admin(by, account):
            raise Account.DoesNotExist
        account.deleted_at = None
        with stamped(account):
            account.save(update_fields=["deleted_at", "version", "updated_at"])
        audit_record(action=AuditAction.ACCESS, account=account, user=by, what="restored", via=via)
    return account


def accounts_purge(*, days: int = RESTORE_DAYS, now=None) -> list[str]:
    """Remove for good the accounts deleted more than `days` days ago, with their maps and every history row of
    them (people.services.erase.account_records_erase: nothing of a purged account is left to erase); returns
    their slugs. `days` below RESTORE_DAYS would break the restore promise: ValidationError naming `days`, nothing
    removed."""
    if days < RESTORE_DAYS:  # the promise every deleted account was given: restorable this long
        raise ValidationError({"days": PURGE_TOO_SOON % {"most": RESTORE_DAYS}})
    # imported here: people.services imports this module
    from battlemap.people.services.erase import account_records_erase

    cutoff = (now or timezone.now()) - timedelta(days=days)
    slugs = []
    for account in Account.all_objects.filter(deleted_at__lt=cutoff).order_by("slug"):
        slugs.append(account.slug)
        with transaction.atomic():  # the audit entry keeps the slug when the account goes
            audit_record(action=AuditAction.ACCESS, account=account, what="purged", days=days)
            delete_versioned(account)
            account_records_erase(account.pk)
    return slugs


def account_portrait_update(*, account: Account, version: int | None = None, **fields: Any) -> Account:
    """Change the portrait (PORTRAIT_FIELDS only). `version` None: no stale check (a caller that
    tracks none). Errors: StaleEdit; ValidationError naming the field."""
    version = account.version if version is None else version
    return update_versioned(account, version=version, changes=fields, allowed=PORTRAIT_FIELDS)


# --- org units --------------------------------------------------------------------------------------


def org_unit_create(*, account: Account, name: str, parent: OrgUnit | None = None) -> OrgUnit:
    """A department; `parent` must be of the same account (ValidationError naming `parent`)."""
    return create_validated(OrgUnit(account=account, name=name, parent=parent))


DEPARTMENT_THERE = _(
    "%(there)s is a department of this name in the same place already: use it, or give this one another name."
)


def check_department_free(
    *, account: Account, name: str, parent: OrgUnit | None, unit: OrgUnit | None = None
) -> None:
    """The rule for a department the API names (POST, and a PATCH or PUT that renames or moves `unit`): no other
    unit of `account` under the same `parent` (at the top: no other top-level one) has this name as departments
    match everywhere (`io.matching.department_key`: the import, the person form's new department, paste, which find
    a department by name and make none twice), else ValidationError naming `name` and that unit with its id — a sync
    that posted its departments each night made a second 信息中心 each time, and typing 信息中心 on the person form
    was then refused as ambiguous (`core.services.refuse_namesake`). A unit that keeps its name and its place (a
    PUT of what GET gave) is not asked. The account's row is held until the write's transaction ends."""
    siblings = account.org_units.filter(parent=parent).only("pk", "name")
    refuse_namesake(account, siblings, name, record=unit, key=department_key, message=DEPARTMENT_THERE)


def org_unit_update(*, unit: OrgUnit, version: int | None, **fields: Any) -> OrgUnit:
    """Rename or move a department (`name`, `parent`); no loops. Errors: StaleEdit; ValidationError."""
    return update_versioned(unit, version=version, changes=fields, allowed=ORG_UNIT_FIELDS)


def org_unit_delete(*, unit: OrgUnit, version: int | None = None) -> None:
    """Delete a department (its people stay, without a department)."""
    delete_versioned(unit, version=version)
