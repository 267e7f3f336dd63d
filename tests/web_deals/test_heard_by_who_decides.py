"""The deal room, the review PDF and the deck say, in the flag's reason, that who decides listens to the key person
we never met (analysis/sway.py): they read the analysis' reason, never their own (a new rep's map, session 43)."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from pptx import Presentation

from battlemap.io.export import export_account
from tests import factories as f
from tests.exports import slide_texts

pytestmark = pytest.mark.django_db

SAID = {
    "en": "We have never been in touch with Mark Ellis, a key person in this deal. "
    "Robert Hale, who decides, listens to Mark Ellis.",
    "zh-hans": "拍板的 Robert Hale 听取 Mark Ellis 的意见。",
}


@pytest.fixture
def harborline(world):
    robert = f.person(account=world.en, name="Robert Hale", title="CEO")
    mark = f.person(account=world.en, name="Mark Ellis", title="Board adviser")
    f.link(source=mark, target=robert, kind="trusts", strength=3)  # Mark Ellis is trusted by Robert Hale
    deal = f.deal(account=world.en, name="Fleet visibility platform", stage="evaluation")
    f.role(deal=deal, person=robert, roles=["decision_maker"], attitude="neutral", influence=5)
    f.role(deal=deal, person=mark, roles=["influencer"], attitude="unknown", influence=5)
    return deal


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_room_the_pdf_and_the_deck_say_whom_who_decides_listens_to(owner_client, world, harborline, lang):
    owner_client.cookies["django_language"] = lang
    room = owner_client.get(reverse("deal", args=[world.en.slug, harborline.pk])).content.decode()
    reasons = [_flat(r) for r in re.findall(r'<p class="reason">(.*?)</p>', room, re.S)]
    assert [r for r in reasons if SAID[lang] in r], reasons

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "review.pdf"
        path.write_bytes(export_account(world.en, fmt="pdf", deal_id=harborline.pk, lang=lang))
        pdf = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # a line of the PDF may break anywhere between words: read it as one line
    assert _flat(SAID[lang]).replace(" ", "") in _flat(pdf).replace(" ", "")

    deck = Presentation(io.BytesIO(export_account(world.en, fmt="pptx", deal_id=harborline.pk, lang=lang)))
    said = [text for slide in slide_texts(deck) for text in slide if SAID[lang] in _flat(text)]
    assert said
