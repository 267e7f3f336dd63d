"""The review history of an account and the "mark reviewed" button (anyone who may view the account:
the owner, the team and their managers). Thin: gate, form, service, back to the page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.access import get_account_for, get_for
from battlemap.core.dates import DayFormField
from battlemap.deals.models import Deal
from battlemap.once.web import guarded
from battlemap.reviews.selectors import reviews_of
from battlemap.reviews.services import mark_reviewed


class ReviewForm(forms.Form):
    reviewed_on = DayFormField(label=gettext_lazy("Reviewed on"), required=False)
    deal = forms.IntegerField(label=gettext_lazy("Deal"), required=False, widget=forms.HiddenInput)


@login_required
@guarded
def account_reviews(request, slug: str):
    """GET: the account's review marks, newest first, and the form. POST `reviewed_on` (optional, default
    today) and `deal` (optional, a deal of this account): a new mark, then back to the account page."""
    account = get_account_for(request.user, slug)
    form = ReviewForm(
        request.POST if request.method == "POST" else None, initial={"reviewed_on": timezone.localdate()}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            deal = None
            if form.cleaned_data["deal"]:
                deal = get_for(
                    request.user, Deal.objects.filter(account=account), pk=form.cleaned_data["deal"]
                )
            try:
                mark_reviewed(
                    account=account, by=request.user, deal=deal, on=form.cleaned_data["reviewed_on"]
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Marked as reviewed."))
                url = reverse("account", args=[account.slug])
                return redirect(f"{url}?deal={deal.pk}" if deal else url)
        status = 422
    context = {"account": account, "form": form, "reviews": reviews_of(account)}
    return render(request, "reviews/reviews.html", context, status=status)
