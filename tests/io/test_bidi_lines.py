"""Any text, broken into lines anywhere, is drawn without error: a red flag's "为 محمد عبدالله、Christopher
Montgomery 制定应对计划" broke inside the FSI … PDI around the Arabic name, and python-bidi's algorithm (which
knows no isolates) stopped the PDF at a line holding the PDI without its FSI ("AssertionError: PDI not allowed
here"). `textfit.wrap` opens again on the next line what a line leaves open, and `scripts.runs` hands the
algorithm no isolate mark, balanced or not."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.core.cache import cache
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from battlemap.io.export import export_account, scripts
from battlemap.io.export.fonts import register_pdf_font
from battlemap.io.export.textfit import fit_lines, wrap
from battlemap.punctuation import FSI, PDI, join_names
from tests import factories as f

ARABIC, HEBREW = "محمد عبدالله", "שלום כהן"
CONTROLS = [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
PIECES = [*ARABIC, *HEBREW, *"Christopher Montgomery 123", *"为制定应对计划、。", "١٢٣", *CONTROLS]


def _letters(text: str) -> str:
    """The letters of `text` as a reader finds them in the drawn runs (Arabic shaped to presentation forms)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalpha())


def test_a_sentence_broken_inside_an_isolated_name_draws_every_line_with_the_name_in_reading_order():
    font = register_pdf_font()
    sentence = f"为 {join_names('zh-hans', [ARABIC, 'Christopher Montgomery'])} 制定应对计划"
    assert FSI in sentence and PDI in sentence
    for width in (25, 40, 60, 90, 200):
        lines = wrap(sentence, font, 9, width)
        for line in lines:
            scripts.width(line, 9)
            scripts.runs(line, 9, 0)
        # the end of a name broken across lines is isolated again on the next line
        assert all(line.count(FSI) >= line.count(PDI) for line in lines), lines
    whole = wrap(sentence, font, 9, 1000)
    assert len(whole) == 1
    line = scripts.runs(whole[0], 9, 0)
    # the Arabic name reads right to left in place, between "为 " and the Latin name: its second word drawn
    # first (leftmost), each word's shaped letters in display order
    arabic = [_letters(str(r.text))[::-1] for r in line if r.font != register_pdf_font()]
    assert arabic == ARABIC.split()[::-1]
    assert str(line[0].text) == "为 " and str(line[-1].text) == "、Christopher Montgomery 制定应对计划"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    width=st.floats(min_value=1, max_value=300),
    base=st.sampled_from([0, 1, None]),
)
def test_any_mix_of_scripts_and_bidi_controls_wraps_and_draws_at_any_width(text, width, base):
    font = register_pdf_font()
    for line in wrap(text, font, 9, width):
        scripts.runs(line, 9, base)
        scripts.width(line, 9)
    fit_lines(text, font, 9, width, 2)


@pytest.mark.django_db
@pytest.mark.sqlite_run
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_review_pdf_of_a_skeptic_with_an_arabic_name_and_a_latin_opponent_draws_both_names(lang):
    account = f.account(owner=f.user(), name="Bidi review")
    deal = f.deal(account=account)
    for name, title, roles, attitude in (
        (ARABIC, "CFO", ("influencer",), "skeptic"),
        ("Christopher Montgomery", "CIO", ("gatekeeper",), "opponent"),
    ):
        person = f.person(account=account, name=name, title=title)
        f.role(deal=deal, person=person, roles=roles, attitude=attitude, influence=4)
    cache.clear()
    reader = PdfReader(io.BytesIO(export_account(account, fmt="pdf", lang=lang)))
    text = "".join(page.extract_text() for page in reader.pages)
    assert set(_letters(ARABIC)) <= set(_letters(text)) and "Montgomery" in text
