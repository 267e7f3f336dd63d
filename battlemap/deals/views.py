"""The deal room and its edits. Thin: access gate → form → service → render (htmx gets the room partial)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from battlemap.core.access import can, get_for
from battlemap.core.htmx import is_htmx, render_htmx
from battlemap.core.messages import named
from battlemap.core.money import amount_saved
from battlemap.deals import selectors, selectors_week, services
from battlemap.deals.forms import (
    DEAL_FORM_FIELDS,
    DealCloseForm,
    DealDetailsForm,
    DealReopenForm,
    StageForm,
    StakeholderForm,
)
from battlemap.deals.insight import factor_respondents
from battlemap.deals.room import (
    ROOM,
    ROOM_PARTIAL,
    room_context,
    room_deal,
    room_page,
    room_saved_at_row,
    room_url,
    room_write,
)
from battlemap.deals.web import (
    after_write,
    attach_errors,
    error_status,
    form_account,
    form_context,
    form_page,
    submit,
)
from battlemap.once.web import guarded
from battlemap.people.models import Person


@login_required
def home(request):
    return render(request, "deals/week.html", selectors_week.week_agenda(user=request.user))


@login_required
def deal_room(request, slug: str, pk: int):
    deal = room_deal(request, slug, pk)
    return render(request, ROOM, room_context(request, deal))


@login_required
def deal_qualification(request, slug: str, pk: int):
    """The deal as MEDDPICC and as a Blue Sheet: two views of the one map (read-only here; the facts
    are edited where they live — the deal's details, the roles, the portrait)."""
    deal = room_deal(request, slug, pk)
    context = {
        **selectors.deal_qualification(deal=deal),
        "account": deal.account,
        "can_edit": can(request.user, deal.account, "edit"),
    }
    return render(request, "deals/qualification.html", context)


# An open deal saved with an expected close already past: kept as typed (the seller may be catching up),
# said at once rather than only by the red flag days later.
CLOSE_PASSED = gettext_lazy(
    "The expected close date %(day)s has passed and the deal is still open: set the date it will close "
    "now, or close it as won or lost."
)


def _say_what_was_saved(request, deal, form) -> None:
    """After a deal is created or edited: the amount as stored, when typed or changed (120万 is seen to be
    1,200,000); a past expected close of an open deal is warned about."""
    said = amount_saved(form, "amount", deal.amount, deal.currency)
    if said:
        messages.info(request, said)
    if deal.status == "open" and deal.expected_close and deal.expected_close < timezone.localdate():
        messages.warning(request, CLOSE_PASSED % {"day": deal.expected_close.isoformat()})


@login_required
@guarded
def deal_create(request, slug: str):
    account = form_account(request, slug)
    initial = {
        "stage": "need_recognition",
        "currency": account.currency or "CNY",
    }  # a USD account's deal in USD
    form = DealDetailsForm(request.POST or None, initial=initial, account=account)
    deal, error = submit(
        request,
        form,
        lambda: services.deal_create(account=account, by=request.user, **form.deal_fields()),
        DEAL_FORM_FIELDS,
    )
    if deal is not None:
        messages.success(request, _("Deal created."))
        _say_what_was_saved(request, deal, form)
        return after_write(request, room_url(deal))
    context = form_context(request, account, form)
    return form_page(request, "deals/deal_new.html", "deals/deal_new.html", context, error=error)


@login_required
def deal_edit(request, slug: str, pk: int):
    """Edit a deal's facts (not its stage, which moves in the room, nor its status: close/reopen)."""
    deal = room_deal(request, slug, pk, "edit")
    form = DealDetailsForm(request.POST or None, deal=deal)
    saved, error = submit(
        request,
        form,
        lambda: services.deal_update(
            deal=deal, version=form.cleaned_data["version"], by=request.user, **form.deal_fields()
        ),
        DEAL_FORM_FIELDS,
    )
    if saved is not None:
        messages.success(request, _("Saved."))
        _say_what_was_saved(request, saved, form)
        return after_write(request, room_url(deal))
    context = form_context(
        request, deal.account, form, deal=deal, factor_answers=factor_respondents(deal=deal)
    )
    return form_page(request, "deals/deal_new.html", "deals/deal_new.html", context, error=error)


@login_required
def deal_close(request, slug: str, pk: int):
    """Close the deal won or lost, with why (and who won it, when lost)."""
    deal = room_deal(request, slug, pk, "edit")
    form = DealCloseForm(request.POST or None, initial={"version": deal.version})
    closed, error = submit(
        request,
        form,
        lambda: services.deal_close(
            deal=deal,
            version=form.cleaned_data["version"],
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["close_reason"],
            lost_to=form.cleaned_data["lost_to"],
            by=request.user,
            close_actions=form.cleaned_data["close_actions"],
        ),
    )
    if closed is not None:
        messages.success(
            request, _("Deal closed as won.") if closed.status == "won" else _("Deal closed as lost.")
        )
        return after_write(request, room_url(deal))
    context = form_context(
        request, deal.account, form, deal=deal, open_actions=deal.action_items.still_open()
    )
    return form_page(request, "deals/deal_close.html", "deals/deal_close.html", context, error=error)


# After a reopening: the close may have ticked its action items done, and "no open next step" fires at once.
NO_NEXT_STEP = gettext_lazy(
    "It has no open next step yet, so it is flagged: add an action item with an owner and a due date."
)


@login_required
def deal_reopen(request, slug: str, pk: int):
    """Open a won or lost deal again, with why (kept in history and shown in What changed)."""
    deal = room_deal(request, slug, pk, "edit")
    form = DealReopenForm(request.POST or None, initial={"version": deal.version})
    reopened, error = submit(
        request,
        form,
        lambda: services.deal_reopen(
            deal=deal,
            version=form.cleaned_data["version"],
            reason=form.cleaned_data["reopen_reason"],
            by=request.user,
        ),
    )
    open_actions = deal.action_items.still_open()
    if reopened is not None:
        messages.success(request, _("Deal reopened."))
        if not open_actions.exists():
            messages.warning(request, NO_NEXT_STEP)
        return after_write(request, room_url(deal))
    context = form_context(
        request,
        deal.account,
        form,
        deal=deal,
        has_next_step=open_actions.exists(),
        ticked_by_close=selectors.action_items_ticked_by_close(deal=deal),
    )
    return form_page(request, "deals/deal_reopen.html", "deals/deal_reopen.html", context, error=error)


@login_required
@require_POST
def stage_move(request, slug: str, pk: int):
    deal = room_deal(request, slug, pk, "edit")
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            deal = services.deal_move_stage(
                deal=deal,
                stage=form.cleaned_data["stage"],
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
            return room_page(request, deal, status=error_status(e), stage_form=form)
        messages.success(request, _("Stage moved."))
        return after_write(request, room_url(deal), ROOM_PARTIAL, room_context(request, deal))
    return room_page(request, deal, status=422, stage_form=form)


@login_required
@guarded
def stakeholder_edit(request, slug: str, pk: int, person_id: int | None = None):
    """Add a person to the deal (no person_id) or set their roles, attitude, influence… (with person_id)."""
    deal = room_deal(request, slug, pk, "edit")
    person = (
        get_for(request.user, Person.objects.all(), "view", pk=person_id, account=deal.account)
        if person_id
        else None
    )
    role = deal.roles.filter(person=person).first() if person else None
    if request.method == "POST":
        form = StakeholderForm(request.POST, deal=deal, person=person)
        if form.is_valid():
            try:
                services.stakeholder_set(
                    deal=deal,
                    person=form.cleaned_data["person"],
                    version=form.cleaned_data["version"] or 0,
                    covered_by=form.cleaned_data["covered_by"],
                    **form.role_fields(),
                )
            except ValidationError as e:
                attach_errors(form, e, {"user": "covered_by"})  # coverage_add's refusal, at its field
                return _role_error(request, deal, form, person, status=error_status(e))
            messages.success(request, _("Saved."))
            return room_saved_at_row(request, deal, form.cleaned_data["person"])
        return _role_error(request, deal, form, person, status=422)
    form = StakeholderForm(deal=deal, role=role, person=person)
    return _role_page(request, deal, form, person)


@login_required
@require_POST
def stakeholder_remove(request, slug: str, pk: int, person_id: int):
    deal = room_deal(request, slug, pk, "edit")
    role = get_for(
        request.user,
        deal.roles.select_related("person"),
        "edit",
        account_field="deal__account",
        person_id=person_id,
    )
    return room_write(
        request,
        deal,
        lambda version: services.stakeholder_role_delete(role=role, version=version),
        named(_("%(name)s is no longer in this deal."), name=role.person.name),
    )


def _role_error(request, deal, form, person, *, status: int):
    """A refused role form: inside the deal room (htmx) the room comes back with the form open and its
    errors; the stand-alone page (plain post) shows the page again."""
    if is_htmx(request):
        return room_page(request, deal, status=status, role_form=form, role_person=person)
    return _role_page(request, deal, form, person, status=status)


def _role_page(request, deal, form, person, status: int = 200):
    # The stand-alone page (the room's link opened in its own tab) has no room to swap: it posts plainly.
    # htmx (a row's "edit", the editor's Cancel) gets the room's editor: its heading, hint and form.
    context = form_context(request, deal.account, form, deal=deal, person=person, in_room=is_htmx(request))
    return render_htmx(request, "deals/role.html", "deals/_role_editor.html", context, status=status)
