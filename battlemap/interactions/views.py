"""Log an interaction with its participants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _

from battlemap.deals.web import after_write, form_account, form_context, form_page, safe_next, submit
from battlemap.interactions.forms import InteractionForm
from battlemap.interactions.services import interaction_create


@login_required
def interaction_new(request, slug: str):
    account = form_account(request, slug)
    initial = {
        "people": request.GET.getlist("person"),
        "deal": request.GET.get("deal"),
        "our_people": [request.user.pk],
    }
    form = InteractionForm(request.POST or None, account=account, initial=initial)
    interaction, error = submit(
        request,
        form,
        lambda: interaction_create(account=account, source="manual", **form.interaction_fields()),
        fields={"participants": "people", "our_participants": "our_people"},
    )
    if interaction is not None:
        messages.success(request, _("Interaction logged."))
        deal = interaction.deal
        url = safe_next(
            request,
            reverse("deal", args=[account.slug, deal.pk]) if deal else reverse("people", args=[account.slug]),
        )
        return after_write(request, url)
    context = form_context(
        request, account, form, next=request.POST.get("next") or request.GET.get("next", "")
    )
    return form_page(
        request,
        "interactions/interaction_new.html",
        "interactions/_interaction_form.html",
        context,
        error=error,
    )
