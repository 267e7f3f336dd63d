"""What a card on the deck's org chart slides says (`pptx_chart`): a person's marks, name, note and title and
a decision body's marks, name and kind, as lines with their sizes, and the height they need wrapped inside
the card — measured as PowerPoint wraps them (`pptx_slide.line_count`) and as the PDF's font draws them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pptx.util import Pt

from .cards import body_card, look_of
from .fonts import register_pdf_font
from .pptx_slide import MIN_PT, line_count
from .report import Report
from .rows import person_name
from .textfit import ELLIPSIS, shorten, wrap

CARD_MIN_W = Pt(72)  # narrower cards would break names into a word per line
CARD_PAD = Pt(3)  # inner margin of a card
LINE = 1.2  # line height of card text (set exactly, so the estimate holds in every viewer)
NAME_LINES = 5  # a name longer than this many lines is cut with "…" (the 40-character names of a real account stay whole)


@dataclass
class CardText:
    lines: list[tuple[str, float, bool]]  # (text, size, bold), as `_lines` takes them
    height: float  # points the lines need, wrapped to the card's inner width


def card_text(
    r: Report,
    pid: Any,
    size: float,
    inner: float,
    note: str = "",
    title: bool = True,
    room: float | None = None,
    title_room: float | None = None,
    note_in_tag: bool = False,
) -> CardText:
    """The text of a person's card: badges and marks, the name wrapped at `size`, `note` (where their team
    continues), the title; the height it needs when wrapped to `inner` points. The name is whole, unless
    `room` (the card's height in points) cannot hold it even without the title as the PDF's font draws it
    (`_drawn`): then its longest start that does, with "…" (`textfit.shorten`; a name runs to 200
    characters, which needed 222 pt in a 156 pt card — the people table and the XLSX have it whole); and
    never more than NAME_LINES lines on a card of CARD_MIN_W or wider (a 200-character name made a card a slide
    high, and the chart of 8 people took 4 slides). The
    title is whole, unless `title_room` (the card's height in points) cannot hold it as `_height` measures
    it: then it is cut with "…" to the lines left under the name, as the PDF cuts it — dropped only when
    not one line is left (a 41-character title was dropped whole; the people table has it). `note_in_tag`
    puts the note after the marks on the first line instead of a line of its own (a card too short for
    both: the note took the title's line, 刘志强 read "团队见第 3 页" instead of 院长)."""
    tag = look_of(r, pid).tag()
    if note and note_in_tag:
        tag, note = " · ".join(filter(None, (tag, note))), ""
    lines = [(tag, MIN_PT, True)] if tag else []
    kept = [(note, MIN_PT, False)] if note else []
    person = r.by_id[pid]
    name = person.get("name") or ""

    def shown(name: str) -> str:  # "(left)" after the name, also after a cut one
        return person_name({**person, "name": name})

    if inner >= CARD_MIN_W.pt - 2 * CARD_PAD.pt:  # a narrower card holds no name: none is cut (pptx_chart)
        font = register_pdf_font()
        name = shorten(name, lambda cut: len(wrap(shown(cut), font, size, inner)) <= NAME_LINES)
    if room is not None:
        name = shorten(name, lambda cut: _drawn([*lines, (shown(cut), size, True), *kept], inner) <= room)
    lines += [(shown(name), size, True), *kept]
    job = (person.get("title") or "") if title else ""
    if job and title_room is not None:
        job = shorten(job, lambda cut: _height([*lines, (cut, MIN_PT, False)], inner) <= title_room)
    if job and job != ELLIPSIS:
        lines.append((job, MIN_PT, False))
    return CardText(lines, _height(lines, inner))


def body_text(r: Report, bid: Any, size: float, inner: float) -> CardText:
    """The text of a decision body's card (`cards.body_card`): its marks, its whole name wrapped at `size`, its
    kind ("bid evaluation committee" / "评标委员会", none when the name says it) and how many of its members we have
    met ("5 members · 2 met") at MIN_PT; the height it needs wrapped to `inner` points."""
    look, name, kind, members = body_card(r, bid)
    lines = [(look.tag(), MIN_PT, True), (name, size, True)]
    lines += [(said, MIN_PT, False) for said in (kind, members) if said]
    return CardText(lines, _height(lines, inner))


def _height(lines: list[tuple[str, float, bool]], inner: float) -> float:
    """Points a card's `lines` need wrapped to `inner` points: the pads, and a few points more (a rounded
    border takes a little of the last line's room)."""
    return sum(line_count(t, z, inner) * z * LINE for t, z, _b in lines) + 2 * CARD_PAD.pt + 4


def _drawn(lines: list[tuple[str, float, bool]], inner: float) -> float:
    """Points a card's `lines` take as the PDF's font wraps them to `inner` points, with the pads: less than
    `_height`, which gives room for a substitute font — a name is cut only when no viewer could hold it."""
    font = register_pdf_font()
    return sum(len(wrap(t, font, z, inner)) * z * LINE for t, z, _b in lines) + 2 * CARD_PAD.pt
