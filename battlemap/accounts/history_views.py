"""The account's history pages: What changed since a day (of the account or one deal) and the map as it was
at the end of a day. Thin: access gate, selectors, render; the map's tab pages are in views.py."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.as_of import map_then
from battlemap.accounts.changes import default_since, is_empty, since_last_review, what_changed
from battlemap.accounts.views import map_context, map_head
from battlemap.core.access import get_account_for
from battlemap.core.dates import (
    NOT_A_DAY,
    NOT_A_MONTH,
    not_up_to_today_message,
    read_day,
    since_has_ended,
    since_not_ended_message,
    up_to_today,
)
from battlemap.core.multilingual import active_language
from battlemap.deals.selectors_changes import INTERACTIONS_SHOWN, health_moves, people_moves, role_moves
from battlemap.maps import health_band
from battlemap.punctuation import labelled, sentences

# Quick picks of the "since" day on the What changed page, in days back.
SINCE_PICKS = (7, 14, 30, 90)
AS_OF_DEFAULT_DAYS = 30  # the map as it was a month ago unless the reader picks a day


def _since(request, default: date | datetime) -> tuple[date | datetime, str]:
    """The "since" day asked (`?since=YYYY-MM-DD`, from the end of that day), else `default`
    (accounts.changes.since_last_review); with an error naming it for a day that is not one up to today
    (showing the last 7 days), or for today, which has not ended (core.dates.since_has_ended, the API's
    rule: showing today's changes, since yesterday)."""
    text = request.GET.get("since", "").strip()
    if not text:
        return default, ""
    day, error = _day(text)
    if day is None:
        return default_since(), f"{error} {SHOWING_LAST_WEEK}"
    if not since_has_ended(day):
        return day - timedelta(days=1), f"{since_not_ended_message(text[:40])} {SHOWING_TODAY}"
    return day, ""


SHOWING_LAST_WEEK = _("Showing the last 7 days.")
SHOWING_TODAY = _("Showing today's changes.")


def _day(text: str) -> tuple[date | None, str]:
    """The day given (YYYY-MM-DD, or as the forms read it: core.dates.read_day) if the map can be read at or
    since it (core.dates.up_to_today, the API's rule too), else None with the error naming what was given —
    a day the calendar lacks as the forms say it ("2026-02-30 is not a day: 2026-02 has 28 days.")."""
    try:
        day = read_day(text)
    except ValidationError as exc:
        if getattr(exc, "message", None) in (NOT_A_DAY, NOT_A_MONTH):
            return None, sentences(exc.messages)
        return None, not_up_to_today_message(text[:40])
    if day is None or not up_to_today(day):
        return None, not_up_to_today_message(text[:40])
    return day, ""


@login_required
def account_changes(request, slug: str, pk: int | None = None):
    """What changed on the account since a day (`?since=`; by default since the last review, or 7 days
    ago when it was never reviewed), or on one deal (`pk`)."""
    account = get_account_for(request.user, slug)
    only = get_object_or_404(account.deals, pk=pk) if pk is not None else None
    default, review = since_last_review(account, only)
    since, error = _since(request, default)
    # the changes first: computing them caches today's analysis, which the page head then reads
    changes = what_changed(account=account, since=since, deal=only)  # a deal's: only its people
    people = people_moves(changes)  # each list capped
    ctx = map_head(request, account, "changes", deal_id=pk)
    today = timezone.localdate()
    # loaded from a map file within the window: it starts at the end of the load (maps.loaded_in_window)
    since_load = datetime.fromisoformat(changes["since"]) if changes.get("loaded") else None
    start = since_load or since  # where the window starts, as the picker shows it
    ctx |= {
        "changes": changes,
        "nothing": is_empty(changes),
        "only": only,
        "since": since,
        "since_review": review if isinstance(since, datetime) else None,  # since that review's moment
        "since_load": since_load,
        "since_error": error,
        "today": today,
        # the picker offers days that have ended: since today would be empty by definition (_since)
        "latest_since": today - timedelta(days=1),
        "since_day": min(
            timezone.localdate(start) if isinstance(start, datetime) else start, today - timedelta(days=1)
        ),
        "picks": [(days, today - timedelta(days=days)) for days in SINCE_PICKS],
        "health_moves": [
            {
                **h,
                "before_band": health_band(h["before"]),
                "after_band": health_band(h["after"]),
            }
            for h in health_moves(changes["health"])
        ],
        # the people who joined a deal apart, changes after joining first → latest (This week's rule)
        "roles": role_moves(changes["role_changes"], since=since),
        "raised": [(False, f) for f in changes["new_flags"]] + [(True, f) for f in changes["worse_flags"]],
        "people": people,
        "stage_count": len(changes["stage_moves"])
        + len(changes["status_changes"])
        + len(changes["deal_terms"]),
        "actions_count": len(changes["actions_done"]) + len(changes["actions_overdue"]),
        "account_count": bool(changes["lifecycle"])
        + len(changes["owner_changes"])
        + sum(
            len(changes[k])
            for k in ("links_added", "links_removed", "factors_added", "factors_removed", "factors_changed")
        ),
        "interactions": changes["interactions"][-INTERACTIONS_SHOWN:][::-1],
        "interactions_more": max(0, len(changes["interactions"]) - INTERACTIONS_SHOWN),
    }
    return render(request, "accounts/map_changes.html", ctx)


@login_required
def account_as_of(request, slug: str):
    """The org chart, roles and flags as they were at the end of `?on=YYYY-MM-DD` (read only), with
    what differs from today marked; a month ago when no day is given. A day that is not one up to today
    shows the error naming it and the form to pick another, no map (not another day's map unasked)."""
    ctx = map_context(request, slug, "org")
    today = timezone.localdate()
    text = request.GET.get("on", "").strip()
    day, error = _day(text) if text else (today - timedelta(days=AS_OF_DEFAULT_DAYS), "")
    if error:  # said beside the day box, naming it: "日期：“12/31/2026”不是…"
        error = labelled(active_language(), _("As of"), error)
    deal = ctx["deal"]
    then = map_then(account=ctx["account"], day=day, deal_id=deal.pk if deal else None) if day else None
    # past: the head shows neither today's health and flags nor an action that writes (trial 23)
    ctx |= {"day": day, "today": today, "then": then, "day_error": error, "can_edit": False, "past": True}
    # the head as it was that day: the account's facts and deals then, nothing of today's (none unknown)
    ctx |= {
        "account_then": then["account_then"] if then else None,
        "deals": then["deals_then"] if then else [],
    }
    ctx["tab_label"] = _("The map as it was")
    return render(request, "accounts/map_as_of.html", ctx)
