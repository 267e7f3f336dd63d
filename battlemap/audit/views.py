"""The account's audit log page: the owner's and the administrators' (core.access action "own")."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from battlemap.audit.selectors import account_audit
from battlemap.core.access import get_account_for

PAGE = 100


@login_required
def account_audit_page(request, slug: str):
    account = get_account_for(request.user, slug, "own")
    page = Paginator(account_audit(account=account), PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/account_audit.html",
        {"account": account, "page": page, "keep_days": settings.AUDIT_KEEP_DAYS},
    )
