"""Small builders for tests: each returns a saved, valid object with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from battlemap.accounts.models import Account, ExternalFactor, OrgUnit
from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from battlemap.interactions.models import Interaction, Participant
from battlemap.people.models import InfluenceLink, Person
from battlemap.teams.models import Membership, Team

_seq = itertools.count(1)


def user(username: str | None = None, **fields):
    username = username or f"user{next(_seq)}"
    return get_user_model().objects.create_user(
        username=username, password=fields.pop("password", "pw"), **fields
    )


def team(slug: str | None = None, *, members=(), managers=()) -> Team:
    slug = slug or f"team{next(_seq)}"
    t = Team.objects.create(slug=slug, name=slug.title())
    for u in members:
        Membership.objects.create(team=t, user=u, role=Membership.Role.MEMBER)
    for u in managers:
        Membership.objects.create(team=t, user=u, role=Membership.Role.MANAGER)
    return t


def account(*, owner, slug: str | None = None, name: str | None = None, **fields) -> Account:
    slug = slug or f"acct{next(_seq)}"
    return Account.objects.create(slug=slug, name=name or slug.title(), owner=owner, **fields)


def org_unit(*, account: Account, name: str = "Sales", parent: OrgUnit | None = None) -> OrgUnit:
    return OrgUnit.objects.create(account=account, name=name, parent=parent)


def person(*, account: Account, name: str | None = None, **fields) -> Person:
    return Person.objects.create(account=account, name=name or f"Person {next(_seq)}", **fields)


def link(*, source: Person, target: Person, **fields) -> InfluenceLink:
    return InfluenceLink.objects.create(account=source.account, source=source, target=target, **fields)


def factor(*, account: Account, **fields) -> ExternalFactor:
    fields.setdefault("kind", "competitor")
    fields.setdefault("description", "A competitor offers a lower price")
    return ExternalFactor.objects.create(account=account, **fields)


def deal(*, account: Account, name: str = "Platform deal", **fields) -> Deal:
    return Deal.objects.create(account=account, name=name, **fields)


def role(*, deal: Deal, person: Person, roles=("decision_maker",), **fields) -> StakeholderRole:
    return StakeholderRole.objects.create(deal=deal, person=person, roles=list(roles), **fields)


def interaction(
    *, account: Account, people=(), days_ago: int = 1, kind: str = "meeting", **fields
) -> Interaction:
    when = fields.pop("occurred_at", None) or timezone.now() - timedelta(days=days_ago)
    if isinstance(when, datetime) and timezone.is_naive(when):
        when = timezone.make_aware(when)
    i = Interaction.objects.create(account=account, occurred_at=when, kind=kind, **fields)
    for p in people:
        Participant.objects.create(interaction=i, person=p)
    return i


def action(*, deal: Deal, text: str = "Send the ROI case", **fields) -> ActionItem:
    return ActionItem.objects.create(deal=deal, text=text, **fields)
