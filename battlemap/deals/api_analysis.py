"""API: the analysis of one deal (the same JSON as `battlemap analyze --json`)."""

from __future__ import annotations

from ninja import Query, Router

from battlemap.accounts.api_map import analysis_for
from battlemap.accounts.schemas import AnalysisQuery, JsonObject
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
