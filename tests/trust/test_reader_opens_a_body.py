"""A manager, who may only read an account, selects a decision body's card on the org chart and presses
"Open the body's page" (or double-clicks the card): the chart sent him to the body's edit page, which refuses
him (403). He now lands on the body's section of the Decision bodies page, which he may read; the owner still
opens the body's own page to edit it."""

from __future__ import annotations

import re
from html import unescape

import pytest

from battlemap.process import services as process

pytestmark = pytest.mark.django_db


def _body_address(client, slug: str, body_id: int) -> str:
    html = unescape(client.get(f"/accounts/{slug}/").content.decode())
    template = re.search(r'data-body-url="([^"]*)"', html)[1]
    return template.replace("{id}", str(body_id))


def test_the_manager_opens_the_body_he_may_read(client, world):
    body = process.body_create(account=world.cn, name="集团党委会", kind="party_committee")
    client.force_login(world.manager)
    address = _body_address(client, world.cn.slug, body.pk)
    page, _, anchor = address.partition("#")
    response = client.get(page)
    assert response.status_code == 200
    assert f'id="{anchor}"' in response.content.decode() and "集团党委会" in response.content.decode()


def test_the_owner_still_opens_the_body_to_edit_it(client, world):
    body = process.body_create(account=world.cn, name="集团党委会", kind="party_committee")
    client.force_login(world.owner)
    address = _body_address(client, world.cn.slug, body.pk)
    assert address == f"/accounts/{world.cn.slug}/bodies/{body.pk}/"
    assert client.get(address).status_code == 200
