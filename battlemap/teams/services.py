"""Writes of the teams app: teams and who belongs to them (the createuser command and the demo call
them). Every write validates the model (ValidationError naming the field) and is kept in history."""

from __future__ import annotations

from battlemap.core.services import create_validated
from battlemap.teams.models import Membership, Team


def team_create(*, slug: str, name: str = "") -> Team:
    """A new team (`name` defaults to the slug). Errors: ValidationError naming `slug` (taken, bad)."""
    return create_validated(Team(slug=slug, name=name or slug))


def membership_add(*, team: Team, user, role: str = Membership.Role.MEMBER) -> Membership:
    """`user` joins `team` as a member or its manager. Errors: ValidationError (already a member…)."""
    return create_validated(Membership(team=team, user=user, role=role))
