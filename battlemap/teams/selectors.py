"""Reads of the teams app: which teams a user may see and which they may run."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from battlemap.teams.models import Membership, Team


def teams_visible_to(user) -> QuerySet[Team]:
    """Administrators see every team; anyone else the teams they belong to (as member or manager)."""
    teams = Team.objects.order_by("name", "id")
    if user.is_superuser:
        return teams
    return teams.filter(memberships__user=user).distinct()


def team_named(text: str) -> Team | None:
    """The team a command line names: by slug (`east`), else by name (`华东大客户部`); None when no team has
    it. Raises ValueError when several teams bear that name (then the slug tells them apart)."""
    text = (text or "").strip()
    team = Team.objects.filter(slug=text).first()
    if team is not None or not text:
        return team
    named = list(Team.objects.filter(name=text).order_by("id")[:2])
    if len(named) > 1:
        raise ValueError(f"several teams are named {text!r}: give the slug")
    return named[0] if named else None


def only_team_of(user) -> Team | None:
    """The team a user belongs to when they belong to exactly one (as member or manager), else None:
    the sensible default for sharing what they create (administrators too: their own memberships)."""
    teams = list(Team.objects.filter(memberships__user=user).distinct()[:2])
    return teams[0] if len(teams) == 1 else None


def can_manage_team(user, team: Team) -> bool:
    """Administrators and the team's managers add and remove members and mark managers."""
    return (
        user.is_superuser
        or Membership.objects.filter(team=team, user=user, role=Membership.Role.MANAGER).exists()
    )


def get_team_for(user, slug: str, manage: bool = False) -> Team:
    """The team with this slug if `user` may see it (or, with `manage`, run it); otherwise 404."""
    try:
        team = teams_visible_to(user).get(slug=slug)
    except Team.DoesNotExist:
        raise Http404("No such team") from None
    if manage and not can_manage_team(user, team):
        raise Http404("No such team")
    return team
