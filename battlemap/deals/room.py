"""The deal room as every edit in it answers (the deal's own views, its action items, the purchase process):
the deal through the access gate, what the room template reads, and the page or htmx partial after a write
or a refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from battlemap.core.access import can, get_account_for, get_for
from battlemap.core.choices import STAGE_CHOICES
from battlemap.core.htmx import is_htmx, render_htmx
from battlemap.deals import selectors
from battlemap.deals.forms import ActionItemForm, StageForm, StakeholderForm
from battlemap.deals.models import Deal
from battlemap.deals.web import after_write, edit_page
from battlemap.process.room import room_section
from battlemap.punctuation import sentences

ROOM = "deals/room.html"
ROOM_PARTIAL = "deals/_room.html"


def room_context(request, deal: Deal, **forms) -> dict:
    """What the room template reads: the deal room's reads, the purchase process, its forms (a refused one
    from `forms`, by its context name, else a blank one)."""
    return {
        **selectors.deal_room(deal=deal),
        **room_section(deal, forms),
        "account": deal.account,
        "can_edit": can(request.user, deal.account, "edit"),
        "history": selectors.deal_history(deal=deal),
        "stage_form": forms.get("stage_form")
        or StageForm(initial={"stage": deal.stage, "version": deal.version}),
        "action_form": forms.get("action_form") or ActionItemForm(deal=deal),
        "role_form": forms.get("role_form") or StakeholderForm(deal=deal),
        "role_person": forms.get("role_person"),
        "today": timezone.localdate(),
        "stage_choices": STAGE_CHOICES,
        "is_partial": is_htmx(request),
    }


def room_page(request, deal: Deal, *, status: int = 200, **forms):
    """The room after an edit: the partial for htmx, the whole page otherwise (with the form's errors)."""
    deal.refresh_from_db()
    return render_htmx(request, ROOM, ROOM_PARTIAL, room_context(request, deal, **forms), status=status)


def room_url(deal: Deal) -> str:
    """The room's address."""
    return reverse("deal", args=[deal.account.slug, deal.pk])


def room_deal(request, slug: str, pk: int, action: str = "view") -> Deal:
    """The deal of a room URL through the access gate (404 for outsiders)."""
    account = get_account_for(request.user, slug, action)
    return get_for(request.user, Deal.objects.select_related("account"), action, pk=pk, account=account)


def room_refused(request, deal: Deal, *, status: int, **forms):
    """The room again, with a refused form's errors (`forms` by their context name)."""
    return room_page(request, deal, status=status, **forms)


def room_saved(request, deal: Deal):
    """After a write in the room: the fresh partial for htmx, a redirect to the room otherwise."""
    return after_write(request, room_url(deal), ROOM_PARTIAL, room_context(request, fresh(deal)))


def room_saved_at_row(request, deal: Deal, person) -> HttpResponse:
    """After a stakeholder's part (roles, attitude, plan…) is saved from the room's editor: the confirmation
    goes in `person`'s row of the coverage grid (`saved_person_id`, not the room's top) and htmx shows that
    row (HX-Reswap `show:`) — on a phone the editor sits thousands of pixels below the room's top, and the
    form closing left the window on the playbook with nothing saying it was saved. A plain post is redirected
    to the room (its message on top, as every other write)."""
    context = {**room_context(request, fresh(deal)), "saved_person_id": person.pk}
    response = after_write(request, room_url(deal), ROOM_PARTIAL, context)
    if is_htmx(request):
        response["HX-Reswap"] = f"outerHTML show:#coverage-{person.pk}:top"  # the row's id in _room.html
    return response


def fresh(deal: Deal) -> Deal:
    """The deal as stored now (after a write)."""
    deal.refresh_from_db()
    return deal


def room_write(request, deal, write: Callable[[int], Any], done: str = "") -> HttpResponse:
    """A write from the deal room with the version the room showed (delete a step, a body's role, an
    action item or a stakeholder, tick an item done, reopen the deal): `write(version)` (the service).
    Refused (a stale edit, a bad version) → its message and the room again (409); done → `done` as a
    success message (if any) and back to the room (the fresh partial for htmx, a redirect otherwise)."""
    try:
        write(int(request.POST.get("version") or 0))
    except (ValidationError, ValueError) as e:
        messages.error(request, sentences(getattr(e, "messages", [str(e)])))
        return room_refused(request, deal, status=409)
    if done:
        messages.success(request, done)
    return room_saved(request, deal)


def room_edit_page(
    request,
    deal: Deal,
    form,
    save: Callable[[int | None], Any],
    *,
    anchor: str,
    full: str,
    partial: str = "",
    **context,
) -> HttpResponse:
    """The edit page of one record shown in the deal room (a process step, a body's part, an action item):
    `deals.web.edit_page` with `deal` in the page and, once saved, back to the room at `anchor` ("#…")."""
    return edit_page(
        request,
        deal.account,
        form,
        save,
        done_url=lambda saved: room_url(deal) + anchor,
        full=full,
        partial=partial or full,
        deal=deal,
        **context,
    )
