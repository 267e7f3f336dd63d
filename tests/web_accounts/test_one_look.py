"""An attitude has one colour on every surface: a new maintainer's trial found the table pills (app.css, and
deals.css over it) in other colours than the charts and exports (battlemap.look), so one page showed "supporter"
in two greens. The pills now take the charts' swatches (`look.attitude_css`), and no stylesheet colours them."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import battlemap
from battlemap.look import ATTITUDE_SWATCHES


def test_the_pills_of_a_page_are_the_charts_colours(owner_client, world):
    html = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert 'class="att att-neutral"' in html  # the world's decision maker
    for code, swatch in ATTITUDE_SWATCHES.items():
        assert f".att-{code} {{ background: {swatch.fill}; color: {swatch.ink};" in html, code


def test_no_stylesheet_colours_an_attitude_again():
    for sheet in Path(battlemap.__file__).parent.glob("*/static/**/*.css"):
        for rule in re.findall(r"\.att-[a-z_]*[^{]*\{[^}]*\}", sheet.read_text(encoding="utf-8")):
            assert not re.search(r"background|color", rule), f"{sheet.name}: {rule}"
