"""The portfolio and the account battle map (one page per view, each linkable). Thin: access gate,
selectors, render. Edits live in edit_views.py (the map's parts) and account_views.py (the account itself)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from battlemap import vocab
from battlemap.accounts import charts, powermap
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
from battlemap.accounts.selectors import deleted_accounts, may_hand_over, searched_loosely
from battlemap.accounts.timeline import timeline, timeline_start
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
from battlemap.core.multilingual import active_language
from battlemap.look import legend, link_legend
from battlemap.maps import map_view, view_people
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
        "band": deal_result["health"]["band"] if deal_result and deal_result["health"] else "",
        "can_edit": can(request.user, account, "edit"),
        "owns": can(request.user, account, "own"),
        "hands_over": may_hand_over(request.user, account),
        "legend": legend(active_language()),
        "last_review": last_review(account, deal),
    }


CIRCLE_PEOPLE = 300  # people drawn on the influence circle; a bigger account shows its key people


ORG_ROWS = 300  # rows of the people table under the org chart; a bigger account lists its key people


def map_context(request, slug: str, tab: str) -> dict[str, Any]:
    """`map_head` of the account `slug` the user may see (404 otherwise: `core.access.get_account_for`)."""
    return map_head(request, get_account_for(request.user, slug), tab)


@login_required
def account_org(request, slug: str):
    ctx = map_context(request, slug, "org")
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
    return render(request, "accounts/map_circle.html", circle_context(request, slug))


def circle_context(request, slug: str, factor_form: ExternalFactorForm | None = None) -> dict[str, Any]:
    """The influence circle page's context: the map head (`map_context`, 404 to an outsider), the rings drawn
    (`rings`, `dots`) and listed (`ring_rows`), the external factors and the form that adds one — `factor_form`,
    a refused one with its errors, else a blank one. Adding a factor answers with it too (`edit_views.factor_add`)."""
    ctx = map_context(request, slug, "circle")
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
    ctx["factor_form"] = factor_form or ExternalFactorForm()
    return ctx


@login_required
def account_chain(request, slug: str):
    ctx = map_context(request, slug, "chain")
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
    ctx = map_context(request, slug, "power")
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
    ctx = map_context(request, slug, "portrait")
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
    """The account's timeline, TIMELINE_PAGE entries a page, newest first; `?before=` (the "Older entries" cursor:
    the place of the last entry shown; an ISO time, from earlier links: before that moment) gives the older ones."""
    ctx = map_context(request, slug, "timeline")
    start = timeline_start(request.GET.get("before", ""), ctx["account"])
    page = timeline(ctx["account"], after=start)
    ctx["entries"], ctx["older"], ctx["before"] = page.entries, page.older, start
    return render(request, "accounts/map_timeline.html", ctx)
