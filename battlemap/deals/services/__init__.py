"""Writes to deals, stakeholder roles and coverage: the only writers of these models (action items: `actions`).

Every write validates the model (ValidationError naming the field), refuses a stale edit
(core.services.StaleEdit) and is kept in history. The rules of the deal room live here once, for the
web and the API alike: every stage move is recorded (StageChange); one role per person per deal; a
colleague who covers a stakeholder or owns an action works on the account.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.core.access import can
from battlemap.core.multilingual import active_language
from battlemap.core.reasons import reason as stored_reason
from battlemap.core.services import (
    apply_changes,
    check_version,
    create_validated,
    delete_versioned,
    lock_row,
    recorded,
    update_versioned,
)
from battlemap.core.text import clean_lines
from battlemap.deals.models import Coverage, Deal, StageChange, StakeholderRole
from battlemap.deals.selectors import action_items_ticked_by_close, deals_named
from battlemap.deals.services.actions import NOT_ON_ACCOUNT, action_item_update
from battlemap.people.erased import ERASED_TAKES_NOTHING, is_erased
from battlemap.people.models import Person
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
ROLE_FIELDS = (
    "roles",
    "attitude",
    "influence",
    "relationship",
    "favoured_competitor",
    "personal_win",
    "plan",
    "plan_channel",
    "plan_cadence_days",
    "response_mode",
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
ONE_ROLE_PER_PERSON = _("This person already has a role in this deal (role %(id)s): change that one.")
LEFT_THE_CUSTOMER = _("This person has left the customer: a new part in the deal is not theirs to take.")
COVERS_ALREADY = _("This colleague covers this person already.")
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
    """Change fields of DEAL_FIELDS. A new `stage` is recorded as a StageChange (by, note, changed_on); a new
    `status` follows the close and reopen rule (`_status_rule`: a reason for either).

    Errors: StaleEdit; ValidationError naming the field."""

    def record_stage(before: Deal, after: Deal) -> None:
        if after.stage != before.stage:
            _record_stage(after, by=by, note=note, changed_on=changed_on)

    with transaction.atomic():
        if {"status", "close_reason", "reopen_reason"} & fields.keys():
            fields = _status_rule(Deal.objects.select_for_update().get(pk=deal.pk), fields)
        return update_versioned(
            deal, version=version, changes=fields, allowed=DEAL_FIELDS, after_save=record_stage
        )


def deal_move_stage(
    *, deal: Deal, stage: str, version: int | None, by=None, note: str = "", changed_on: date | None = None
) -> Deal:
    """The deal room's stage move: like deal_update(stage=…), but moving to the current stage, or
    moving a won or lost deal (reopen it first), is an error (ValidationError naming `stage`)."""
    with transaction.atomic():
        current = Deal.objects.select_for_update().get(pk=deal.pk)
        check_version(current, version)
        if current.status != "open":
            raise ValidationError({"stage": CLOSED_STAYS})
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
                for item in current.action_items.filter(done=False):
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
    """Delete a deal with its roles, actions and stage history (history keeps them)."""
    delete_versioned(deal)


# --- stakeholder roles ------------------------------------------------------------------------------


def _check_one_role(*, deal: Deal, person: Person | None, role_id: int | None = None) -> None:
    if person is None:
        return
    # the role it would duplicate named, so that an integrator changes it (PATCH /api/roles/{id}) instead
    existing = StakeholderRole.objects.filter(deal=deal, person=person).exclude(pk=role_id).first()
    if existing is not None:
        raise ValidationError({"person": ONE_ROLE_PER_PERSON % {"id": existing.pk}})


def takes_new_role(person: Person, *, held_before: bool = False) -> bool:
    """Whether `person` may take a new part in a deal: not one who has left the customer (LEFT_THE_CUSTOMER),
    nor one whose data was erased (`people.erased.is_erased`), unless the part is recorded as held before (a map
    file, or a CRM row whose status says they left). The one rule for the web's form, the API, the mail
    suggestions and the people files; `new_role_refusal` says why not."""
    return held_before or (person.status != "left" and not is_erased(person))


def new_role_refusal(person: Person) -> str:
    """Why `person` takes no new part in a deal (`takes_new_role` is False), in the active language."""
    return gettext(ERASED_TAKES_NOTHING) if is_erased(person) else str(LEFT_THE_CUSTOMER)


def stakeholder_role_create(
    *, deal: Deal, person: Person, held_before: bool = False, **fields: Any
) -> StakeholderRole:
    """Give `person` (of the deal's account) a part in the deal: fields of ROLE_FIELDS.

    A person who has left the customer takes no new part (the web's form, the API, the mail suggestions
    alike); `held_before=True` is for files that record a map as it was (map format, CRM import), where a
    person who left keeps the part they held.

    Errors: ValidationError naming `person` (another account, a role already, left the customer) or the field."""
    _check_one_role(deal=deal, person=person)
    if not takes_new_role(person, held_before=held_before):
        raise ValidationError({"person": new_role_refusal(person)})
    role = StakeholderRole(deal=deal, person=person)
    apply_changes(role, fields, ROLE_FIELDS)
    return create_validated(role)


def stakeholder_role_update(*, role: StakeholderRole, version: int | None, **fields: Any) -> StakeholderRole:
    """Change fields of ROLE_FIELDS (and `person`, keeping one role per person per deal).

    Errors: StaleEdit; ValidationError naming the field (`person`: a role already, or a person who left the
    customer put in the role)."""
    if "person" in fields:
        _check_one_role(deal=role.deal, person=fields["person"], role_id=role.pk)
        moved = fields["person"] is not None and fields["person"].pk != role.person_id
        if moved and not takes_new_role(fields["person"]):
            raise ValidationError({"person": new_role_refusal(fields["person"])})
    return update_versioned(role, version=version, changes=fields, allowed=(*ROLE_FIELDS, "person"))


def stakeholder_role_delete(*, role: StakeholderRole, version: int | None = None) -> None:
    """Take a person out of a deal (their coverage goes with the role); history keeps what they were."""
    delete_versioned(role, version=version)


@transaction.atomic
def stakeholder_set(
    *, deal: Deal, person: Person, version: int | None, covered_by: Iterable | None = None, **fields: Any
) -> StakeholderRole:
    """The deal room's role form: create or update `person`'s part, and (when given) who covers them.

    `version` 0 means the form saw no role yet: if someone added one meanwhile, that is a StaleEdit."""
    role = StakeholderRole.objects.select_for_update().filter(deal=deal, person=person).first()
    check_version(role, version)
    if role is None:
        role = stakeholder_role_create(deal=deal, person=person, **fields)
    else:
        role = stakeholder_role_update(role=role, version=version, **fields)
    if covered_by is not None:
        wanted = {user.pk: user for user in covered_by}
        for coverage in role.coverage.all():
            if coverage.user_id not in wanted:
                coverage_remove(coverage=coverage)
            else:
                wanted.pop(coverage.user_id)
        for user in wanted.values():
            coverage_add(role=role, user=user)
    return role


# --- coverage ---------------------------------------------------------------------------------------


def coverage_add(*, role: StakeholderRole, user) -> Coverage:
    """`user` (a colleague who works on the account) covers this stakeholder.

    Errors: ValidationError naming `user` (not on the account, or covers them already)."""
    if user is None or not user.is_active or not can(user, role.deal.account, "view"):
        raise ValidationError({"user": NOT_ON_ACCOUNT})
    if role.coverage.filter(user=user).exists():
        raise ValidationError({"user": COVERS_ALREADY})
    return create_validated(Coverage(stakeholder=role, user=user))


def coverage_remove(*, coverage: Coverage) -> None:
    delete_versioned(coverage)
