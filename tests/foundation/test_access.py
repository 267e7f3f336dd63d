import pytest
from django.http import Http404

from battlemap.core.access import accounts_visible_to, can, get_account_for, get_for
from battlemap.people.models import Person
from tests import factories as f


def slugs(user, action="view"):
    return set(accounts_visible_to(user, action).values_list("slug", flat=True))


def test_owner_sees_and_edits_own_accounts(world):
    assert slugs(world.owner) == {"guodian", "northwind"}
    assert slugs(world.owner, "edit") == {"guodian", "northwind"}


def test_teammate_edits_team_account_but_not_owners_private_one(world):
    assert slugs(world.teammate, "edit") == {"guodian"}


def test_manager_of_owner_views_but_cannot_edit(world):
    assert slugs(world.manager) == {"guodian", "northwind"}
    # carol manages the team: she reviews the team's account and alice's own one, and changes neither
    # (README "Who sees what": a membership with the manager role grants view, not edit).
    assert slugs(world.manager, "edit") == set()
    assert not can(world.manager, world.en, "edit")
    assert can(world.manager, world.cn, "view") and not can(world.manager, world.cn, "edit")


def test_outsider_gets_404_not_403(world):
    with pytest.raises(Http404):
        get_account_for(world.outsider, "guodian")
    assert get_account_for(world.outsider, "secret") == world.other
    assert slugs(world.outsider) == {"secret"}


def test_anonymous_and_inactive_see_nothing(world, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert slugs(AnonymousUser()) == set()
    world.owner.is_active = False
    world.owner.save()
    assert slugs(world.owner) == set()


def test_superuser_sees_everything(world, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    assert slugs(admin) == {"guodian", "northwind", "secret"}


def test_objects_are_reached_through_their_account(world):
    boss = Person.objects.get(name="王建国")
    assert get_for(world.owner, Person.objects.all(), pk=boss.pk) == boss
    with pytest.raises(Http404):
        get_for(world.outsider, Person.objects.all(), pk=boss.pk)


def test_manager_of_another_team_sees_nothing(world):
    other_manager = f.user("dave")
    f.team("west", managers=[other_manager], members=[f.user("erin")])
    assert slugs(other_manager) == set()


def test_unknown_action_is_a_programming_error(world):
    with pytest.raises(ValueError):
        accounts_visible_to(world.owner, "delete")
