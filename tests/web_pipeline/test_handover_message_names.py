"""The message after handing an account over on the web names the old and the new owner as every page shows
users (core.text.user_name: their name, else their username), not by their login: the handover page had just
said "Demo Rep owns this account" and the message read "… now belongs to lisi (was demo)"."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_handover_message_names_both_owners_as_the_pages_do(client, world):
    world.owner.first_name, world.owner.last_name = "Alice", "Liddell"
    world.owner.save()
    world.teammate.first_name, world.teammate.last_name = "Bob", "Marley"
    world.teammate.save()
    client.force_login(world.manager)
    response = client.post(
        reverse("account_handover", args=[world.cn.slug]), {"to": world.teammate.pk, "note": "north region"}
    )
    assert response.status_code == 302
    said = [re.sub(r"</?bdi>", "", str(m)) for m in get_messages(response.wsgi_request)]
    assert said == ["国电智慧能源集团 现由 Bob Marley 负责（原为 Alice Liddell）。"], said
