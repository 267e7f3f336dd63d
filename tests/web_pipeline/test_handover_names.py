"""After an account is handed over on the web, the old and the new owner are named as every page shows users
(core.text.user_name: their name, else their username), not by their login: the handover page had just said
"Demo Rep owns this account", and the message read "… now belongs to lisi (was demo)" and the timeline
"owner: demo → lisi" (and the same for each open action item handed over)."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed(client, world):
    world.owner.first_name, world.owner.last_name = "Alice", "Liddell"
    world.owner.save()
    world.teammate.first_name, world.teammate.last_name = "Bob", "Marley"
    world.teammate.save()
    f.action(deal=world.cn_deal, text="约华能李总", owner=world.owner)
    client.force_login(world.manager)
    response = client.post(
        reverse("account_handover", args=[world.cn.slug]), {"to": world.teammate.pk, "note": "north region"}
    )
    assert response.status_code == 302
    return response


def test_the_handover_message_names_both_owners_as_the_pages_do(handed):
    said = [re.sub(r"</?bdi>", "", str(m)) for m in get_messages(handed.wsgi_request)]
    assert said == ["国电智慧能源集团 现由 Bob Marley 负责（原为 Alice Liddell）。"], said


def test_the_timeline_names_the_owners_as_the_pages_do(client, world, handed):
    page = client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert text.count("Alice Liddell → Bob Marley") == 2, text  # the account and its open action item
    assert "alice → bob" not in text
