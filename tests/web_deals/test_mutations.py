"""Four checks for every mutating view: the owner's post works; an outsider (and a read-only manager)
gets 404 (the manager 403); bad input is refused with the error next to the field; anonymous is sent to login."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.web_deals.mutations import MUTATIONS as BASE_MUTATIONS
from tests.web_deals.mutations_capture import CAPTURE_MUTATIONS

pytestmark = pytest.mark.django_db
MUTATIONS = BASE_MUTATIONS + CAPTURE_MUTATIONS
IDS = [m.name for m in MUTATIONS]


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_it_works_for_the_owner(client, world, m):
    client.force_login(world.owner)
    url = m.url(world)
    response = client.post(url, m.good(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert m.changed(world)


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_it_works_through_htmx_too(client, world, m):
    client.force_login(world.owner)
    url = m.url(world)
    response = client.post(url, m.good(world), HTTP_HX_REQUEST="true")
    assert response.status_code in (200, 204)
    assert m.changed(world)
    if response.status_code == 200:  # the refreshed partial, not a whole page
        assert "<html" not in response.content.decode()


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_outsider_gets_404(client, world, m):
    url = m.url(world)
    data = m.good(world)
    client.force_login(world.outsider)
    assert client.post(url, data).status_code == 404
    assert not m.changed(world)


def test_a_read_only_manager_sees_but_cannot_change(client, world):
    """carol manages alice's team: she may view alice's own account (no team) but not edit it: the write
    page answers 403 with the reason on GET already (tests/trust/test_read_only_pages.py: every page)."""
    client.force_login(world.manager)
    client.cookies["django_language"] = "en"
    url = reverse("person_new", args=[world.en.slug])
    page = client.get(url)
    assert page.status_code == 403 and "may see this account but not change it" in page.content.decode()
    person = client.get(reverse("person", args=[world.en.slug, world.en.people.get().pk]))
    assert person.status_code == 200 and "disabled" in person.content.decode()  # the person's page: read
    assert client.post(url, {"name": "Eve", "status": "active"}).status_code == 403
    assert not world.en.people.filter(name="Eve").exists()


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_it_names_the_field_on_bad_input(client, world, m):
    client.force_login(world.owner)
    url = m.url(world)
    response = client.post(url, m.bad(world))
    html = response.content.decode()
    assert response.status_code in (409, 422)
    assert not m.changed(world)
    if m.bad_field:
        bad_field = m.bad_field.format(li=world.cn.people.get(name="李明").pk)
        block = re.search(
            rf'<(?:div|fieldset) class="[^"]*has-error[^"]*" id="field-{bad_field}">(.*?)id="field-',
            html + 'id="field-',
            re.S,
        )
        assert block, f"no error shown next to {bad_field}"
        assert 'class="errorlist"' in block.group(1)
    else:
        assert "This record was changed" in html or "其他人" in html or "他人" in html


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_anonymous_is_sent_to_login(client, world, m):
    url = m.url(world)
    response = client.post(url, m.good(world))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert not m.changed(world)


def test_a_negative_amount_is_refused_in_the_web_as_in_the_api(client, world):
    client.force_login(world.owner)
    response = client.post(
        reverse("deal_new", args=[world.cn.slug]),
        {"name": "w1", "amount": "-100", "currency": "CNY", "stage": "evaluation"},
    )
    assert response.status_code == 422 and "amount" in response.context["form"].errors
    assert not world.cn.deals.filter(name="w1").exists()
