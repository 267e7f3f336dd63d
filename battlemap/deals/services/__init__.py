"""Writes to deals, stakeholder roles and coverage: the only writers of these models (roles and coverage: `roles`,
re-exported here; action items: `actions`).

Every write validates the model (ValidationError naming the field), refuses a stale edit
(core.services.StaleEdit) and is kept in history. The rules of the deal room live here once, for the
web and the API alike: every stage move is recorded (StageChange); a won or lost deal keeps its stage; one
role per person per deal; a colleague who covers a stakeholder or owns an action works on the account.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.core.history_stamp import recorded
from battlemap.core.multilingual import active_language
from battlemap.core.reasons import reason as stored_reason
from battlemap.core.restore import Restored, restore_one
from battlemap.core.services import (
    apply_changes,
    check_version,
    create_validated,
    delete_versioned,
    lock_row,
    update_versioned,
)
from battlemap.core.text import clean_lines
from battlemap.deals.models import Deal, StageChange
from battlemap.deals.selectors import action_items_ticked_by_close, deals_named
from battlemap.deals.services.actions import action_item_update
from battlemap.deals.services.roles import (
    COVERS_ALREADY,
    LEFT_THE_CUSTOMER,
    ONE_ROLE_PER_PERSON,
    ROLE_FIELDS,
    coverage_add,
    coverage_give,
    coverage_remove,
    new_role_refusal,
    stakeholder_role_create,
    stakeholder_role_delete,
    stakeholder_role_update,
    stakeholder_set,
    takes_new_role,
)
from battlemap.punctuation import list_separator, with_id

DEAL_FIELDS = (
    "name",
    "amount",
    "currency",
    "expected_close",
    "status",
    "stage",
    "decision_factors",
    "channels",
    "competitors",
    "customer_win",
    "our_win",
    "metrics",
    "paper_process",
    "close_reason",
    "lost_to",
    "reopen_reason",
    "compelling_event",
    "compelling_event_on",
)

ALREADY_AT_STAGE = _("The deal is already at this stage.")
CLOSED_STAYS = _("The deal is closed: reopen it before moving its stage.")
CLOSE_OUTCOMES = ("won", "lost")
NOT_AN_OUTCOME = _("Choose won or lost.")
ALREADY_CLOSED = _("This deal is closed already; reopen it first.")
NOT_CLOSED = _("This deal is open.")
REASON_NEEDED = _("Say why the deal was won or lost.")
REOPEN_REASON_NEEDED = _("Say why the deal is reopened.")
CLOSE_REASON_ONLY_CLOSED = _("Only a won or lost deal has a close reason: close the deal to give one.")
REOPEN_REASON_ONLY_REOPENED = _("Only a deal that is reopened has a reopen reason.")
DEAL_ALREADY_IN_ACCOUNT = _(
    "Already in this account: %(deals)s. Send another_deal: true to open another deal of that name."
)


# --- deals ------------------------------------------------------------------------------------------


def _record_stage(deal: Deal, *, by=None, note: str = "", changed_on: date | None = None) -> None:
    # The stage history feeds the analysis (how long in each stage); keep it on every move.
    create_validated(
        StageChange(
            deal=deal, stage=deal.stage, changed_on=changed_on or timezone.localdate(), note=note, by=by
        )
    )


@transaction.atomic
def deal_create(
    *,
    account: Account,
    name: str,
    by=None,
    stage_history: Iterable[tuple[str, date, str]] | None = None,
    **fields: Any,
) -> Deal:
    """Open a deal (fields: any of DEAL_FIELDS; without a `currency`, the account's) and record its first stage,
    moved by `by` today.

    `stage_history`: the stage moves the deal already had, as (stage, changed_on, note) — a loaded map
    keeps its own; then exactly those are recorded, and its status as recorded. A deal opened without them
    follows the close rule (`_status_rule`): opened won or lost, it needs its `close_reason`; open, it has
    none, nor a reopen reason.
    Errors: ValidationError naming the field."""
    if stage_history is None:
        if _said(fields.get("reopen_reason")):
            raise ValidationError({"reopen_reason": REOPEN_REASON_ONLY_REOPENED})
        fields = _status_rule(Deal(status="open"), fields)
    deal = Deal(account=account, name=name, currency=account.currency)  # unless told: the account's currency
    apply_changes(deal, fields, DEAL_FIELDS)
    create_validated(deal)
    if stage_history is None:
        _record_stage(deal, by=by)
    for stage, changed_on, note in stage_history or ():
        create_validated(StageChange(deal=deal, stage=stage, changed_on=changed_on, note=note, by=by))
    return deal


def check_deal_name_free(*, account: Account, name: str) -> None:
    """The rule for a new deal of the API, as the web's new-deal form asks it (`selectors.deals_named`: case,
    spacing and full-width forms aside): ValidationError naming `name` (code "already_in_account") and the deals
    of that name by name and id when the account has one — two POSTs of one deal opened it twice. The account's
    row is held until the create's transaction ends: one check-then-create at a time."""
    lock_row(account)
    found = deals_named(account=account, name=name)
    if found:
        lang = active_language()
        deals = list_separator(lang).join(with_id(lang, d.name, d.pk) for d in found)
        raise ValidationError(
            {"name": ValidationError(DEAL_ALREADY_IN_ACCOUNT % {"deals": deals}, code="already_in_account")}
        )


def _status_rule(current: Deal, fields: dict[str, Any]) -> dict[str, Any]:
    """The one rule of a deal's status and its reasons, whichever way a change comes (the close and reopen
    pages, an API create or PATCH): a won or lost deal has a `close_reason` — closing needs one, and it cannot
    be blanked while closed (one stored blank, as a demo deal's, may be sent back blank: GET, change, PUT) —, an open deal has none; closing clears the last reopening's reason; reopening
    needs a `reopen_reason` and clears the close's reason and the stored winner (a winner given with it is kept,
    and refused by `Deal.clean`). A reason of white space or zero-width characters alone is none
    (`core.text.clean_lines`). Returns the fields with what the change clears; ValidationError naming the
    reason's field otherwise."""
    status = fields.get("status", current.status)
    if status == "open" and current.status == "open" and _said(fields.get("close_reason")):
        raise ValidationError({"close_reason": CLOSE_REASON_ONLY_CLOSED})
    if status == current.status:
        blanked = (
            "close_reason" in fields and not _said(fields["close_reason"]) and _said(current.close_reason)
        )
        if status != "open" and blanked:  # a reason kept blank (a deal closed before the rule) is no change
            raise ValidationError({"close_reason": REASON_NEEDED})
        return fields
    fields = dict(fields)
    if status == "open":
        if not _said(fields.get("reopen_reason")):
            raise ValidationError({"reopen_reason": REOPEN_REASON_NEEDED})
        # the stored winner goes; one given is kept, for Deal.clean to refuse (only a lost deal names one)
        return {**fields, "close_reason": "", "lost_to": fields.get("lost_to") or ""}
    if not _said(fields.get("close_reason", current.close_reason)):
        raise ValidationError({"close_reason": REASON_NEEDED})
    fields["reopen_reason"] = ""
    if status != "lost":
        fields["lost_to"] = fields.get("lost_to") or ""  # as on reopening
    return fields


def _said(reason: Any) -> bool:
    return bool(clean_lines(str(reason or "")))


def deal_update(
    *,
    deal: Deal,
    version: int | None,
    by=None,
    note: str = "",
    changed_on: date | None = None,
    **fields: Any,
) -> Deal:
    """Change fields of DEAL_FIELDS. A new `stage` is recorded as a StageChange (by, note, changed_on) and follows
    the stage rule (`_stage_rule`: a won or lost deal keeps its stage); a new `status` follows the close and
    reopen rule (`_status_rule`: a reason for either). The write under the deal room's edit, stage move, close
    and reopen, the API's PATCH and PUT, and the demo's replayed moves.

    Errors: StaleEdit; ValidationError naming the field."""

    def record_stage(before: Deal, after: Deal) -> None:
        if after.stage != before.stage:
            _record_stage(after, by=by, note=note, changed_on=changed_on)

    with transaction.atomic():
        if {"status", "close_reason", "reopen_reason", "stage"} & fields.keys():
            current = Deal.objects.select_for_update().get(pk=deal.pk)
            _stage_rule(current, fields)
            fields = _status_rule(current, fields)
        return update_versioned(
            deal, version=version, changes=fields, allowed=DEAL_FIELDS, after_save=record_stage
        )


def _stage_rule(current: Deal, fields: dict[str, Any]) -> None:
    """A won or lost deal keeps its stage: moving it is a ValidationError naming `stage` (CLOSED_STAYS), whichever
    way it comes (the deal room's stage move, an API PATCH or PUT) — unless the same change reopens the deal
    (`status` open, with its reason: `_status_rule`), as the room's Reopen followed by a move would. The stage
    sent back as stored (GET, change, PUT) is no move. A reviewer's trial: the API moved a won deal's stage."""
    moved = "stage" in fields and fields["stage"] != current.stage
    if moved and current.status != "open" and fields.get("status", current.status) != "open":
        raise ValidationError({"stage": CLOSED_STAYS})


def deal_move_stage(
    *, deal: Deal, stage: str, version: int | None, by=None, note: str = "", changed_on: date | None = None
) -> Deal:
    """The deal room's stage move: like deal_update(stage=…), but moving to the current stage is an error too
    (ValidationError naming `stage`; a won or lost deal is refused by `_stage_rule`: reopen it first)."""
    with transaction.atomic():
        current = Deal.objects.select_for_update().get(pk=deal.pk)
        check_version(current, version)
        if stage == current.stage:
            raise ValidationError({"stage": ALREADY_AT_STAGE})
        return deal_update(
            deal=current, version=version, by=by, note=note, changed_on=changed_on, stage=stage
        )


def deal_close(
    *,
    deal: Deal,
    version: int | None,
    outcome: str,
    reason: str,
    lost_to: str = "",
    by=None,
    close_actions: bool = False,
) -> Deal:
    """Close an open deal as won or lost, with why (and, for lost, the competitor who won, if any);
    with `close_actions`, tick its open action items done in the same transaction (a closed deal's
    items would otherwise fall overdue on This week).

    A closed deal leaves the open lists and raises no flags; history keeps who closed it and when.
    Errors: StaleEdit; ValidationError naming `outcome`, `close_reason` or `lost_to`."""
    if outcome not in CLOSE_OUTCOMES:
        raise ValidationError({"outcome": NOT_AN_OUTCOME})
    with transaction.atomic():
        current = Deal.objects.select_for_update().get(pk=deal.pk)
        check_version(current, version)
        if current.status != "open":
            raise ValidationError({"outcome": ALREADY_CLOSED})
        closed = deal_update(
            deal=current,
            version=version,
            by=by,
            status=outcome,
            close_reason=(reason or "").strip(),
            lost_to=(lost_to or "").strip(),
        )
        if close_actions:  # marked, so that reopening the deal opens them again
            with recorded(reason=stored_reason("closed_with_deal")):
                for item in current.action_items.still_open():
                    action_item_update(item=item, version=item.version, done=True)
        return closed


def deal_reopen(*, deal: Deal, version: int | None, reason: str, by=None) -> Deal:
    """Open a won or lost deal again, saying why (its flags come back); the action items the close ticked done
    (`close_actions`) are open again, the rest stay as they are. History keeps the close and the reopening,
    each with its reason, when and by whom.

    Errors: StaleEdit; ValidationError naming `reopen_reason` (none given) or `status` (open already)."""
    with transaction.atomic():
        current = Deal.objects.select_for_update().get(pk=deal.pk)
        check_version(current, version)
        if current.status == "open":
            raise ValidationError({"status": NOT_CLOSED})
        ticked = action_items_ticked_by_close(deal=current)
        reopened = deal_update(
            deal=current, version=version, by=by, status="open", reopen_reason=(reason or "").strip()
        )
        with recorded(reason=stored_reason("reopened_with_deal")):
            for item in ticked:
                action_item_update(item=item, version=item.version, done=False)
        return reopened


def deal_delete(*, deal: Deal) -> None:
    """Delete a deal with its roles, actions and stage history (history keeps them; deal_restore undoes it)."""
    delete_versioned(deal)


def deal_restore(*, account: Account, deal_id: int) -> Restored:
    """The undo of deal_delete (core.restore): the deal, its roles and their coverage, action items, process steps
    and their people, bodies' roles, stage changes, comments, competitor notes and reviews, and its interactions,
    questionnaires and survey responses linked again unless edited since. Errors: ValidationError naming `deal`
    or `account`."""
    return restore_one(Deal, account=account, pk=deal_id, name="deal")


__all__ = [
    "ALREADY_AT_STAGE",
    "ALREADY_CLOSED",
    "check_deal_name_free",
    "CLOSE_OUTCOMES",
    "CLOSE_REASON_ONLY_CLOSED",
    "CLOSED_STAYS",
    "coverage_add",
    "coverage_give",
    "coverage_remove",
    "COVERS_ALREADY",
    "DEAL_ALREADY_IN_ACCOUNT",
    "deal_close",
    "deal_create",
    "deal_delete",
    "deal_restore",
    "DEAL_FIELDS",
    "deal_move_stage",
    "deal_reopen",
    "deal_update",
    "LEFT_THE_CUSTOMER",
    "new_role_refusal",
    "NOT_AN_OUTCOME",
    "NOT_CLOSED",
    "ONE_ROLE_PER_PERSON",
    "REASON_NEEDED",
    "REOPEN_REASON_NEEDED",
    "REOPEN_REASON_ONLY_REOPENED",
    "ROLE_FIELDS",
    "stakeholder_role_create",
    "stakeholder_role_delete",
    "stakeholder_role_update",
    "stakeholder_set",
    "takes_new_role",
]
