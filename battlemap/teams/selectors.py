"""Reads of the teams app: which teams a user may see and which they may run."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

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
        raise ValueError(_("several teams are named %(name)s: give the slug") % {"name": repr(text)})
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


def memberships_run_by(by, user) -> list[Membership]:
    """`user`'s memberships in the teams `by` may run (`can_manage_team`; None: the installation, every one),
    by team name: the teams whose accounts a handover of `user`'s (a seller who leaves) reaches."""
    memberships = Membership.objects.filter(user=user).select_related("team").order_by("team__name", "id")
    return [m for m in memberships if by is None or can_manage_team(by, m.team)]


def handover_membership(by, user) -> Membership | None:
    """Where `by` hands over the accounts of `user`, deactivated: their first membership in a team `by` runs
    (`memberships_run_by`; its page "Hand over their accounts…"); None when `user` is active, none, or in no team
    `by` runs. The pages that show an account's owner link there (teams.templatetags.team_tags.colleague)."""
    if user is None or user.is_active:
        return None
    found = memberships_run_by(by, user)
    return found[0] if found else None


def is_last_manager(membership: Membership) -> bool:
    """True when `membership` is the team's only manager: without it nobody but an administrator runs
    the team and reviews its deals."""
    if membership.role != Membership.Role.MANAGER:
        return False
    others = Membership.objects.filter(team_id=membership.team_id, role=Membership.Role.MANAGER)
    return not others.exclude(pk=membership.pk).exists()


def teams_left_unmanaged(user) -> list[Team]:
    """The teams `user` manages that no other active user manages, by name: with `user` deactivated nobody but an
    administrator runs them (adds members, hands a leaver's accounts over) nor reviews their reps' deals — what the
    admin says when it deactivates them (teams.admin)."""
    others = Membership.objects.filter(
        team_id=OuterRef("pk"), role=Membership.Role.MANAGER, user__is_active=True
    ).exclude(user=user)
    managed = Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values("team_id")
    return list(Team.objects.filter(pk__in=managed).exclude(Exists(others)).order_by("name", "id"))


def is_newcomer(user, team: Team) -> bool:
    """A user who owns no account and belongs to no team but `team`: joining shows the managers nothing
    of theirs, so a manager may add them; anyone else is added by an administrator."""
    from battlemap.accounts.models import Account  # accounts imports teams

    elsewhere = Membership.objects.filter(user=user).exclude(team=team).exists()
    return not elsewhere and not Account.all_objects.filter(owner=user).exists()


def removal_effect(membership: Membership, viewer) -> dict:
    """What removing `membership.user` from the team changes, for the confirmation page:

    * `hidden`: their accounts not shared with the team, which the team's managers see only because they
      are in it: these leave the managers' pipeline, account list and week; `hidden_deals`: their open deals;
    * `leaving`: how many accounts shared with the team they stop seeing (those they do not own);
    * `orphaned_items`: their open action items on the deals of those accounts (`orphaned_items`) — nobody's to
      do once they cannot open them: the removal gives each to its account's owner (services.membership_remove);
    * `orphaned_coverage`: how many stakeholders they cover in those accounts' open deals (`orphaned_coverage`),
      whom the removal gives to each account's owner likewise;
    * `last_manager`: the team would have no manager (refused);
    * `admin_only_back`: `viewer` could not add them back (not a newcomer), an administrator must."""
    from battlemap.accounts.models import Account  # accounts imports teams
    from battlemap.deals.models import Deal

    member, team = membership.user, membership.team
    hidden = list(Account.objects.filter(owner=member).exclude(team=team).order_by("name"))
    deals = Deal.objects.filter(account__in=hidden, status="open").select_related("account")
    return {
        "hidden": hidden,
        "hidden_deals": list(deals.order_by("account__name", "name")),
        "leaving": Account.objects.filter(team=team).exclude(owner=member).count(),
        "orphaned_items": list(orphaned_items(membership).select_related("deal__account__owner")),
        "orphaned_coverage": orphaned_coverage(membership).count(),
        "last_manager": is_last_manager(membership),
        "admin_only_back": not viewer.is_superuser and not is_newcomer(member, team),
    }


def orphaned_items(membership: Membership):
    """`membership.user`'s open action items on the deals of the team's accounts they do not own (a won or lost
    deal's too: after-sale work, as a handover moves them), by due day: theirs to do only while they see those
    accounts."""
    from battlemap.deals.models import ActionItem

    member, team = membership.user, membership.team
    return (
        ActionItem.objects.still_open()
        .filter(owner=member, deal__account__team=team)
        .exclude(deal__account__owner=member)
        .order_by("due", "id")
    )


def orphaned_coverage(membership: Membership):
    """Whom `membership.user` covers in the open deals of the team's accounts they do not own — theirs to cover
    only while they see those accounts, as their `orphaned_items` (a closed deal keeps who covered them then, as a
    handover keeps it)."""
    from battlemap.deals.models import Coverage

    member, team = membership.user, membership.team
    return (
        Coverage.objects.filter(
            user=member, stakeholder__deal__account__team=team, stakeholder__deal__status="open"
        )
        .exclude(stakeholder__deal__account__owner=member)
        .order_by("id")
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
