"""Undo a decision body's deletion: the "… deleted." message carries an Undo that brings the body back with the same
id, its seats, its roles in deals and the process steps it was responsible for, so the map is as it was (review
s40 rev4: deleting one had a confirmation but no undo; its seats and roles survived only in history). The restore
is core.restore's, as a person's: a chair deleted since is not put back (said), a seat of someone deleted since
stays out (counted), a step edited since keeps its edit (said); what is no deleted body of this account is
refused."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from battlemap.demo.loader import load_demo
from battlemap.people.services import person_delete
from battlemap.process.models import BodyMember, BodyRole, DecisionBody, ProcessStep
from battlemap.process.services import body_delete, body_restore, step_update
from tests import factories as f
from tests.restored import map_state

pytestmark = pytest.mark.django_db


def test_deleting_a_demo_body_and_undoing_it_on_the_web_gives_the_map_back_as_it_was(client):
    load_demo()
    client.login(username="demo", password="demo")
    body = (
        DecisionBody.objects.filter(account__slug="hdny")
        .annotate(seats=Count("members", distinct=True), roles=Count("deal_roles", distinct=True))
        .filter(roles__gt=0)
        .order_by("-seats", "pk")
        .first()
    )
    assert body.members.count() > 1
    before = map_state("hdny")
    url = reverse("body_delete", args=["hdny", body.pk])
    bodies = client.post(url, {"version": body.version}, follow=True).content.decode()
    assert not DecisionBody.objects.filter(pk=body.pk).exists() and map_state("hdny") != before
    assert "撤销" in bodies  # "… deleted." with its Undo
    undo = re.search(r'<form method="post" action="([^"]*/restore/)"', bodies)
    assert undo and undo.group(1) == reverse("body_restore", args=["hdny", body.pk])
    page = client.post(undo.group(1), follow=True)
    assert page.redirect_chain[-1][0] == reverse("bodies", args=["hdny"]) + f"#body-{body.pk}"
    assert map_state("hdny") == before  # every table's rows and the whole map export: as before the deletion


def _body(world):
    li = f.person(account=world.cn, name="李明")
    body = DecisionBody.objects.create(account=world.cn, name="党委会", chair=li)
    for person in (world.cn_boss, li):
        BodyMember.objects.create(body=body, person=person)
    BodyRole.objects.create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    step = ProcessStep.objects.create(deal=world.cn_deal, name="党委会审议", body=body)
    return body, li, step


@pytest.mark.parametrize(
    ("lang", "no_chair", "edited", "left_out"),
    [
        ("en", "came back with no chair", "was edited since", "1 record deleted at the same time stays out"),
        ("zh-hans", "没有主持人", "在删除后被修改过", "1 条"),
    ],
)
def test_what_is_gone_or_edited_since_stays_as_it_is_and_is_said(world, lang, no_chair, edited, left_out):
    body, li, step = _body(world)
    other = ProcessStep.objects.create(deal=world.cn_deal, name="招标", body=body)
    body_delete(body=body)
    person_delete(person=li)
    step_update(step=step, version=ProcessStep.objects.get(pk=step.pk).version, name="党委会终审")
    with translation.override(lang):
        notes = body_restore(account=world.cn, body_id=body.pk).notes()
    body = DecisionBody.objects.get(pk=body.pk)
    assert body.chair_id is None and list(body.members.values_list("person__name", flat=True)) == ["王建国"]
    assert BodyRole.objects.filter(body=body, deal=world.cn_deal).exists()
    assert ProcessStep.objects.get(pk=other.pk).body_id == body.pk  # its step, as it was
    assert ProcessStep.objects.get(pk=step.pk).body_id is None  # edited since: the edit wins
    assert no_chair in notes[0] and edited in notes[1] and notes[2].startswith(left_out)


def test_what_is_no_deleted_body_of_this_account_is_refused(world):
    body, _, _ = _body(world)
    with translation.override("en"), pytest.raises(ValidationError, match="on the map already"):
        body_restore(account=world.cn, body_id=body.pk)
    body_delete(body=body)
    with translation.override("en"), pytest.raises(ValidationError) as elsewhere:
        body_restore(account=world.en, body_id=body.pk)
    assert elsewhere.value.message_dict == {
        "body": [
            "This decision body cannot be brought back: it is not a deleted decision body of this account."
        ]
    }
    body_restore(account=world.cn, body_id=body.pk)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as twice:
        body_restore(account=world.cn, body_id=body.pk)
    assert twice.value.messages == ["党委会 已在地图上，无需恢复。"]


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("outsider", 404)])
def test_readers_and_outsiders_may_not_undo(client, world, who, status):
    body, _, _ = _body(world)
    body_delete(body=body)
    client.force_login(getattr(world, who))
    url = reverse("body_restore", args=[world.cn.slug, body.pk])
    assert client.post(url).status_code == status
    assert client.get(url).status_code in (405, status)
    assert not DecisionBody.objects.filter(pk=body.pk).exists()
