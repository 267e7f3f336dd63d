from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from battlemap.accounts.selectors import account_list
from battlemap.core.access import can, get_account_for


@login_required
def home(request):
    return redirect("portfolio")


@login_required
def portfolio(request):
    search = request.GET.get("q", "")
    return render(
        request,
        "accounts/portfolio.html",
        {"accounts": account_list(user=request.user, search=search), "q": search},
    )


@login_required
def account_detail(request, slug: str):
    account = get_account_for(request.user, slug)
    people = account.people.select_related("reports_to", "org_unit").order_by("name_key")
    deals = account.deals.order_by("name")
    return render(
        request,
        "accounts/account.html",
        {
            "account": account,
            "people": people,
            "deals": deals,
            "can_edit": can(request.user, account, "edit"),
        },
    )
