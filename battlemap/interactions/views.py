"""Log an interaction with its participants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from battlemap.core.access import can, get_account_for
from battlemap.deals.web import after_write, attach_errors, form_page, safe_next
from battlemap.interactions.forms import InteractionForm
from battlemap.interactions.services import interaction_create


@login_required
def interaction_new(request, slug: str):
    account = get_account_for(request.user, slug, "edit" if request.method == "POST" else "view")
    initial = {
        "people": request.GET.getlist("person"),
        "deal": request.GET.get("deal"),
        "our_people": [request.user.pk],
    }
    form = InteractionForm(request.POST or None, account=account, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            interaction = interaction_create(account=account, source="manual", **form.interaction_fields())
        except ValidationError as e:
            attach_errors(form, e, fields={"participants": "people", "our_participants": "our_people"})
            error = e
        else:
            messages.success(request, _("Interaction logged."))
            deal = interaction.deal
            url = safe_next(
                request,
                reverse("deal", args=[account.slug, deal.pk])
                if deal
                else reverse("people", args=[account.slug]),
            )
            return after_write(request, url)
    context = {
        "account": account,
        "form": form,
        "can_edit": can(request.user, account, "edit"),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return form_page(
        request,
        "interactions/interaction_new.html",
        "interactions/_interaction_form.html",
        context,
        error=error,
        invalid=bool(form.errors),
    )
