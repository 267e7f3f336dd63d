"""Writes of the teams app: teams and who belongs to them (the createuser command and the demo call
them). Every write validates the model (ValidationError naming the field) and is kept in history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from battlemap.core.services import create_validated, delete_versioned, update_versioned
from battlemap.teams.models import Membership, Team, WarningSettings


def team_create(*, slug: str, name: str = "") -> Team:
    """A new team (`name` defaults to the slug). Errors: ValidationError naming `slug` (taken, bad)."""
    return create_validated(Team(slug=slug, name=name or slug))


def membership_add(*, team: Team, user, role: str = Membership.Role.MEMBER) -> Membership:
    """`user` joins `team` as a member or its manager. Errors: ValidationError naming `user` (already in
    the team) or `role` (not a role)."""
    if Membership.objects.filter(team=team, user=user).exists():
        raise ValidationError({"user": _("This user is already in the team.")})
    return create_validated(Membership(team=team, user=user, role=role))


def membership_set_role(*, membership: Membership, role: str, version: int | None = None) -> Membership:
    """Make a member a manager of the team or back (a manager views the team's accounts; a member edits).

    Errors: ValidationError naming `role` (not a role); StaleEdit when `version` is not the current one."""
    return update_versioned(membership, version=version, changes={"role": role}, allowed=("role",))


def membership_remove(*, membership: Membership, version: int | None = None) -> None:
    """`membership.user` leaves the team: from now on the gate no longer lets them see its accounts
    (accounts they own stay theirs). History keeps the membership. Errors: StaleEdit."""
    delete_versioned(membership, version=version)


WARNING_FIELDS = ("stale_days", "close_slip_days", "stage_limit_days")


def warning_settings_set(*, team: Team, changes: dict, version: int | None = None) -> WarningSettings:
    """Set the team's warning thresholds (`changes`: any of WARNING_FIELDS; None or {} = the default).

    The first save creates the row; later saves refuse a stale `version` (StaleEdit). Errors:
    ValidationError naming the field (e.g. `stage_limit_days` with a stage outside 0..365 days)."""
    current = WarningSettings.objects.filter(team=team).first()
    if current is None:
        fields = {k: v for k, v in changes.items() if k in WARNING_FIELDS}
        return create_validated(WarningSettings(team=team, **fields))
    return update_versioned(current, version=version, changes=changes, allowed=WARNING_FIELDS)
