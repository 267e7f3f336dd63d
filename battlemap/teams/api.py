"""API: the teams you belong to (read only)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router

from battlemap.core.api import ERRORS, SLUG_PATTERN, ChangedPage, page_of, paginate, user_of
from battlemap.teams.schemas import TeamOut
from battlemap.teams.selectors import teams_visible_to

router = Router(tags=["teams"])


def _teams(user):
    return teams_visible_to(user).prefetch_related("memberships__user")


@router.get("/teams", response={200: page_of(TeamOut), **ERRORS}, summary="Teams you belong to")
def team_list(request, page: Query[ChangedPage]):
    return paginate(_teams(user_of(request)).order_by("name", "id"), page)


@router.get("/teams/{slug}", response={200: TeamOut, **ERRORS}, summary="One of your teams and its members")
def team_detail(request, slug: str = Path(..., pattern=SLUG_PATTERN)):
    return get_object_or_404(_teams(user_of(request)), slug=slug)
