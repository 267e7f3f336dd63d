"""A new English-speaking rep's first hour, second round (session 43): the org table's Sways column listed whom a person opposes as whom they sway."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_map_table_shows_an_opposes_link_as_opposing_not_as_a_sway(client, world):
    """Kevin Park opposes José Núñez: the org table's Sways column listed José as someone Kevin sways, like his
    advice to Dana. He is listed apart, under the legend's word for it (red, as the chart's dashed line)."""
    kevin = f.person(account=world.en, name="Kevin Park")
    f.link(source=kevin, target=f.person(account=world.en, name="José Núñez"), kind="opposes")
    f.link(source=kevin, target=f.person(account=world.en, name="Dana Whitfield"), kind="advises")
    client.force_login(world.owner)
    page = client.get(reverse("account", args=[world.en.slug]), headers={"Accept-Language": "en"})
    row = {r["name"]: r for r in page.context["rows"]}["Kevin Park"]
    assert row["sways"] == "Dana Whitfield" and row["opposes"] == "José Núñez"
    html = page.content.decode()
    cell = html[html.index(f'data-person="{kevin.pk}"') :].split("</tr>")[0]
    assert '<span class="opposes">Opposes: <span class="name">José Núñez</span></span>' in cell
    zh = client.get(reverse("account", args=[world.en.slug]), headers={"Accept-Language": "zh-hans"})
    assert '<span class="opposes">反对：<span class="name">José Núñez</span></span>' in zh.content.decode()
