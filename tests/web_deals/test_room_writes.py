"""Deleting from the deal room (a process step, an action item) goes through one helper
(`deals.web.room_write`): a stale or bad version is refused with the message and the room again (409),
the record kept; a delete that goes through says so and answers the room (htmx: the partial)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.models import ActionItem
from battlemap.process import services as process_services
from battlemap.process.models import ProcessStep
from tests import factories as f

pytestmark = pytest.mark.django_db


def _step(w):
    return process_services.step_create(deal=w.cn_deal, kind="budget")


def _item(w):
    return f.action(deal=w.cn_deal, text="送ROI测算", owner=w.owner)


ROOM_DELETES = [
    ("deal_step_delete", _step, ProcessStep, "Step deleted."),
    ("deal_action_delete", _item, ActionItem, "Action item deleted."),
]


@pytest.mark.parametrize(("name", "make", "model", "done"), ROOM_DELETES, ids=[r[0] for r in ROOM_DELETES])
@pytest.mark.parametrize("version", ["stale", "not-a-number"])
def test_a_refused_delete_keeps_the_record_and_answers_409(
    owner_client, world, name, make, model, done, version
):
    record = make(world)
    posted = record.version + 1 if version == "stale" else version
    url = reverse(name, args=[world.cn.slug, world.cn_deal.pk, record.pk])
    response = owner_client.post(url, {"version": posted}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert model.objects.filter(pk=record.pk).exists()
    assert done not in response.content.decode()


@pytest.mark.parametrize(("name", "make", "model", "done"), ROOM_DELETES, ids=[r[0] for r in ROOM_DELETES])
def test_a_delete_says_so_and_goes_back_to_the_room(owner_client, world, name, make, model, done):
    record = make(world)
    url = reverse(name, args=[world.cn.slug, world.cn_deal.pk, record.pk])
    response = owner_client.post(url, {"version": record.version}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.redirect_chain[-1][0] == reverse("deal", args=[world.cn.slug, world.cn_deal.pk])
    assert not model.objects.filter(pk=record.pk).exists()
    assert done in response.content.decode()
