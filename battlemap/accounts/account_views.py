"""An account's life on the web: create it (or import a whole map file), edit it, hand it over, delete it and
restore it. Each goes through the access gate, a form, then a service (history kept); the edits of the map's
parts on the account pages are edit_views.py's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from battlemap.accounts import services
from battlemap.accounts.forms import (
    ACCOUNT_FORM_FIELDS,
    AccountForm,
    HandoverForm,
    MapImportForm,
)
from battlemap.accounts.map_file import import_map_file
from battlemap.accounts.models import Account
from battlemap.accounts.selectors import deleted_accounts, free_slug, may_hand_over, namesakes
from battlemap.accounts.services import handover
from battlemap.core.access import can, get_account_for
from battlemap.core.messages import named
from battlemap.core.money import amount_saved
from battlemap.core.multilingual import active_language, for_viewer
from battlemap.core.services import StaleEdit
from battlemap.core.text import user_name
from battlemap.deals.web import after_write, attach_errors
from battlemap.io.mapformat.jobs import map_import_state
from battlemap.once.web import guarded
from battlemap.ops.selectors import no_worker_notice
from battlemap.ops.services import notice_dead_workers
from battlemap.punctuation import join_names


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
            attach_errors(form, e, ACCOUNT_FORM_FIELDS)
            error = e
        else:
            messages.success(request, _created_message(request.user, account))
            _say_amount(request, form, account)
            return after_write(request, reverse("account", args=[account.slug]))
    return _account_page(request, form, error=error)


def _created_message(user, account: Account) -> str:
    """What the creator does next: add the people and the first deal — or, for a manager who made the account
    for a rep and may only view it, that the owner does (a manager's trial: told to add people and a deal, then
    refused both, 403)."""
    if can(user, account, "edit"):
        return _("Account created. Add its people, then its first deal.")
    return named(
        _(
            "Account created for %(owner)s, who adds its people and its first deal: you may view it, not change it."
        ),
        owner=user_name(account.owner),
    )


@login_required
@guarded
def account_import(request):
    """A whole account from a map file (JSON), owned by the user: the map's people, links, factors,
    deals, roles and interactions, loaded in one transaction by io.mapformat (all or nothing)."""
    form = MapImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            fields = form.cleaned_data
            token = import_map_file(
                upload=fields["file"], slug=fields["slug"], team=fields["team"], user=request.user
            )
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
                    % {"name": account.name, "slugs": join_names(active_language(), [a.slug for a in same])},
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
            attach_errors(form, e, ACCOUNT_FORM_FIELDS)
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
    team, or an administrator (`selectors.may_hand_over`; a teammate who may see the account is told no; anyone
    else gets 404)."""
    account = get_account_for(request.user, slug, "view")
    if not may_hand_over(request.user, account):
        raise PermissionDenied(handover.ONLY_OWNER_HANDS_OVER)
    form = HandoverForm(request.POST or None, user=request.user, account=account)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            old = user_name(account.owner)
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
                        new=user_name(account.owner),
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
