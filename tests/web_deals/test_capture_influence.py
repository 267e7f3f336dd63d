"""A person met for the first time, added by the capture form, joined the deal with influence 3 that
nobody chose. A part in a deal holds an influence 1..5 (there is no "unknown"), so the capture sets
none the user did not give: with neither attitude nor influence the person joins the meeting and the
account only; an attitude asks for the influence too; an influence given is kept as given."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from battlemap.deals.models import StakeholderRole
from battlemap.interactions.capture import INFLUENCE_NEEDED, INFLUENCE_NEEDS_DEAL
from battlemap.interactions.models import Interaction
from battlemap.people.models import Person
from tests.web_deals.test_capture import _capture as meeting

pytestmark = pytest.mark.django_db


def _capture(world, **more) -> dict:
    """The meeting of test_capture, with 赵丽 met for the first time and no next step."""
    return meeting(world, new_name="赵丽", new_title="采购部经理", next_step="", make_action="", **more)


def _said(html: str, text) -> str:
    """`text` in the language the page is in (the world's owner reads the Chinese account's pages in Chinese)."""
    with translation.override(re.search(r'<html lang="([^"]+)"', html)[1]):
        return str(text)


def _post(client, world, data):
    return client.post(reverse("interaction_new", args=[world.cn.slug]), data)


def test_the_form_offers_the_influence_unset(owner_client, world):
    html = owner_client.get(reverse("interaction_new", args=[world.cn.slug])).content.decode()
    select = html[html.index('name="new_influence"') :]
    select = select[: select.index("</select>")]
    assert (
        _said(html, _("— not known —")) in select
        and re.search(r'<option value="[1-5]"[^>]*selected', select) is None
    )


def test_met_without_attitude_or_influence_they_join_the_meeting_not_the_deal(owner_client, world):
    assert _post(owner_client, world, _capture(world)).status_code == 302
    zhao = Person.objects.get(account=world.cn, name="赵丽")
    assert Interaction.objects.get(summary="拜访王总").participants.filter(person=zhao).exists()
    assert not StakeholderRole.objects.filter(person=zhao).exists()  # no influence nobody gave


def test_an_attitude_without_an_influence_asks_for_it_and_saves_nothing(owner_client, world):
    response = _post(owner_client, world, _capture(world, new_attitude="supporter"))
    assert response.status_code == 422
    html = response.content.decode()
    field = html[html.index('id="field-new_influence"') :]
    assert _said(html, INFLUENCE_NEEDED) in field[: field.index("</div>")]
    assert not Person.objects.filter(name="赵丽").exists() and not Interaction.objects.exists()


def test_the_influence_given_is_the_one_kept(owner_client, world):
    assert (
        _post(owner_client, world, _capture(world, new_attitude="skeptic", new_influence="5")).status_code
        == 302
    )
    part = StakeholderRole.objects.get(deal=world.cn_deal, person__name="赵丽")
    assert (part.attitude, part.influence) == ("skeptic", 5)


def test_an_influence_alone_gives_a_part_with_the_attitude_unknown(owner_client, world):
    assert _post(owner_client, world, _capture(world, new_influence="2")).status_code == 302
    part = StakeholderRole.objects.get(deal=world.cn_deal, person__name="赵丽")
    assert (part.attitude, part.influence) == ("unknown", 2)


def test_an_influence_needs_the_deal(owner_client, world):
    response = _post(owner_client, world, _capture(world, deal="", new_influence="4"))
    html = response.content.decode()
    assert response.status_code == 422 and _said(html, INFLUENCE_NEEDS_DEAL) in html
    assert not Person.objects.filter(name="赵丽").exists()
