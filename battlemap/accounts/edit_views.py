"""Edits on the account pages: drag-reparent on the org chart, the portrait in place, external factors.
Each goes through the access gate with action "edit", a form, then a service (history kept)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from battlemap.accounts import services
from battlemap.accounts.forms import (
    ExternalFactorEditForm,
    ExternalFactorForm,
    PortraitForm,
    ReportsToForm,
)
from battlemap.accounts.models import ExternalFactor
from battlemap.accounts.services.factors import (
    external_factor_create,
    external_factor_delete,
    external_factor_update,
)
from battlemap.accounts.views import circle_context
from battlemap.core.access import get_account_for, get_for
from battlemap.core.api import asked_id
from battlemap.core.htmx import is_htmx, render_htmx
from battlemap.core.services import StaleEdit
from battlemap.deals.web import after_write, edit_page, error_status, form_context, submit
from battlemap.once.web import guarded, result_at
from battlemap.people.services import person_update
from battlemap.punctuation import sentences


def _errors(form_or_error) -> dict[str, list[str]]:
    if isinstance(form_or_error, ValidationError):
        return {k: [str(m) for m in v] for k, v in form_or_error.message_dict.items()}
    return {k: [str(m) for m in v] for k, v in form_or_error.errors.items()}


@login_required
@require_POST
def reparent(request, slug: str):
    """JSON endpoint behind drag-a-card-onto-another: {"ok": true} or {"errors": {field: [messages]}}."""
    account = get_account_for(request.user, slug, "edit")
    form = ReportsToForm(request.POST, account=account)
    if not form.is_valid():
        return JsonResponse({"errors": _errors(form)}, status=400)
    try:
        person = person_update(
            person=form.cleaned_data["person"],
            version=form.cleaned_data["version"],
            reports_to=form.cleaned_data["manager"],
        )
    except StaleEdit as stale:
        return JsonResponse({"errors": {"version": [stale.text]}}, status=409)
    except ValidationError as error:
        return JsonResponse({"errors": _errors(error)}, status=400)
    return JsonResponse(
        {"ok": True, "person": person.pk, "reports_to": person.reports_to_id, "version": person.version}
    )


@login_required
def portrait_edit(request, slug: str):
    """GET: the portrait form (a partial for htmx). POST: save, then the read-only portrait again."""
    account = get_account_for(request.user, slug, "edit")
    deal_q = _deal_q(request)
    if request.method == "POST":
        status = 400
        form = PortraitForm(request.POST, instance=account)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in services.PORTRAIT_FIELDS}
            try:
                account = services.account_portrait_update(
                    account=account, version=form.cleaned_data["version"], **fields
                )
            except StaleEdit as stale:
                form.add_error(None, stale.text)
                status = 409
            except ValidationError as error:
                for field, msgs in _errors(error).items():
                    form.add_error(field if field in form.fields else None, msgs)
            else:
                if is_htmx(request):
                    return render(
                        request,
                        "accounts/partials/portrait.html",
                        {"account": account, "can_edit": True, "deal_q": deal_q},
                    )
                messages.success(request, _("Portrait saved."))
                return redirect(reverse("account_portrait", args=[slug]) + deal_q)
    else:
        form = PortraitForm(instance=account, initial={"version": account.version})
        status = 200
    context = {"account": account, "form": form, "deal_q": deal_q}
    return render_htmx(
        request, "accounts/portrait_edit.html", "accounts/partials/portrait_form.html", context, status=status
    )


@login_required
def portrait_view(request, slug: str):
    """The read-only portrait partial (htmx "cancel")."""
    account = get_account_for(request.user, slug, "edit")
    return render(request, "accounts/partials/portrait.html", {"account": account, "can_edit": True})


@login_required
@require_POST
@guarded
def factor_add(request, slug: str):
    """Add an external factor (an outer ring of the influence circle). htmx gets the circle page and swaps its
    body (#circle-body): the chart draws the factor, the ring table lists it in its ring and the list under them
    holds it — the list alone was swapped before, the ring still read "empty". A plain post goes back to the
    circle with "External factor added."; a refused one gets the page again, the form's errors by its fields (422)."""
    account = get_account_for(request.user, slug, "edit")
    form = ExternalFactorForm(request.POST)
    saved = submit(request, form, lambda: external_factor_create(account=account, **form.cleaned_data))[0]
    if saved is None:
        return render(request, "accounts/map_circle.html", circle_context(request, slug, form), status=422)
    circle = reverse("account_circle", args=[slug]) + _deal_q(request)
    if not is_htmx(request):
        messages.success(request, _("External factor added."))
        return redirect(circle)
    return result_at(render(request, "accounts/map_circle.html", circle_context(request, slug)), circle)


def _deal_q(request) -> str:
    """The deal the page showed (`?deal=`), to keep on the page a write goes back to."""
    deal_id = asked_id(request.GET.get("deal"))
    return f"?deal={deal_id}" if deal_id is not None else ""


# --- create and edit an account ---------------------------------------------------------------------


def _factor(request, slug: str, pk: int, action: str) -> ExternalFactor:
    account = get_account_for(request.user, slug, action)
    return get_for(
        request.user, ExternalFactor.objects.select_related("account"), action, pk=pk, account=account
    )


def _factor_initial(factor: ExternalFactor) -> dict:
    return {
        "kind": factor.kind,
        "description": factor.description,
        "effect": factor.effect,
        "version": factor.version,
    }


def _circle_url(account) -> str:
    return reverse("account_circle", args=[account.slug]) + "#factors"


@login_required
def factor_edit(request, slug: str, pk: int):
    """Edit an external factor (an outer ring of the influence circle); delete it from the same page."""
    factor = _factor(request, slug, pk, "edit")
    form = ExternalFactorEditForm(request.POST or None, initial=_factor_initial(factor))
    return edit_page(
        request,
        factor.account,
        form,
        lambda version: external_factor_update(factor=factor, version=version, **form.factor_fields()),
        done_url=lambda saved: _circle_url(saved.account),
        full="accounts/factor_edit.html",
        partial="accounts/partials/factor_form.html",
        factor=factor,
    )


@login_required
@require_POST
def factor_delete(request, slug: str, pk: int):
    factor = _factor(request, slug, pk, "edit")
    account = factor.account
    try:
        external_factor_delete(factor=factor, version=int(request.POST.get("version") or 0))
    except (ValidationError, ValueError) as e:
        messages.error(request, sentences(getattr(e, "messages", [str(e)])))
        form = ExternalFactorEditForm(initial=_factor_initial(factor))
        context = form_context(request, account, form, factor=factor)
        return render(request, "accounts/factor_edit.html", context, status=error_status(e))
    messages.success(request, _("External factor deleted."))
    return after_write(request, _circle_url(account))
