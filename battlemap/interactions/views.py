"""Capture after a meeting (one form: the interaction, attitudes, a new person, the next step as an
action item), edit and delete an interaction. Thin: access gate → form → service → redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from battlemap.core.access import get_account_for, get_for
from battlemap.deals.views_actions import say_due_day
from battlemap.deals.web import (
    after_write,
    edit_page,
    error_status,
    form_account,
    form_context,
    form_page,
    safe_next,
    submit,
)
from battlemap.interactions.capture import meeting_capture
from battlemap.interactions.forms import CaptureForm, InteractionForm
from battlemap.interactions.models import Interaction
from battlemap.interactions.services import interaction_delete, interaction_update
from battlemap.interactions.services import interaction_restore as interaction_restore_service
from battlemap.once.web import guarded
from battlemap.people.forms import people_search_rows
from battlemap.punctuation import sentences

FIELDS = {"participants": "people", "our_participants": "our_people"}


def _back(request, account, deal) -> str:
    default = (
        reverse("deal", args=[account.slug, deal.pk]) if deal else reverse("people", args=[account.slug])
    )
    return safe_next(request, default)


@login_required
@guarded
def interaction_new(request, slug: str):
    account = form_account(request, slug)
    initial = {
        "people": request.GET.getlist("person"),
        "deal": request.GET.get("deal"),
        "our_people": [request.user.pk],
    }
    form = CaptureForm(request.POST or None, account=account, user=request.user, initial=initial)
    captured, error = submit(
        request,
        form,
        lambda: meeting_capture(account=account, by=request.user, source="manual", **form.capture_fields()),
        fields=FIELDS,
    )
    if captured is not None:
        messages.success(request, _("Interaction logged."))
        if captured.action_item is not None:
            messages.success(request, _("Next step added to the action items."))
            say_due_day(request, captured.action_item, form.data.get("action_due", ""))
        return after_write(request, _back(request, account, captured.interaction.deal))
    context = form_context(
        request, account, form, next=request.POST.get("next") or request.GET.get("next", ""), capture=True
    )
    return form_page(
        request,
        "interactions/interaction_new.html",
        "interactions/_interaction_form.html",
        context,
        error=error,
    )


@login_required
def participant_search(request, slug: str):
    """The account's one people search, behind every people picker of a big account (a big account's
    forms list only the chosen people and search for the others): the people matching `q`, as rows of
    the meeting form's participant table, or with `field` as rows of the picker of that form field
    (`people.forms.PeopleSearch`: boxes when `multiple=1`, else radio buttons; active people only
    when `active=1`)."""
    account = get_account_for(request.user, slug, "edit")
    field = request.GET.get("field", "").strip()
    if field:
        return render(
            request,
            "people/_picker_found.html",
            {
                "name": field,
                "multiple": request.GET.get("multiple") == "1",
                "rows": people_search_rows(
                    account, request.GET.get("q", ""), active=request.GET.get("active") == "1"
                ),
            },
        )
    deal = request.GET.get("deal")
    form = CaptureForm(
        account=account, user=request.user, initial={"deal": deal}, search=request.GET.get("q", "")
    )
    return render(request, "interactions/_participant_found.html", {"form": form, "account": account})


def _interaction(request, slug: str, pk: int, action: str) -> Interaction:
    account = get_account_for(request.user, slug, action)
    return get_for(
        request.user, Interaction.objects.select_related("account", "deal"), action, pk=pk, account=account
    )


@login_required
def interaction_edit(request, slug: str, pk: int):
    interaction = _interaction(request, slug, pk, "edit")
    account = interaction.account
    form = InteractionForm(request.POST or None, account=account, interaction=interaction)
    return edit_page(
        request,
        account,
        form,
        lambda version: interaction_update(
            interaction=interaction, version=version, **form.interaction_fields()
        ),
        done_url=lambda saved: _back(request, account, saved.deal),
        full="interactions/interaction_edit.html",
        partial="interactions/_interaction_form.html",
        fields=FIELDS,
        interaction=interaction,
        next=request.POST.get("next") or request.GET.get("next", ""),
    )


@login_required
@require_POST
def interaction_remove(request, slug: str, pk: int):
    interaction = _interaction(request, slug, pk, "edit")
    account, deal = interaction.account, interaction.deal
    try:
        interaction_delete(interaction=interaction, version=int(request.POST.get("version") or 0))
    except (ValidationError, ValueError) as e:
        messages.error(request, sentences(getattr(e, "messages", [str(e)])))
        form = InteractionForm(account=account, interaction=interaction)
        context = form_context(
            request, account, form, interaction=interaction, next=request.POST.get("next", "")
        )
        return render(request, "interactions/interaction_edit.html", context, status=error_status(e))
    undo = render_to_string(  # the message offers the undo (a safe string: the template escapes)
        "deals/_undo_message.html",
        {"text": _("Interaction deleted."), "undo": reverse("interaction_restore", args=[account.slug, pk])},
        request=request,
    )
    messages.success(request, undo)
    return after_write(request, _back(request, account, deal))


@login_required
@require_POST
def interaction_restore(request, slug: str, pk: int):
    """The undo of an interaction's deletion (the link in the "deleted" message): it comes back as it was, with
    who took part (interactions.services.interaction_restore); what an edit made since keeps is said."""
    account = get_account_for(request.user, slug, "edit")
    try:
        restored = interaction_restore_service(account=account, interaction_id=pk)
    except ValidationError as e:
        messages.error(request, sentences(e.messages))
        return redirect(reverse("people", args=[account.slug]))
    interaction = restored.back[0]
    messages.success(request, _("The interaction is back."))
    for note in restored.notes():
        messages.warning(request, note)
    if interaction.deal_id:
        return redirect(reverse("deal", args=[account.slug, interaction.deal_id]))
    return redirect(reverse("interaction_edit", args=[account.slug, interaction.pk]))
