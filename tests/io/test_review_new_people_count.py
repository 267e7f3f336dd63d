"""Page 1's "Since then" of a deal's review counts the people its What changed lists — those of the deal — and
says so: after 10 people were pasted onto the account and 3 of them given a part in the deal, the PDF and the deck
read "3 new people" / "新人 3", as if the account had gained 3."""

from __future__ import annotations

import io
import subprocess

import pytest
from pptx import Presentation

from battlemap.io.export import export_account
from tests import factories as f
from tests.api.test_what_changed_terms import _aged
from tests.exports import slide_texts

pytestmark = pytest.mark.django_db

SAID = {"en": "3 new people in this deal", "zh-hans": "本商机新增人员 3"}


def _first_page(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-l", "1", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


@pytest.fixture
def pasted(world):
    """The deal before the window (30 days, never reviewed); 10 people added today, 3 of them in the deal."""
    deal = _aged(world.cn_deal, days=40)
    people = [f.person(account=world.cn, name=f"Pasted {n:02d}") for n in range(10)]
    for person in people[:3]:
        f.role(deal=deal, person=person, roles=["user"])
    return deal


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_deal_s_review_says_its_new_people_are_the_deal_s(world, pasted, lang, client):
    client.force_login(world.owner)
    page = client.get(f"/accounts/{world.cn.slug}/deals/{pasted.pk}/changes/").content.decode()
    listed = page[page.index('id="people-moves"') :].split("</ul>")[0]
    assert listed.count("Pasted 0") == 3  # the deal's What changed lists the same 3
    pdf = export_account(world.cn, fmt="pdf", deal_id=pasted.pk, lang=lang)
    assert SAID[lang] in _first_page(pdf)
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=pasted.pk, lang=lang)))
    assert any(SAID[lang] in t for t in slide_texts(deck)[0])
