"""A card on the deck's org chart shows its person's whole title when a layout of the slide gives it room:
Northwind's top slide cut "Chief Financial Officer" to "Chief Financial…" (and the COO's, the CIO's) on cards
a line too short, though putting the steering committee beside the people rather than under them left room
for every title (`pptx_pages.chart_geometry` prefers the first layout that holds every whole title)."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from pptx import Presentation

from battlemap.accounts.models import Account
from battlemap.demo.loader import load_demo
from battlemap.io.export import export_account

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_top_org_chart_slide_of_the_demo_decks_shows_every_title_whole(lang):
    cache.clear()
    load_demo()
    for account in Account.objects.order_by("slug"):
        titles = {f"person {p.pk}": p.title for p in account.people.all()}
        deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
        top = next(s for s in deck.slides if any(shape.name.startswith("person ") for shape in s.shapes))
        cards = [shape for shape in top.shapes if shape.name.startswith("person ")]
        assert len(cards) >= 6, account.slug
        for card in cards:
            lines = [p.text for p in card.text_frame.paragraphs]
            assert titles[card.name] in lines, (account.slug, titles[card.name], lines)
