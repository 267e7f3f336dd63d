"""What the pipeline says of its owner filter: the owner's name, or that there is no such owner — never the
raw value typed into the address (trial 23: `/deals/?owner=4` read "The open deals owned by 4.")."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _said(client, **query) -> str:
    html = client.get(reverse("pipeline"), query).content.decode()
    start = html.index('<p class="muted">', html.index("<h1>"))
    return html[start : html.index("</p>", start)]


@pytest.mark.parametrize("typed", ["4", "abc", "mallory"])  # mallory: a user whose accounts alice cannot see
def test_it_says_no_such_owner_and_never_echoes_an_unknown_one(client, world, typed):
    client.force_login(world.owner)
    said = _said(client, owner=typed)
    assert 'id="no-such-owner"' in said and "owned by" not in said and typed not in said


def test_it_names_a_known_owner_by_name(client, world):
    world.owner.first_name, world.owner.last_name = "Alice", "Smith"
    world.owner.save()
    client.force_login(world.owner)
    said = _said(client, owner="alice")
    assert "Alice Smith" in said and "no-such-owner" not in said


def test_clear_drops_an_unknown_owner(client, world):
    client.force_login(world.owner)
    html = client.get(reverse("pipeline"), {"owner": "4"}).content.decode()
    form = html[html.index('<form method="get" class="filters"') :]
    assert "owner=4" not in form[: form.index("</form>")]
