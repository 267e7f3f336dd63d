"""The competitor view: per deal (with what we know of each competitor, edited in place), per account,
and win/loss by competitor across the portfolio. Thin: gate, selector or form → service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import HiddenInput
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from battlemap.competition import selectors
from battlemap.competition.forms import CompetitorNoteForm
from battlemap.competition.models import CompetitorNote
from battlemap.competition.services import competitor_note_delete, competitor_note_set
from battlemap.core.access import can, get_account_for, get_for
from battlemap.deals.models import Deal
from battlemap.deals.web import attach_errors, error_status
from battlemap.io.matching import match_name
from battlemap.once.web import guarded
from battlemap.punctuation import sentences


@login_required
@guarded
def deal_competitors(request, slug: str, pk: int):
    """Each competitor of the deal; POST `name`, `version`, `strengths`, `weaknesses`, `offer` (editors)."""
    action = "edit" if request.method == "POST" else "view"
    account = get_account_for(request.user, slug, action)
    deal = get_for(request.user, Deal.objects.select_related("account"), action, pk=pk, account=account)
    posted, status, error = None, 200, None
    if request.method == "POST":
        posted = CompetitorNoteForm(request.POST, auto_id="new-%s")
        if posted.is_valid():
            data = posted.cleaned_data
            try:
                competitor_note_set(
                    deal=deal,
                    name=data["name"],
                    version=data["version"] or 0,
                    strengths=data["strengths"],
                    weaknesses=data["weaknesses"],
                    offer=data["offer"],
                )
            except ValidationError as e:
                attach_errors(posted, e)
                error = e
            else:
                messages.success(request, _("Saved."))
                url = reverse("deal_competitors", args=[account.slug, deal.pk])
                return redirect(f"{url}#{selectors.anchor(match_name(data['name'], person=False))}")
        status = error_status(error)
    competitors = selectors.deal_competition(deal=deal)
    posted_key = match_name(request.POST.get("name", ""), person=False) if posted is not None else None
    new_form = CompetitorNoteForm(auto_id="new-%s", initial={"version": 0})
    for i, c in enumerate(competitors):
        if posted is not None and c["key"] == posted_key:
            posted.auto_id = f"c{i}-%s"
            posted.fields["name"].widget = HiddenInput()
            c["form"], posted = posted, None
        else:
            c["form"] = CompetitorNoteForm.for_competitor(i, c["name"], c["note"])
    context = {
        "account": account,
        "deal": deal,
        "competitors": competitors,
        "new_form": posted or new_form,
        "can_edit": can(request.user, account, "edit"),
    }
    return render(request, "competition/deal.html", context, status=status)


@login_required
@require_POST
def competitor_note_remove(request, slug: str, pk: int, note_id: int):
    """POST `version`: forget what we noted of one competitor in the deal (editors; history keeps it). The
    competitor stays on the page while the deal lists them or a stakeholder favours them."""
    account = get_account_for(request.user, slug, "edit")
    deal = get_for(request.user, Deal.objects.select_related("account"), "edit", pk=pk, account=account)
    notes = CompetitorNote.objects.filter(deal=deal)
    note = get_for(request.user, notes, "edit", account_field="deal__account", pk=note_id)
    try:
        competitor_note_delete(note=note, version=int(request.POST.get("version") or 0))
    except (ValidationError, ValueError) as e:
        messages.error(request, sentences(getattr(e, "messages", [str(e)])))
    else:
        messages.success(request, _("Note on %(name)s deleted.") % {"name": note.name})
    return redirect(reverse("deal_competitors", args=[account.slug, deal.pk]))


@login_required
def account_competitors(request, slug: str):
    account = get_account_for(request.user, slug)
    context = {"account": account, "competitors": selectors.account_competition(account=account)}
    return render(request, "competition/account.html", context)


@login_required
def win_loss_page(request):
    """Win/loss by competitor over the closed deals the user may see; `?c=KEY&o=OUTCOME` lists the deals."""
    rows = selectors.win_loss(user=request.user)
    key, outcome = request.GET.get("c", ""), request.GET.get("o", "")
    chosen = next((r for r in rows if r["key"] == key), None)
    if outcome not in selectors.OUTCOMES:
        outcome = ""
    picked = []
    if chosen is not None:
        for o in [outcome] if outcome else selectors.OUTCOMES:
            picked += [(d, o) for d in chosen[o].deals]
    context = {"rows": rows, "chosen": chosen, "outcome": outcome, "picked": picked}
    return render(request, "competition/win_loss.html", context)
