"""The review PDF keeps the influence circle's legend on the circle's page: a reviewer's 250-person group listed
46 dots under its circle, three lines, and the colour legend went alone to the top of the next page, above the
outside factors (`pdf.circle_section` now draws the largest circle whose list and legend fit under it)."""

from __future__ import annotations

import subprocess

import pytest

from battlemap.io.export import export_account
from tests import factories as f
from tests.bigaccount import build

pytestmark = pytest.mark.django_db

HEADINGS = {"zh-hans": ("客户影响圈", "外部因素"), "en": ("Influence circle", "Outside factors")}
LEGEND = {"zh-hans": ("强烈支持", "把关者"), "en": ("advocate", "gatekeeper")}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_circle_s_legend_stays_on_its_page(lang):
    account = build(owner=f.user("demo"), people=250, links=90, interactions=0, deals=1, slug="hdjt")
    for i, person in enumerate(
        account.people.order_by("pk")[:120]
    ):  # long names: a long list under the circle
        person.name = f"Christopher Fitzgerald O'Sullivan-Montgomery {i}"
        person.save()
    pdf = export_account(account, fmt="pdf", lang=lang)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    pages = text.stdout.decode().split("\f")
    circle, outside = HEADINGS[lang]
    at = next(i for i, page in enumerate(pages) if page.strip().startswith(circle))
    listed = "图上未标注" if lang == "zh-hans" else "Not labelled on the chart"
    assert listed in pages[at]  # the test can fail: a list long enough to push the legend on
    for word in LEGEND[lang]:
        assert word in pages[at], word  # the legend under its circle
    assert pages[at + 1].strip().startswith(outside)  # not the legend alone atop the next page
