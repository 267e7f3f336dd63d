"""Downloads: an export (map JSON, XLSX, PDF, PPTX, PNG) runs in a background worker; its job page
(io.views.job_page, as an import's) leads to the file.

Every view reaches the account through core.access: outsiders get 404.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from battlemap.core.access import get_account_for
from battlemap.core.multilingual import active_language

from .export import FORMATS
from .export.jobs import export_response, export_start, export_state
from .job_retry import job_retry
from .tabular.selectors import deal_of_account
from .views import job_page, noticing_dead_workers


def _export_lang(request) -> str:
    lang = request.GET.get("lang") or request.POST.get("lang") or active_language()
    return "en" if lang.startswith("en") else "zh-hans"


@login_required
@require_http_methods(["GET", "POST"])
def export_download(request, slug: str, fmt: str):
    """An export runs in a background worker: POST queues it and leads to its job page; GET (an old link
    or bookmark) shows the button that does."""
    account = get_account_for(request.user, slug, "view")
    if fmt not in FORMATS:
        raise Http404
    deal = request.POST.get("deal", "") or request.GET.get("deal", "")
    deal_id = int(deal) if deal.isdigit() else None
    if deal_id is not None and deal_of_account(account, deal_id) is None:
        raise Http404
    if request.method == "GET":
        return job_page(request, account, {"status": "new"}, "", can_retry=False, export=True,
                         format_label=fmt.upper())  # fmt: skip
    token = export_start(
        account=account, user=request.user, fmt=fmt, deal_id=deal_id, lang=_export_lang(request)
    )
    return redirect("io:export_job", slug=account.slug, token=token)


def _export_job(request, slug: str, token: str) -> tuple[Any, dict]:
    """The account (whoever may see it) and the state of its export job `token`; else 404."""
    account = get_account_for(request.user, slug, "view")
    state = export_state(token, account.pk)
    if state is None:
        raise Http404
    return account, state


@login_required
def export_job(request, slug: str, token: str):
    """An export's progress, then the link to its file."""
    account, state = _export_job(request, slug, token)
    state = noticing_dead_workers(state, token)
    can_retry = bool(state.get("retry")) and state.get("user_id") == request.user.pk
    return job_page(request, account, state, token, can_retry=can_retry, export=True,
                     format_label=state["format"].upper(), keep_minutes=settings.EXPORT_KEEP_MINUTES)  # fmt: skip


@login_required
@require_POST
def export_job_retry(request, slug: str, token: str):
    """Run again an export whose worker stopped; only for the user who asked for it."""
    account, state = _export_job(request, slug, token)
    if state.get("user_id") != request.user.pk:
        raise Http404
    job_retry(token, state)
    return redirect("io:export_job", slug=account.slug, token=token)


@login_required
def export_file(request, slug: str, token: str):
    """The finished file, to whoever may see the account (core.access); each download is audited."""
    account, state = _export_job(request, slug, token)
    if state.get("status") != "done":
        raise Http404
    return export_response(account, token, state, user=request.user)
