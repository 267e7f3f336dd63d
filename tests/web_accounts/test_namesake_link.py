"""A new English-speaking rep's first hour, second round (session 43): the duplicate-account warning named the account to open instead, with no link to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_duplicate_account_warning_links_the_account_to_open_instead(client, world):
    """ "Northwind Logistics Inc." was refused as a likely duplicate naming "Northwind Logistics (northwind)" as
    text: the rep told to "open it instead" had to find it in the list. It is a link — to the accounts the rep
    sees only: another seller's namesake is neither named nor linked."""
    f.account(owner=world.outsider, slug="northwind-2", name="Northwind Logistics")
    client.force_login(world.owner)
    form = {"name": "Northwind Logistics Inc.", "currency": "USD", "lifecycle": "prospect", "team": ""}
    asked = client.post(reverse("account_new"), form, headers={"Accept-Language": "en"})
    html = asked.content.decode()
    assert asked.status_code == 422
    warning = html[html.index('id="namesakes"') :].split("</ul>")[0]
    link = f'<a class="name" href="{reverse("account", args=[world.en.slug])}"><bdi>Northwind Logistics</bdi></a>'
    assert (
        f"You already see an account of this name: {link} (northwind). If it is the same customer" in warning
    )
    assert "northwind-2" not in html
    assert 'name="another_account"' in html


def test_the_duplicate_account_warning_shows_a_script_name_as_text(client, world):
    world.en.name = "<script>alert(1)</script>"
    world.en.save()
    client.force_login(world.owner)
    form = {"name": "<script>alert(1)</script>", "currency": "USD", "lifecycle": "prospect", "team": ""}
    html = client.post(reverse("account_new"), form, headers={"Accept-Language": "zh-hans"}).content.decode()
    warning = html[html.index('id="namesakes"') :].split("</ul>")[0]
    assert "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi></a>（northwind）" in warning
    assert "<script>alert(1)" not in html
