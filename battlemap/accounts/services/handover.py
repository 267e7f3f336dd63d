"""Handing accounts over: one account (`account_handover`) or every account of a seller who leaves (`accounts_handover`); who may and to whom are read by
`accounts.selectors.may_hand_over` and `handover_candidates`. The only writer of an
account's owner besides `account_update`, whose owner rule (`_check_owner_and_team`) is the sharing one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.accounts.selectors import handover_candidates, may_hand_over
from battlemap.accounts.services import OWNER_INACTIVE, _audit_access
from battlemap.core.history_stamp import recorded
from battlemap.core.services import StaleEdit, update_versioned
from battlemap.core.text import clean_line
from battlemap.punctuation import sentences

ONLY_OWNER_HANDS_OVER = _(
    "Only the account's owner, a manager of the owner's or the account's team, or an administrator may hand the "
    "account over."
)
HANDOVER_NOT_A_CANDIDATE = _(
    "Give the account to an active member of its team, to a rep of a team you manage, or take it yourself: the new "
    "owner must be able to work on it."
)
# what refuses the owner's own handover to someone else (handover_candidates: an active member of the account's team)
OWNER_HANDS_TO_TEAM = _(
    "Its owner hands the account to an active member of its team; a manager of that team, or an administrator, "
    "may give it to someone else."
)
OWNER_HANDS_TO_NO_TEAM = _(
    "The account is shared with no team, so its owner may hand it to no one: share it with a team first, or ask a "
    "manager of your team or an administrator."
)
HANDOVER_NOTE_NEEDED = _(
    "Say why and what the new owner should know: the note is kept in the account's history."
)
HANDOVER_SAME_OWNER = _("This user already owns the account.")
HANDOVER_NOTE_MAX = 100  # history keeps the note whole as the change reason of every row changed


def account_handover(*, account: Account, to, note: str, by=None, version: int | None = None) -> Account:
    """Hand the account over to `to`, with a `note`: the owner changes and so do the open action items
    the old owner held on its deals — a won or lost deal's too: after-sale work such as the satisfaction survey
    the playbook asks for stayed with a rep who had left, whom nothing reminds — and who covers the stakeholders of
    its open deals (the old owner's coverage becomes the new owner's; a closed deal keeps who covered them then; its
    open deals follow the account, whose owner is theirs). Every row changed carries the note in history (the
    account's timeline shows it).

    Only the owner, a manager of the owner's or the account's team, or an administrator (`by`; None: the
    installation itself, the CLI) hands an account over (`may_hand_over`; PermissionDenied); the new owner is
    one of `handover_candidates`. Access follows the gate: the old owner keeps seeing the account only if it
    is shared with a team he is still on. `version`: the account's as the caller read it (None: the current one);
    a hand-over or edit made since refuses it. Errors: ValidationError naming `to` or `note`; StaleEdit."""
    if not may_hand_over(by, account):
        raise PermissionDenied(ONLY_OWNER_HANDS_OVER)
    note = clean_line(note or "")  # U+200B alone was a note no one could read
    if not note:
        raise ValidationError({"note": HANDOVER_NOTE_NEEDED})
    if len(note) > HANDOVER_NOTE_MAX:
        raise ValidationError({"note": _("At most %(n)s characters.") % {"n": HANDOVER_NOTE_MAX}})
    if to is not None and not to.is_active:
        raise ValidationError({"to": OWNER_INACTIVE})
    if to is not None and to.pk == account.owner_id:
        raise ValidationError({"to": HANDOVER_SAME_OWNER})
    if to is None or not handover_candidates(by, account).filter(pk=to.pk).exists():
        raise ValidationError({"to": not_a_candidate(by, account)})
    from battlemap.deals.models import ActionItem, Coverage
    from battlemap.deals.services import coverage_give

    from_owner = account.owner_id
    before = {"owner": account.owner, "team": account.team}
    with transaction.atomic(), recorded(reason=note):
        account = update_versioned(
            account,
            version=account.version if version is None else version,
            changes={"owner": to},
            allowed=("owner",),
        )
        _audit_access(account, by, before)
        items = (
            ActionItem.objects.still_open().filter(deal__account=account, owner_id=from_owner).order_by("id")
        )
        for item in items:
            update_versioned(item, version=item.version, changes={"owner": to}, allowed=("owner",))
        # who covers each stakeholder of an open deal: the new owner where the old one did (coverage_give: once);
        # a closed deal keeps who covered them then
        covered = Coverage.objects.filter(
            stakeholder__deal__account=account, stakeholder__deal__status="open", user_id=from_owner
        ).order_by("id")
        for coverage in covered:
            coverage_give(coverage=coverage, to=to)
    return account


def not_a_candidate(by, account: Account):  # noqa: ANN201
    """Why `by` may not hand `account` to a user who is not one of `handover_candidates` (or no user): the rule of
    the owner (a member of the account's team) or of a manager (one of those, of his teams, or himself)."""
    if by is not None and by.pk == account.owner_id:
        return OWNER_HANDS_TO_TEAM if account.team_id else OWNER_HANDS_TO_NO_TEAM
    return HANDOVER_NOT_A_CANDIDATE


def accounts_handover(
    *, accounts: list[Account], to, note: str, by=None, versions: dict[int, int] | None = None
) -> list[Account]:
    """Hand every account of `accounts` over to `to` with one `note` — all of a seller's who leaves — all or none
    (one transaction), each by `account_handover` (its rules, history, audit log and action items).
    `versions`: {account id: its version as the caller read it}; an account missing there is taken as it is now.
    Returns the accounts as handed over. Errors: ValidationError on `note`, or on `to` with the name of the first
    account that refuses them; StaleEdit (one changed meanwhile); PermissionDenied (one `by` may not hand over)."""
    versions = versions or {}
    done = []
    with transaction.atomic():
        for account in accounts:
            try:
                done.append(
                    account_handover(
                        account=account, to=to, note=note, by=by, version=versions.get(account.pk)
                    )
                )
            except StaleEdit:
                raise
            except ValidationError as exc:
                if "to" not in exc.message_dict:
                    raise
                problem = sentences(exc.message_dict["to"])
                raise ValidationError(
                    {"to": _("%(account)s: %(problem)s") % {"account": account.name, "problem": problem}}
                ) from None
    return done
