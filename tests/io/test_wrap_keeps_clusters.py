"""A line of the exported pictures (a card's title, a PDF table cell in another script) never ends inside a
character as the reader sees it: a flag 🇨🇳 was drawn as a boxed C at the end of one line and a boxed N at the
start of the next (a person titled "… 👍🏽 🇨🇳" on the PNG's org chart card). A long Thai word (Thai puts no space
between words) broken by characters keeps its vowel marks with their letters too."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest
from django.core.cache import cache

from battlemap.io.export import export_account
from battlemap.io.export.fonts import PDF_FONT
from battlemap.io.export.scripts import width
from battlemap.io.export.textfit import ELLIPSIS, shorten, wrap
from tests import factories as f

FLAGS = "🇨🇳🇺🇸🇩🇪🇫🇷🇯🇵🇬🇧🇮🇳🇧🇷"
TITLE = "Jane 🚀 😀 🏭 👩\u200d⚕\ufe0f ❤\ufe0f 👍🏽 🇨🇳"
THAI = "ผู้จัดการฝ่ายจัดซื้อจัดจ้างภาครัฐ"


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _cut_inside(line_end: str, line_start: str) -> bool:
    """Whether a line ending in `line_end` and the next starting with `line_start` cut one character in two."""
    if not line_start:
        return False
    first = line_start[0]
    return (
        unicodedata.category(first).startswith("M")  # an accent or a Thai vowel away from its letter
        or first in "\ufe0f\u200d"
        or 0x1F3FB <= ord(first) <= 0x1F3FF  # a skin tone away from its hand
        or line_end.endswith("\u200d")
        or (_regional(first) and sum(map(_regional, line_end)) % 2 == 1)  # half a flag on each line
    )


@pytest.mark.parametrize("text", [FLAGS, TITLE, f"{THAI} {FLAGS}"])
def test_a_card_line_never_ends_inside_a_character(text):
    seen_broken = False
    for room in range(8, 200, 3):
        lines = wrap(text, PDF_FONT, 8, room)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
        seen_broken |= len(lines) > 2
        for before, after in zip(lines, lines[1:], strict=False):
            assert not _cut_inside(before, after), (room, lines)
    assert seen_broken  # the test can fail: the text is broken on narrow cards


def test_a_text_cut_to_its_room_ends_after_a_whole_character():
    text = FLAGS
    for room in range(10, 120, 4):
        cut = shorten(text, lambda t, room=room: width(t, 8) <= room)
        kept = cut.removesuffix(ELLIPSIS)
        assert text.startswith(kept)
        assert not _cut_inside(kept, text[len(kept) :]), (room, cut)


@pytest.mark.django_db
def test_the_pdf_people_list_keeps_each_flag_whole(world):
    cache.clear()
    f.person(account=world.en, name="Jane Doe", title=FLAGS * 4)
    pdf = export_account(world.en, fmt="pdf", lang="en")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    lines = [line for line in text.splitlines() if any(map(_regional, line))]
    assert len(lines) >= 2  # the title is wrapped (on the card and in the people list)
    assert all(sum(map(_regional, line)) % 2 == 0 for line in lines), lines
