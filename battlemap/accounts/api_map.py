"""API: the whole map of an account, its analysis, the map as it was, and what changed."""

from __future__ import annotations

from django.http import Http404
from django.utils import translation
from ninja import Query, Router

from battlemap.accounts import schemas as s
from battlemap.accounts.api_history import changes_since, map_as_of, parse_moment
from battlemap.core.access import get_account_for
from battlemap.core.api import ERRORS, SlugPath, user_of
from battlemap.io.mapformat import export_map

router = Router(tags=["map and analysis"])


@router.get(
    "/accounts/{slug}/map",
    response={200: s.JsonObject, **ERRORS},
    summary="The account's battle map (documented map format, docs/map-format.md)",
)
def account_map(request, slug: str = SlugPath()):
    return export_map(get_account_for(user_of(request), slug))


@router.get(
    "/accounts/{slug}/history",
    response={200: s.JsonObject, **ERRORS},
    summary="The map as it was at a date (as_of=YYYY-MM-DD or an ISO date-time)",
)
def account_history(request, query: Query[s.AsOfQuery], slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    when = parse_moment(query.as_of, field="as_of", end_of_day=True)
    data = map_as_of(account, when)
    if data is None:
        raise Http404("The account did not exist then.")
    return data


@router.get(
    "/accounts/{slug}/changes",
    response={200: s.ChangesOut, **ERRORS},
    summary="What changed in the map since a date, newest first",
)
def account_changes(request, query: Query[s.SinceQuery], slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    return changes_since(account, parse_moment(query.since, field="since", end_of_day=False), query.limit)


def analysis_for(request, account, query: s.AnalysisQuery, *, deal=None) -> dict:
    """The analysis JSON of `battlemap analyze --json`, in the user's language (or `lang`)."""
    from battlemap.accounts.snapshot import account_analysis  # the analysis engine's one helper

    lang = query.lang or translation.get_language() or "en"
    try:
        return account_analysis(
            account=account,
            lang=lang,
            as_of=query.as_of,
            since=query.since,
            deal_id=deal.id if deal is not None else None,
        )
    except ValueError as exc:  # the account or deal did not exist at `as_of`
        raise Http404(str(exc)) from None


@router.get(
    "/accounts/{slug}/analysis",
    response={200: s.JsonObject, **ERRORS},
    summary="The account's analysis: influence, circle, and per deal health, coverage, flags, playbook",
    description="The same JSON as `battlemap analyze ACCOUNT --json` (docs/analysis.md).",
)
def account_analysis(request, query: Query[s.AnalysisQuery], slug: str = SlugPath()):
    return analysis_for(request, get_account_for(user_of(request), slug), query)
