"""No edit is ever lost: every model keeps its history, relations included."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from battlemap.deals.models import Coverage
from battlemap.interactions.models import Participant
from battlemap.people.models import DottedLine, Person
from tests import factories as f

MAP_APPS = ["accounts", "people", "deals", "interactions", "process", "teams"]


@pytest.mark.parametrize(
    "model",
    [
        m
        for a in MAP_APPS
        for m in apps.get_app_config(a).get_models()
        if not m.__name__.startswith("Historical")
    ],
    ids=lambda m: m.__name__,
)
def test_every_map_model_is_versioned(model):
    assert hasattr(model, "history"), f"{model.__name__} keeps no history"


def test_it_keeps_the_earlier_version_of_a_person(world):
    person = Person.objects.get(name="李明")
    person.title = "首席信息官"
    person.save()
    titles = [h.title for h in person.history.order_by("history_date")]
    assert titles == ["信息中心主任", "首席信息官"]
    assert person.history.earliest().instance.title == "信息中心主任"
    assert person.version == 2


def test_it_rebuilds_the_map_as_of_a_moment(world):
    person = Person.objects.get(name="李明")
    before = timezone.now()
    person.status, person.left_on = "left", timezone.localdate()
    person.save()
    assert Person.history.as_of(before).get(pk=person.pk).status == "active"
    assert Person.history.as_of(timezone.now() + timedelta(seconds=1)).get(pk=person.pk).status == "left"


def test_relations_and_deletions_are_kept(world):
    boss, li = world.cn_boss, Person.objects.get(name="李明")
    dotted = DottedLine.objects.create(person=li, manager=boss)
    role = world.cn_deal.roles.get(person=boss)
    coverage = Coverage.objects.create(stakeholder=role, user=world.owner)
    meeting = f.interaction(account=world.cn, people=[boss, li])
    moment = timezone.now()
    dotted.delete()
    coverage.delete()
    Participant.objects.filter(interaction=meeting, person=li).delete()
    assert DottedLine.history.as_of(moment).filter(person=li, manager=boss).exists()
    assert not DottedLine.objects.exists()
    assert Coverage.history.as_of(moment).count() == 1
    assert Participant.history.as_of(moment).filter(interaction_id=meeting.pk).count() == 2
    assert [h.history_type for h in DottedLine.history.order_by("history_date")] == ["+", "-"]
