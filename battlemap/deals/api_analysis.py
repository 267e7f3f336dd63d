"""API: the analysis of one deal (the same JSON as `battlemap analyze --json`)."""

from __future__ import annotations

from ninja import Query, Router

from battlemap.accounts.api_map import analysis_for, what_changed_for
from battlemap.accounts.schemas import AnalysisQuery, JsonObject, WhatChangedQuery
from battlemap.core.access import get_for
from battlemap.core.api import ERRORS, IdPath, user_of
from battlemap.deals.models import Deal

router = Router(tags=["map and analysis"])


@router.get(
    "/deals/{id}/analysis",
    response={200: JsonObject, **ERRORS},
    summary="The deal's analysis: health, coverage, red flags, playbook, win-win, MEDDPICC, Blue Sheet",
    description="The same JSON as `battlemap analyze ACCOUNT --deal ID --json`, with only this deal.",
)
def deal_analysis(request, query: Query[AnalysisQuery], id: int = IdPath()):
    deal = get_for(user_of(request), Deal.objects.select_related("account"), "view", pk=id)
    return analysis_for(request, deal.account, query, deal=deal)


@router.get(
    "/deals/{id}/what-changed",
    response={200: JsonObject, **ERRORS},
    summary="What changed on the deal since a day: roles and attitudes, stage, flags, health, contacts, actions",
    description=(
        "The account's changes kept to this deal: its flags, health, stage, roles, contacts and actions, and "
        "only the people who have or had a part in it; since defaults to the moment of the last review "
        "that counts for the deal, or 7 days ago when never reviewed."
    ),
)
def deal_what_changed(request, query: Query[WhatChangedQuery], id: int = IdPath()):
    deal = get_for(user_of(request), Deal.objects.select_related("account"), "view", pk=id)
    return what_changed_for(request, deal.account, query, deal=deal)
