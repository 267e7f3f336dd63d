"""Pages of decision bodies, and the deal room's purchase process and bodies' roles. Thin: access gate →
form → service → render (in the room, htmx gets the room partial back)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from battlemap.core.access import can, get_account_for, get_for
from battlemap.core.messages import named
from battlemap.deals.room import room_deal, room_edit_page, room_refused, room_saved, room_write
from battlemap.deals.web import (
    after_write,
    attach_errors,
    edit_page,
    error_status,
    form_account,
    form_context,
    form_page,
    submit,
)
from battlemap.once.web import guarded
from battlemap.process import selectors, services
from battlemap.process.forms import BodyForm, BodyRoleForm, StepForm, TemplateForm
from battlemap.process.models import BodyRole, DecisionBody, ProcessStep
from battlemap.punctuation import sentences

# --- decision bodies --------------------------------------------------------------------------------


@login_required
def bodies(request, slug: str):
    account = get_account_for(request.user, slug, "view")
    context = {
        "account": account,
        "rows": selectors.body_rows(account=account),
        "can_edit": can(request.user, account, "edit"),
    }
    return render(request, "process/bodies.html", context)


def _bodies_url(account, body=None) -> str:
    url = reverse("bodies", args=[account.slug])
    return f"{url}#body-{body.pk}" if body is not None else url


@login_required
@guarded
def body_new(request, slug: str):
    account = form_account(request, slug)
    form = BodyForm(request.POST or None, account=account)
    body, error = submit(
        request,
        form,
        lambda: services.body_create(
            account=account, members=form.cleaned_data["members"], **form.body_fields()
        ),
    )
    if body is not None:
        messages.success(request, _("Decision body added."))
        return after_write(request, _bodies_url(account, body))
    context = form_context(request, account, form)
    return form_page(request, "process/body_form.html", "process/body_form.html", context, error=error)


def _body(request, account, body_id: int, action: str) -> DecisionBody:
    return get_for(request.user, DecisionBody.objects.all(), action, pk=body_id, account=account)


@login_required
def body_edit(request, slug: str, body_id: int):
    account = form_account(request, slug)
    body = _body(request, account, body_id, "edit")
    form = BodyForm(request.POST or None, account=account, body=body)
    return edit_page(
        request,
        account,
        form,
        lambda version: services.body_update(
            body=body, version=version, members=form.cleaned_data["members"], **form.body_fields()
        ),
        done_url=lambda saved: _bodies_url(account, saved),
        full="process/body_form.html",
        partial="process/body_form.html",
        body=body,
    )


@login_required
@require_POST
def body_delete(request, slug: str, body_id: int):
    account = get_account_for(request.user, slug, "edit")
    body = _body(request, account, body_id, "edit")
    try:
        services.body_delete(body=body, version=int(request.POST.get("version") or 0))
    except ValidationError as e:  # a stale delete: the edit page again, the error on top (409)
        messages.error(request, sentences(e.messages))
        form = BodyForm(account=account, body=body)
        context = form_context(request, account, form, body=body)
        return form_page(request, "process/body_form.html", "process/body_form.html", context, error=e)
    undo = render_to_string(  # the message offers the undo (a safe string: the template escapes)
        "deals/_undo_message.html",
        {
            "text": named(_("%(name)s deleted."), name=body.name),
            "undo": reverse("body_restore", args=[account.slug, body_id]),
        },
        request=request,
    )
    messages.success(request, undo)
    return after_write(request, _bodies_url(account))


@login_required
@require_POST
def body_restore(request, slug: str, body_id: int):
    """The undo of a body's deletion (the link in the "deleted" message): it comes back as it was, with its seats
    and roles in deals (process.services.body_restore); what an edit made since keeps is said."""
    account = get_account_for(request.user, slug, "edit")
    try:
        restored = services.body_restore(account=account, body_id=body_id)
    except ValidationError as e:
        messages.error(request, sentences(e.messages))
        return redirect(_bodies_url(account))
    body = restored.back[0]
    messages.success(request, named(_("%(name)s is back."), name=body.name))
    for note in restored.notes():
        messages.warning(request, note)
    return redirect(_bodies_url(account, body))


# --- the deal room: bodies' roles and the purchase process ------------------------------------------


@login_required
@require_POST
@guarded
def body_role_set(request, slug: str, pk: int):
    deal = room_deal(request, slug, pk, "edit")
    form = BodyRoleForm(request.POST, deal=deal)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.body_role_set(
                deal=deal, body=data["body"], version=data["version"] or 0, **form.role_fields()
            )
        except ValidationError as e:
            attach_errors(form, e)
            return room_refused(request, deal, status=error_status(e), body_role_form=form)
        messages.success(request, _("Saved."))
        return room_saved(request, deal)
    return room_refused(request, deal, status=422, body_role_form=form)


def _body_role(request, deal, body_id: int) -> BodyRole:
    return get_for(
        request.user,
        BodyRole.objects.select_related("body"),
        "edit",
        "deal__account",
        deal=deal,
        body_id=body_id,
    )


@login_required
def body_role_edit(request, slug: str, pk: int, body_id: int):
    """Edit a body's part in the deal: its buying roles and note, the form prefilled, with its version."""
    deal = room_deal(request, slug, pk, "edit")
    role = _body_role(request, deal, body_id)
    form = BodyRoleForm(request.POST or None, deal=deal, role=role)

    def save(version: int | None) -> BodyRole:
        return services.body_role_update(role=role, version=version, **form.role_fields())

    page = "process/body_role_edit.html"
    return room_edit_page(request, deal, form, save, anchor="#deal-bodies-title", full=page, role=role)


@login_required
@require_POST
def body_role_remove(request, slug: str, pk: int, body_id: int):
    deal = room_deal(request, slug, pk, "edit")
    role = _body_role(request, deal, body_id)
    return room_write(
        request,
        deal,
        lambda version: services.body_role_delete(role=role, version=version),
        named(_("%(name)s has no role in this deal any more."), name=role.body.name),
    )


@login_required
@require_POST
@guarded
def step_add(request, slug: str, pk: int):
    deal = room_deal(request, slug, pk, "edit")
    form = StepForm(request.POST, deal=deal)
    if form.is_valid():
        try:
            services.step_create(deal=deal, people=form.cleaned_data["people"], **form.step_fields())
        except ValidationError as e:
            attach_errors(form, e)
            return room_refused(request, deal, status=422, step_form=form)
        messages.success(request, _("Step added."))
        return room_saved(request, deal)
    return room_refused(request, deal, status=422, step_form=form)


@login_required
@require_POST
@guarded
def steps_template(request, slug: str, pk: int):
    deal = room_deal(request, slug, pk, "edit")
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            services.steps_from_template(deal=deal, template=form.cleaned_data["template"])
        except ValidationError as e:
            attach_errors(form, e)
            return room_refused(request, deal, status=422, template_form=form)
        messages.success(request, _("The template's steps were added."))
        return room_saved(request, deal)
    return room_refused(request, deal, status=422, template_form=form)


def _step(request, deal, step_id: int, action: str) -> ProcessStep:
    return get_for(request.user, ProcessStep.objects.all(), action, "deal__account", pk=step_id, deal=deal)


@login_required
def step_edit(request, slug: str, pk: int, step_id: int):
    """Edit a step: its dates, status, the body and the people responsible, its documents, its place."""
    deal = room_deal(request, slug, pk, "edit")
    step = _step(request, deal, step_id, "edit")
    form = StepForm(request.POST or None, deal=deal, step=step)
    return room_edit_page(
        request,
        deal,
        form,
        lambda version: services.step_update(
            step=step, version=version, people=form.cleaned_data["people"], **form.step_fields()
        ),
        anchor="#process-title",
        full="process/step_edit.html",
        step=step,
    )


@login_required
@require_POST
def step_delete(request, slug: str, pk: int, step_id: int):
    deal = room_deal(request, slug, pk, "edit")
    step = _step(request, deal, step_id, "edit")
    return room_write(
        request, deal, lambda version: services.step_delete(step=step, version=version), _("Step deleted.")
    )
