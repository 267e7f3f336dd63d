"""The capture form's attitude for a person met for the first time: there is nothing to keep unchanged, so
its blank reads "— not known —", as their influence does, and "unknown" is not offered a second time
(trial on a fresh clone: the list opened on "— unchanged —"). People already on the map keep "— unchanged —"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

pytestmark = pytest.mark.django_db


def _select(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    return html[start : html.index("</select>", start)]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_new_persons_attitude_starts_not_known(owner_client, world, lang):
    owner_client.cookies["django_language"] = lang
    html = owner_client.get(reverse("interaction_new", args=[world.cn.slug])).content.decode()
    page_lang = re.search(r'<html lang="([^"]+)"', html)[1]
    with translation.override(page_lang):
        not_known, unchanged = str(_("— not known —")), str(_("— unchanged —"))
    new = _select(html, "new_attitude")
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', new)
    assert options[0] == ("", not_known)
    assert unchanged not in new and "unknown" not in [value for value, _label in options]
    assert [value for value, _label in options[1:]] == [
        "advocate",
        "supporter",
        "neutral",
        "skeptic",
        "opponent",
    ]
    # a person already met keeps "unchanged" (their attitude stays as it is)
    known = _select(html, f"attitude_{world.cn_boss.pk}")
    assert re.search(r'<option value=""[^>]*>([^<]*)</option>', known)[1] == unchanged
