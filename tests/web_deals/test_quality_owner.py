"""The map-quality page says whose deals it shows, as the pipeline does: an owner that does not exist or
that the user may not see reads "no such owner", never the value typed into the address (trial on a fresh
clone: `/deals/quality/?owner=abc` said nothing and showed 0% of 0 deals)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

NO_SUCH_OWNER = (
    "No such owner among the accounts you may see: no deal is listed. Pick an owner from the list."
)


def _page(client, **query) -> str:
    html = client.get(reverse("map_quality"), query).content.decode()
    return html[html.index("<main") :]


@pytest.mark.parametrize("typed", ["abc", "mallory", "<b>abc</b>"])  # mallory: alice may not see her accounts
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_it_says_no_such_owner_and_never_echoes_it(client, world, typed, lang):
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    with translation.override(lang):
        notice = translation.gettext(NO_SUCH_OWNER)
    page = _page(client, owner=typed)
    said = re.search(r'<span id="no-such-owner">(.*?)</span>', page, re.S)
    assert said and said.group(1) == notice
    assert "<b>abc" not in page and "&lt;b&gt;abc" not in page  # only ever address-encoded in its links


def test_it_names_a_known_owner(client, world):
    world.owner.first_name, world.owner.last_name = "Alice", "Smith"
    world.owner.save()
    client.force_login(world.owner)
    client.cookies["django_language"] = "en"
    page = _page(client, owner="alice")
    assert "no-such-owner" not in page and "The open deals owned by Alice Smith." in page
