"""Undo an interaction's deletion: the "Interaction deleted." message carries an Undo that brings the meeting,
call or mail back with the same id, who took part on both sides and an interview it held, so the map is as it was
(review s40 rev4: deleting one had a confirmation but no undo; its participants survived only in history). The
restore is core.restore's, as a person's: a deal deleted since is not put back (said), a participant deleted since
stays out (counted); what is no deleted interaction of this account is refused."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from battlemap.deals.services import deal_delete
from battlemap.demo.loader import load_demo
from battlemap.interactions.models import Interaction, Participant
from battlemap.interactions.services import interaction_delete, interaction_restore
from battlemap.people.services import person_delete
from tests import factories as f
from tests.restored import map_state

pytestmark = pytest.mark.django_db


def test_deleting_a_demo_meeting_and_undoing_it_on_the_web_gives_the_map_back_as_it_was(client):
    load_demo()
    client.login(username="demo", password="demo")
    meeting = (
        Interaction.objects.filter(account__slug="hdny", deal__isnull=False)
        .annotate(people=Count("participants"))
        .order_by("-people", "pk")
        .first()
    )
    assert meeting.participants.count() > 1 and meeting.our_participants.exists()
    before = map_state("hdny")
    url = reverse("interaction_delete", args=["hdny", meeting.pk])
    room = client.post(url, {"version": meeting.version}, follow=True).content.decode()
    assert not Interaction.objects.filter(pk=meeting.pk).exists() and map_state("hdny") != before
    assert "撤销" in room  # "Interaction deleted." with its Undo
    undo = re.search(r'<form method="post" action="([^"]*/restore/)"', room)
    assert undo and undo.group(1) == reverse("interaction_restore", args=["hdny", meeting.pk])
    page = client.post(undo.group(1), follow=True)
    assert page.redirect_chain[-1][0] == reverse("deal", args=["hdny", meeting.deal_id])
    assert map_state("hdny") == before  # every table's rows and the whole map export: as before the deletion


@pytest.mark.parametrize(
    ("lang", "no_deal", "left_out"),
    [
        ("en", "came back with no deal", "1 record deleted at the same time stays out"),
        ("zh-hans", "没有商机", "1 条"),
    ],
)
def test_what_is_gone_since_stays_out_and_is_said(world, lang, no_deal, left_out):
    li = f.person(account=world.cn, name="李明")
    call = f.interaction(account=world.cn, people=[world.cn_boss, li], kind="call", deal=world.cn_deal)
    interaction_delete(interaction=call)
    person_delete(person=li)
    deal_delete(deal=world.cn_deal)
    with translation.override(lang):
        notes = interaction_restore(account=world.cn, interaction_id=call.pk).notes()
    call = Interaction.objects.get(pk=call.pk)
    assert call.deal_id is None and list(call.participants.values_list("person__name", flat=True)) == [
        "王建国"
    ]
    assert no_deal in notes[0] and notes[1].startswith(left_out)


def test_what_is_no_deleted_interaction_of_this_account_is_refused(world):
    call = f.interaction(account=world.cn, people=[world.cn_boss])
    with translation.override("en"), pytest.raises(ValidationError, match="on the map already"):
        interaction_restore(account=world.cn, interaction_id=call.pk)
    interaction_delete(interaction=call)
    with translation.override("en"), pytest.raises(ValidationError) as elsewhere:
        interaction_restore(account=world.en, interaction_id=call.pk)
    assert elsewhere.value.message_dict == {
        "interaction": [
            "This interaction cannot be brought back: it is not a deleted interaction of this account."
        ]
    }
    interaction_restore(account=world.cn, interaction_id=call.pk)
    assert Participant.objects.filter(interaction=call, person=world.cn_boss).exists()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as twice:
        interaction_restore(account=world.cn, interaction_id=call.pk)
    assert "已在地图上" in twice.value.messages[0]


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("outsider", 404)])
def test_readers_and_outsiders_may_not_undo(client, world, who, status):
    call = f.interaction(account=world.cn, people=[world.cn_boss])
    interaction_delete(interaction=call)
    client.force_login(getattr(world, who))
    url = reverse("interaction_restore", args=[world.cn.slug, call.pk])
    assert client.post(url).status_code == status
    assert client.get(url).status_code in (405, status)
    assert not Interaction.objects.filter(pk=call.pk).exists()
