"""Edits on the account pages: drag-reparent on the org chart, the portrait in place, external factors.
Each goes through the access gate with action "edit", a form, then a service (history kept)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from battlemap.accounts import services
from battlemap.accounts.forms import (
    AccountForm,
    ExternalFactorEditForm,
    ExternalFactorForm,
    HandoverForm,
    MapImportForm,
    PortraitForm,
    ReportsToForm,
)
from battlemap.accounts.map_file import import_map_file
from battlemap.accounts.models import Account, ExternalFactor
from battlemap.accounts.selectors import deleted_accounts, free_slug, namesakes
from battlemap.accounts.services import handover
from battlemap.core.access import get_account_for, get_for
from battlemap.core.htmx import is_htmx, render_htmx
from battlemap.core.messages import named
from battlemap.core.money import amount_saved
from battlemap.core.multilingual import for_viewer
from battlemap.core.services import StaleEdit
from battlemap.deals.web import after_write, attach_errors, edit_page, error_status, form_context
from battlemap.io.mapformat.jobs import map_import_state
from battlemap.once.web import guarded, result_at
from battlemap.ops.selectors import no_worker_notice
from battlemap.ops.services import notice_dead_workers
from battlemap.people.services import person_update


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
    deal_q = f"?deal={request.GET['deal']}" if request.GET.get("deal", "").isdigit() else ""
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
    account = get_account_for(request.user, slug, "edit")
    form = ExternalFactorForm(request.POST)
    if form.is_valid():
        try:
            services.external_factor_create(account=account, **form.cleaned_data)
        except ValidationError as error:
            for field, msgs in _errors(error).items():
                form.add_error(field if field in form.fields else None, msgs)
    if form.is_valid() and not form.errors:
        if is_htmx(request):
            form = ExternalFactorForm()
        else:
            messages.success(request, _("External factor added."))
            return redirect("account_circle", slug=slug)
    status = 200 if not form.errors else 400
    response = render(
        request,
        "accounts/partials/factors.html",
        {
            "account": account,
            "factors": account.external_factors.all(),
            "factor_form": form,
            "can_edit": True,
        },
        status=status,
    )
    return result_at(response, reverse("account_circle", args=[slug])) if status == 200 else response


# --- create and edit an account ---------------------------------------------------------------------


def _account_page(request, form, account=None, *, error=None):
    context = {"form": form, "account": account, "can_edit": True, "restore_days": services.RESTORE_DAYS}
    invalid = error is not None or bool(form.errors)
    status = (409 if isinstance(error, StaleEdit) else 422) if invalid else 200
    return render(request, "accounts/account_form.html", context, status=status)


@login_required
@guarded
def account_create(request):
    """A new account, owned by the user (or a teammate they pick), shared with one of their teams."""
    form = AccountForm(request.POST or None, user=request.user)
    error = None
    if request.method == "POST" and form.is_valid() and not form.namesake_unconfirmed():
        fields = form.account_fields()
        owner = fields.pop("owner")
        try:
            account = services.account_create(owner=owner, by=request.user, **fields)
        except ValidationError as e:
            attach_errors(form, e, {"segments": "segments_text"})
            error = e
        else:
            messages.success(request, _("Account created. Add its people, then its first deal."))
            _say_amount(request, form, account)
            return after_write(request, reverse("account", args=[account.slug]))
    return _account_page(request, form, error=error)


@login_required
@guarded
def account_import(request):
    """A whole account from a map file (JSON), owned by the user: the map's people, links, factors,
    deals, roles and interactions, loaded in one transaction by io.mapformat (all or nothing)."""
    form = MapImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            token = import_map_file(form, user=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            return after_write(request, reverse("account_import_job", args=[token]))
    status = 422 if form.errors else 200
    return render(request, "accounts/map_import.html", {"form": form, "can_edit": True}, status=status)


@login_required
def account_import_job(request, token: str):
    """The job loading a map file (io.mapformat.jobs): its progress while it runs (the page polls), then a
    link to the new account, or why nothing was imported. Only the user who uploaded it sees it."""
    state = map_import_state(token, request.user)
    if state is None:
        raise Http404
    if notice_dead_workers(state["status"]):  # its worker died: the job says so now, not never
        state = map_import_state(token, request.user) or state
    if state["status"] == "done":
        account = Account.objects.filter(slug=state["account_slug"]).first()
        if account is not None:
            messages.success(request, _("Account imported from the map file."))
            same = namesakes(request.user, account)  # said, so a second copy of one customer is not missed
            if same:
                messages.warning(
                    request,
                    _(
                        "You already had an account named “%(name)s” (%(slugs)s): this one is another. If it is "
                        "the same customer, keep one of them."
                    )
                    % {"name": account.name, "slugs": ", ".join(a.slug for a in same)},
                )
            if state.get(
                "left_out"
            ):  # users of the map unknown here or not allowed: said, not dropped unseen
                messages.warning(request, for_viewer(state["left_out"]))
            return redirect("account", state["account_slug"])
        state = {**state, "status": "gone"}
    state = {**state, "problems": for_viewer(state.get("problems"))}  # kept in every language
    no_worker = no_worker_notice(state["status"])
    context = {"state": state, "token": token, "no_worker": no_worker}
    return render(request, "accounts/map_import_job.html", context)


@login_required
def account_edit(request, slug: str):
    """Edit an account's facts; the owner and team only by the owner or an administrator."""
    account = get_account_for(request.user, slug, "edit")
    form = AccountForm(request.POST or None, user=request.user, account=account)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_update(
                account=account,
                version=form.cleaned_data["version"],
                by=request.user,
                **form.account_fields(),
            )
        except ValidationError as e:
            attach_errors(form, e, {"segments": "segments_text"})
            error = e
        else:
            messages.success(request, _("Saved."))
            _say_amount(request, form, account)
            return after_write(request, reverse("account", args=[account.slug]))
    return _account_page(request, form, account, error=error)


def _say_amount(request, form, account: Account) -> None:
    """The potential value as stored, when typed or changed (120万 is seen to be 1,200,000)."""
    said = amount_saved(form, "potential_value", account.potential_value, account.currency)
    if said:
        messages.info(request, said)


@login_required
def account_handover(request, slug: str):
    """Hand the account over to another user with a note: its owner, a manager of the owner's or the account's
    team, or an administrator (`handover.may_hand_over`; a teammate who may see the account is told no; anyone
    else gets 404)."""
    account = get_account_for(request.user, slug, "view")
    if not handover.may_hand_over(request.user, account):
        raise PermissionDenied(handover.ONLY_OWNER_HANDS_OVER)
    form = HandoverForm(request.POST or None, user=request.user, account=account)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            old = account.owner.get_username()
            try:
                account = handover.account_handover(
                    account=account,
                    to=form.cleaned_data["to"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                    version=form.cleaned_data["version"],
                )
            except StaleEdit as stale:
                form.add_error(None, stale.text)
                status = 409
            except ValidationError as e:
                attach_errors(form, e, {})
            else:
                messages.success(
                    request,
                    named(
                        _("%(account)s now belongs to %(new)s (was %(old)s)."),
                        account=account.name,
                        new=account.owner.get_username(),
                        old=old,
                    ),
                )
                return redirect(reverse("account_timeline", args=[account.slug]))
    return render(request, "accounts/handover.html", {"account": account, "form": form}, status=status)


@login_required
def account_delete(request, slug: str):
    """Delete the account, after a page that says what goes with it: its owner or an administrator only (a
    teammate or manager who may see it is told no; anyone else gets 404). Soft (`services.account_delete`):
    the message after it offers the undo, and Deleted accounts lists it for RESTORE_DAYS days."""
    account = get_account_for(request.user, slug, "own")
    if request.method == "POST":
        services.account_delete(account=account, by=request.user)
        done = render_to_string(  # a safe string: the template escapes the name
            "accounts/_deleted_message.html",
            {"account": account, "days": services.RESTORE_DAYS},
            request=request,
        )
        messages.success(request, done)
        return redirect(reverse("portfolio"))
    context = {
        "account": account,
        "people": account.people.count(),
        "deals": account.deals.count(),
        "open_deals": account.deals.filter(status="open").count(),
        "days": services.RESTORE_DAYS,
    }
    return render(request, "accounts/delete.html", context)


@login_required
def accounts_deleted(request):
    """The deleted accounts the user may restore (their own; all for an administrator), with the day each
    may be removed for good."""
    context = {"accounts": deleted_accounts(request.user), "days": services.RESTORE_DAYS}
    return render(request, "accounts/deleted.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def account_restore(request, slug: str):
    """Bring a deleted account back (its owner or an administrator; 404 for anyone else, as for a missing one).
    A GET (the Undo's address opened or reloaded) restores nothing: it leads to Deleted accounts."""
    if request.method == "GET":
        return redirect(reverse("accounts_deleted"))
    try:
        account = services.account_restore(slug=slug, by=request.user)
    except Account.DoesNotExist:
        raise Http404("No such deleted account") from None
    messages.success(request, named(_("%(account)s is back."), account=account.name))
    return redirect(reverse("account", args=[account.slug]))


@login_required
def account_slug(request):
    """htmx: the slug field with a suggestion from the name typed so far (pinyin for Chinese)."""
    suggestion = free_slug(request.GET.get("name", ""))
    return render(
        request, "accounts/_slug_field.html", {"suggestion": suggestion, "value": request.GET.get("slug", "")}
    )


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
        lambda version: services.external_factor_update(
            factor=factor, version=version, **form.factor_fields()
        ),
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
        services.external_factor_delete(factor=factor, version=int(request.POST.get("version") or 0))
    except (ValidationError, ValueError) as e:
        messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
        form = ExternalFactorEditForm(initial=_factor_initial(factor))
        context = form_context(request, account, form, factor=factor)
        return render(request, "accounts/factor_edit.html", context, status=error_status(e))
    messages.success(request, _("External factor deleted."))
    return after_write(request, _circle_url(account))
