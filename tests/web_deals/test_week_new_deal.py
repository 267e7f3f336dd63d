"""A deal created this week reads the same on This week and on its What changed (trial 23): its first health is
a move from nothing ("new deal → 44") on both, the people who joined it are one line naming them with their
roles, not a line per person and field, and a change made after someone joined is shown first → latest."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import StakeholderRole
from battlemap.users.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db


def _age_the_map(days: int) -> None:
    for model in apps.get_models():
        if hasattr(model, "history") and not model.__name__.startswith("Historical"):
            model.history.update(history_date=timezone.now() - timedelta(days=days))


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


@pytest.fixture
def new_hospital_deal(world):
    """Last month's map of the account; this week a new deal with three people, one of whom, 李明, turned
    from supporter to advocate after he joined."""
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    li = world.cn.people.get(name="李明")
    zhou = f.person(account=world.cn, name="周强", title="副院长")
    _age_the_map(30)
    deal = f.deal(account=world.cn, name="智慧医院HIS", stage="evaluation")
    f.role(deal=deal, person=world.cn_boss, roles=["decision_maker"], attitude="neutral", influence=5)
    f.role(deal=deal, person=zhou, roles=["influencer"], attitude="skeptic", influence=4)
    role = f.role(deal=deal, person=li, roles=["champion"], attitude="supporter", influence=4)
    role.attitude = "advocate"
    role.save()
    return deal


def test_this_week_and_what_changed_show_a_new_deals_first_health_alike(
    owner_client, world, new_hospital_deal
):
    home = _home_moves(owner_client)
    health = _text(_section(home, "Health moves", "Red flags resolved"))
    changes = owner_client.get(
        reverse("deal_changes", args=[world.cn.slug, new_hospital_deal.pk])
    ).content.decode()
    on_changes = _text(_section(changes, 'id="c-health"', "</section>"))
    assert "智慧医院HIS new deal →" in health and "No health moved" not in health
    assert "智慧医院HIS new deal →" in on_changes
    score = re.search(r"智慧医院HIS new deal → (\d+)", health).group(1)
    assert f"new deal → {score}" in on_changes


def test_people_who_joined_a_new_deal_are_one_line_and_a_later_change_shows_first_to_latest(
    owner_client, world, new_hospital_deal
):
    roles = _text(_section(_home_moves(owner_client), 'id="week-roles"', "</ul>"))
    assert roles.count("joined the deal") == 1
    assert "3 people joined the deal" in roles
    assert "王建国 (decision maker)" in roles and "周强 (influencer)" in roles
    assert "李明 attitude: supporter → advocate" in roles
    changes = owner_client.get(
        reverse("deal_changes", args=[world.cn.slug, new_hospital_deal.pk])
    ).content.decode()
    on_changes = _text(_section(changes, 'id="role-changes"', "</ul>"))
    assert "3 people joined the deal" in on_changes and on_changes.count("joined the deal") == 1
    assert "李明 attitude: supporter → advocate" in on_changes
    assert StakeholderRole.objects.filter(deal=new_hospital_deal).count() == 3


def _home_moves(client) -> str:
    html = client.get(reverse("home")).content.decode()
    return html[html.index('id="week-moves"') :]
