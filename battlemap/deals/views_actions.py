"""A deal's action items in its room: add, edit (text, about whom, owner, due day), tick done, delete with an
undo. Thin: access gate → form → service; the room answers through deals.views (room_saved, room_refused)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from battlemap.core.access import get_for
from battlemap.core.dates import next_day_without_year
from battlemap.deals.forms import ActionItemEditForm, ActionItemForm
from battlemap.deals.models import ActionItem, Deal
from battlemap.deals.room import room_deal, room_edit_page, room_refused, room_saved, room_write
from battlemap.deals.services import actions
from battlemap.deals.web import attach_errors
from battlemap.once.web import guarded

# An open action item due on a day already past: kept as typed (the seller may be logging what is late),
# said at once rather than only by This week's "overdue" later — as a deal's past expected close is.
DUE_PASSED = gettext_lazy(
    "The due day %(day)s has already passed: the action item shows as overdue from now on."
)


# A due day typed without its year ("12月20日", "12/20") is the next such day (core.dates.next_day_without_year):
# said with the day taken, so a seller who meant another year sees it at once.
YEAR_TAKEN = gettext_lazy("No year was typed: the due day %(typed)s is taken as %(day)s, the next such day.")


# A suggestion made an action item with one click (the room's "Make it an action item") carries no due day: it
# is given one a week on, and said so, so it reaches This week rather than waiting undated.
SUGGESTION_DUE_DAYS = 7
SUGGESTION_DUE = gettext_lazy(
    "Made from a suggestion, due %(day)s: a week from today. Change the day with “edit”."
)


def _suggestion_due(data):
    """The POST of a suggestion's button (`from=suggestion`, no due day) → the same with the due day a week on
    (the view says so once the item is made); any other POST as it is."""
    if data.get("from") != "suggestion" or data.get("due"):
        return data
    data = data.copy()
    data["due"] = (timezone.localdate() + timedelta(days=SUGGESTION_DUE_DAYS)).isoformat()
    return data


def say_due_day(request, item: ActionItem, typed: str = "") -> ActionItem:
    """Says an action item's due day when the seller may not have meant it: already past, or the year taken for
    one typed without it (the deal room's action forms and the meeting capture's next step alike)."""
    if item.is_overdue:
        messages.warning(request, DUE_PASSED % {"day": item.due.isoformat()})
    if item.due is not None and next_day_without_year(typed) == item.due:
        messages.info(request, YEAR_TAKEN % {"typed": typed.strip(), "day": item.due.isoformat()})
    return item


@login_required
@require_POST
@guarded
def action_add(request, slug: str, pk: int):
    deal = room_deal(request, slug, pk, "edit")
    form = ActionItemForm(_suggestion_due(request.POST), deal=deal)
    if form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data["owner"] = data.get("owner") or request.user
            item = actions.action_item_create(deal=deal, **data)
            say_due_day(request, item, form.data.get("due", ""))
            if form.data is not request.POST:
                messages.info(request, SUGGESTION_DUE % {"day": item.due.isoformat()})
        except ValidationError as e:
            attach_errors(form, e)
            return room_refused(request, deal, status=422, action_form=form)
        return room_saved(request, deal)
    return room_refused(request, deal, status=422, action_form=form)


def _item(request, deal: Deal, item_id: int, action: str) -> ActionItem:
    return get_for(
        request.user,
        ActionItem.objects.select_related("person", "owner"),
        action,
        account_field="deal__account",
        pk=item_id,
        deal=deal,
    )


@login_required
def action_edit(request, slug: str, pk: int, item_id: int):
    """Edit an action item: text, about whom, assign it to a teammate, due day, done."""
    deal = room_deal(request, slug, pk, "edit")
    item = _item(request, deal, item_id, "edit")
    form = ActionItemEditForm(request.POST or None, deal=deal, item=item)
    return room_edit_page(
        request,
        deal,
        form,
        lambda version: say_due_day(
            request,
            actions.action_item_update(item=item, version=version, **form.item_fields()),
            form.data.get("due", ""),
        ),
        anchor="#actions-title",
        full="deals/action_edit.html",
        partial="deals/_action_form.html",
        item=item,
    )


@login_required
@require_POST
def action_delete(request, slug: str, pk: int, item_id: int):
    deal = room_deal(request, slug, pk, "edit")
    item = _item(request, deal, item_id, "edit")
    done = render_to_string(  # the message offers the undo (a safe string: the template escapes)
        "deals/_undo_message.html",
        {
            "text": _("Action item deleted."),
            "undo": reverse("deal_action_restore", args=[slug, pk, item.pk]),
            "target": "#deal-room",
        },
        request=request,
    )
    return room_write(
        request, deal, lambda version: actions.action_item_delete(item=item, version=version), done
    )


@login_required
@require_POST
def action_restore(request, slug: str, pk: int, item_id: int):
    """The undo of a deleted action item (the link in the "deleted" message): back as it was."""
    deal = room_deal(request, slug, pk, "edit")
    return room_write(
        request,
        deal,
        lambda version: actions.action_item_restore(deal=deal, item_id=item_id),
        _("Action item brought back."),
    )


@login_required
@require_POST
def action_done(request, slug: str, pk: int, item_id: int):
    deal = room_deal(request, slug, pk, "edit")
    item = _item(request, deal, item_id, "edit")
    done = request.POST.get("done") == "1"
    return room_write(
        request, deal, lambda version: actions.action_item_update(item=item, version=version, done=done)
    )
