"""The portfolio and the account battle map (one page per view, each linkable). Thin: access gate,
selectors, render. Edits live in edit_views.py (the map's parts) and account_views.py (the account itself)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from battlemap import vocab
from battlemap.accounts import charts, powermap
from battlemap.accounts.as_of import map_then
from battlemap.accounts.changes import default_since, is_empty, since_last_review, what_changed
from battlemap.accounts.forms import ExternalFactorForm
from battlemap.accounts.map_selectors import (
    GRAPH_PEOPLE,
    PORTFOLIO_SORTS,
    deal_looks,
    org_graph,
    portfolio_filter_options,
    portfolio_rows,
    selected_deal,
)
from battlemap.accounts.map_tables import key_ids, org_rows, power_rows
from battlemap.accounts.selectors import deleted_accounts, searched_loosely
from battlemap.accounts.services.handover import may_hand_over
from battlemap.accounts.timeline import TIMELINE_PAGE, timeline
from battlemap.analysis.feedback_types import weight_text
from battlemap.audit.services import audit_view
from battlemap.core.access import accounts_visible_to, can, get_account_for
from battlemap.core.choices import (
    ATTITUDE_CHOICES,
    CHANNEL_CHOICES,
    LIFECYCLE_OPTIONS,
    LINK_KIND_CHOICES,
    ROLE_CHOICES,
    STAGE_CHOICES,
    label,
)
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
from battlemap.look import legend, link_legend
from battlemap.maps import health_band, map_view, view_people
from battlemap.maps.namesakes import shown_names_among
from battlemap.reviews.selectors import last_review

# The account's map, one page a tab, in the order of the tab bar: tab → (URL name, label; the page's title).
MAP_TABS = {
    "org": ("account", _("Org chart")),
    "circle": ("account_circle", _("Influence circle")),
    "chain": ("account_chain", _("Decision chain")),
    "power": ("account_power", _("Power map")),
    "portrait": ("account_portrait", _("Portrait and win-win")),
    "timeline": ("account_timeline", _("Timeline")),
    "changes": ("account_changes", _("What changed")),
}
TABS = tuple(MAP_TABS)
PORTFOLIO_PAGE = 100  # accounts a page of the portfolio (`?page=`)


@login_required
def portfolio(request):
    """The accounts the user may see, filtered and sorted, PORTFOLIO_PAGE a page (the count is of them all)."""
    params = {key: request.GET.get(key, "") for key in ("q", "segment", "lifecycle", "owner", "health")}
    sort = request.GET.get("sort", "name")
    sort = sort if sort.lstrip("-") in PORTFOLIO_SORTS else "name"
    rows = portfolio_rows(
        user=request.user,
        search=params["q"],
        segment=params["segment"],
        lifecycle=params["lifecycle"],
        owner=params["owner"],
        health=params["health"],
        sort=sort.lstrip("-"),
        descending=sort.startswith("-"),
    )
    page = Paginator(rows, PORTFOLIO_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/portfolio.html",
        {
            "rows": page.object_list,
            "page": page,
            "params": params,
            "sort": sort,
            "sorts": PORTFOLIO_SORTS,
            "lifecycles": LIFECYCLE_OPTIONS,
            "options": portfolio_filter_options(user=request.user),
            "has_deleted": bool(deleted_accounts(request.user)),
            "loosely": bool(rows) and searched_loosely(accounts_visible_to(request.user), params["q"]),
        },
    )


def map_head(request, account, tab: str, *, deal_id: int | None = None) -> dict[str, Any]:
    """What the head of every account page needs (deal picker, health, data menu, tabs), for `account`
    already reached through `core.access`; `tab` is a MAP_TABS code or another page's (e.g. "mail").
    The deal shown is `deal_id`, else `?deal=`, else the biggest open one. "view" is the account's
    `maps.map_view` (the analysis without its people's details; flags carry their people's "names"):
    a page that needs more of each person than its row there reads `maps.account_analysis` itself."""
    audit_view(account=account, user=request.user)  # one audit entry per user, account and hour
    deal = selected_deal(account, str(deal_id) if deal_id is not None else request.GET.get("deal"))
    view = map_view(account=account)
    deal_result = next((d for d in view["deals"] if deal and d["id"] == deal.id), None)
    return {
        "account": account,
        "deal": deal,
        "deals": account.deals.all(),
        "tab": tab,
        "tabs": TABS,
        "map_tabs": [
            (code, reverse(name, args=[account.slug]), label) for code, (name, label) in MAP_TABS.items()
        ],
        "tab_label": MAP_TABS[tab][1] if tab in MAP_TABS else "",
        "view": view,
        "deal_result": deal_result,
        "band": deal_result["health"]["band"] if deal_result else "",
        "can_edit": can(request.user, account, "edit"),
        "owns": can(request.user, account, "own"),
        "hands_over": may_hand_over(request.user, account),
        "legend": legend(active_language()),
        "last_review": last_review(account, deal),
    }


CIRCLE_PEOPLE = 300  # people drawn on the influence circle; a bigger account shows its key people


ORG_ROWS = 300  # rows of the people table under the org chart; a bigger account lists its key people


def _map_context(request, slug: str, tab: str) -> dict[str, Any]:
    return map_head(request, get_account_for(request.user, slug), tab)


@login_required
def account_org(request, slug: str):
    ctx = _map_context(request, slug, "org")
    ctx["rows"], ctx["people_total"] = org_rows(ctx["account"], ctx["deal"], ctx["view"], ORG_ROWS)
    ctx["people_hidden"] = ctx["people_total"] - len(ctx["rows"])
    ctx["chart_hidden"] = max(ctx["people_total"] - GRAPH_PEOPLE, 0)  # as org_graph sends them
    ctx["chart_people"] = GRAPH_PEOPLE
    ctx["link_kinds"] = LINK_KIND_CHOICES
    ctx["link_legend"] = link_legend(active_language())  # the exported charts' words for the two lines
    return render(request, "accounts/map_org.html", ctx)


@login_required
def account_graph(request, slug: str):
    account = get_account_for(request.user, slug)
    deal = selected_deal(account, request.GET.get("deal"))
    return JsonResponse(org_graph(account, deal, map_view(account=account)))


@login_required
def account_circle(request, slug: str):
    ctx = _map_context(request, slug, "circle")
    view = ctx["view"]  # each person's ring and its reason are in the map view: no whole analysis here
    ordered = [row[0] for row in view["people_rows"]]
    shown = view_people(view, set(key_ids(ordered, ctx["deal"], CIRCLE_PEOPLE)))
    # two 张伟 on its dots and chips read as one person: namesakes told apart as the flags tell them
    names = shown_names_among(
        account=ctx["account"],
        people=((row[0], row[1]) for row in view["people_rows"]),
        ids={p["id"] for p in shown},
        lang=active_language(),
    )
    shown = [{**p, "name": names.get(p["id"], p["name"])} for p in shown]
    ctx["rings"], ctx["dots"] = charts.circle_layout(
        {**view, "people": shown},
        looks=deal_looks(ctx["deal"], {**view, "people": shown}, circle=True),
        totals=view["ring_counts"],  # a full ring says "+N more" of all its people, not of those sent
        deal_id=ctx["deal"].pk if ctx["deal"] is not None else None,
    )
    drawn = sum(d.kind == "person" for d in ctx["dots"])
    ctx["people_total"], ctx["people_hidden"] = view["people_count"], view["people_count"] - drawn
    ctx["unlabelled"] = [d for d in ctx["dots"] if d.listed]
    ctx["ring_rows"] = [
        {
            "code": code,
            "label": capfirst(vocab.RINGS.label(code, active_language())),
            "people": [p for p in shown if p["ring"] == code],
            "hidden": view["ring_counts"].get(code, 0) - sum(p["ring"] == code for p in shown),
            "factors": [f for f in view["external_factors"] if f.get("ring") == code],
            "bodies": [b for b in view.get("decision_bodies", []) if b.get("ring") == code],
        }
        for code in vocab.RINGS.codes
    ]
    # the two inner rings hold the buying roles of open deals: without one they are empty, and say why
    ctx["no_open_deal"] = not any(d.get("status", "open") == "open" for d in view["deals"])
    ctx["factors"] = ctx["account"].external_factors.all()
    ctx["factor_form"] = ExternalFactorForm()
    return render(request, "accounts/map_circle.html", ctx)


@login_required
def account_chain(request, slug: str):
    ctx = _map_context(request, slug, "chain")
    deal = ctx["deal"]
    if deal is not None:
        current = [code for code, _l in STAGE_CHOICES].index(deal.stage)
        # a stage before the current one that the deal's stage history never entered was skipped, not
        # passed (a deal without any recorded stage, e.g. imported, counts as having passed them)
        entered = set(deal.stage_changes.values_list("stage", flat=True))

        def state(i: int, code: str) -> str:
            if i == current:
                return "current"
            if i > current:
                return "todo"
            return "skipped" if entered and code not in entered else "done"

        ctx["stages"] = [
            {
                "code": code,
                "label": text,
                "state": state(i, code),
                "channels": [label(CHANNEL_CHOICES, c) for c in (deal.channels or {}).get(code, [])],
            }
            for i, (code, text) in enumerate(STAGE_CHOICES)
        ]
        # the weights the analysis reads (the playbook's and MEDDPICC's too): the customer's answers where
        # there are any, else the seller's typed weights, in percent (analysis: deal factors)
        weighed = (ctx["deal_result"] or {}).get("factors") or {}
        ctx["factors"] = [
            {"label": w["label"], "weight": weight_text(w["value"]), "percent": round(w["value"])}
            for w in weighed.get("weights") or []
        ]
        if weighed.get("source") == "answers":
            names = {p["id"]: p["name"] for p in view_people(ctx["view"], set(weighed["respondents"]))}
            ctx["factor_answers"] = [names.get(pid, "") for pid in weighed["respondents"]]
        ctx["stage_changes"] = deal.stage_changes.select_related("by").order_by("-changed_on", "-id")
    return render(request, "accounts/map_chain.html", ctx)


@login_required
def account_power(request, slug: str):
    ctx = _map_context(request, slug, "power")
    rows = power_rows(ctx["deal"], ctx["view"])
    ctx["rows"] = rows
    stakeholders = view_people(ctx["view"], {row["pid"] for row in rows})
    ctx["dots"] = powermap.power_points(
        rows, looks=deal_looks(ctx["deal"], {**ctx["view"], "people": stakeholders})
    )
    ctx["unlabelled"] = [d for d in ctx["dots"] if d.listed]
    labels = dict(ATTITUDE_CHOICES)
    ctx["columns"] = [
        {
            "x1": c.x1,
            "x2": c.x2,
            "width": round(c.x2 - c.x1, 1),
            "x": c.centre,
            "label": labels[c.code],
            "code": c.code,
            "low": i % 2,
        }
        for i, c in enumerate(powermap.power_columns())
    ]
    opponent, skeptic = ctx["columns"][1], ctx["columns"][2]
    ctx["danger"] = {"x": opponent["x1"], "width": round(skeptic["x2"] - opponent["x1"], 1)}
    return render(request, "accounts/map_power.html", ctx)


@login_required
def account_portrait(request, slug: str):
    ctx = _map_context(request, slug, "portrait")
    people = {p.id: p for p in ctx["account"].people.all()}
    rows = []
    for row in (ctx["deal_result"] or {}).get("win_win", []):
        rows.append(
            {
                **row,
                "person": people.get(row["person"]),
                "role_labels": [label(ROLE_CHOICES, c) for c in row["roles"]],
            }
        )
    ctx["win_rows"] = rows
    return render(request, "accounts/map_portrait.html", ctx)


@login_required
def account_timeline(request, slug: str):
    """The account's timeline, TIMELINE_PAGE entries a page, newest first; `?before=` (an ISO time: the oldest
    entry shown) gives the older ones."""
    ctx = _map_context(request, slug, "timeline")
    before = parse_datetime(request.GET.get("before", "")[:40])
    if before is not None and timezone.is_naive(before):
        before = timezone.make_aware(before)
    ctx["entries"] = timeline(ctx["account"], older_than=before)
    ctx["older"] = ctx["entries"][-1].when.isoformat() if len(ctx["entries"]) == TIMELINE_PAGE else ""
    ctx["before"] = before
    return render(request, "accounts/map_timeline.html", ctx)


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
            return None, " ".join(exc.messages)
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
    statuses = dict(account.deals.values_list("pk", "status"))
    ctx |= {
        "changes": changes,
        "nothing": is_empty(changes),
        "only": only,
        "since": since,
        "since_review": review if isinstance(since, datetime) else None,  # since that review's moment
        "since_error": error,
        "today": today,
        # the picker offers days that have ended: since today would be empty by definition (_since)
        "latest_since": today - timedelta(days=1),
        "since_day": min(
            timezone.localdate(since) if isinstance(since, datetime) else since, today - timedelta(days=1)
        ),
        "picks": [(days, today - timedelta(days=days)) for days in SINCE_PICKS],
        "health_moves": [
            {
                **h,
                "before_band": health_band(h["before"]),
                "after_band": health_band(h["after"]),
                "status": statuses.get(h["deal"], "open"),  # a closed deal shows its outcome, not a health
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
    ctx = _map_context(request, slug, "org")
    today = timezone.localdate()
    text = request.GET.get("on", "").strip()
    day, error = _day(text) if text else (today - timedelta(days=AS_OF_DEFAULT_DAYS), "")
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
