"""Text in any script for the PDF and PNG exports, which ReportLab draws one font at a time.

`runs(text, size)` cuts a line into runs of one font each, in the order they are drawn (left to
right): each character cluster (a letter with its combining marks) in the CJK font if it has it,
else in the first fallback font (fonts.FALLBACKS) that has it, else as U+FFFD (a visible
replacement, never a dropped string). Right-to-left text (Arabic, Hebrew) is put in display order
by the Unicode bidi algorithm (python-bidi), and every run in a fallback font is shaped by HarfBuzz
(uharfbuzz, through ReportLab's shaping), so Arabic letters join, Devanagari and Thai marks sit
where they belong. Text the CJK font draws as it is (Chinese, Latin, digits) skips all of this.

`width`, `draw` (a canvas) and `strings` (ReportLab graphics shapes) measure and draw a line."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import PDF_FONT, charmap, fallback_fonts, register_pdf_font

REPLACEMENT = "\ufffd"
_RTL = {"R", "AL", "AN", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "FSI", "PDF", "PDI"}


@dataclass(frozen=True)
class Run:
    font: str
    text: str  # a ReportLab ShapedStr when HarfBuzz shaped it
    width: float


@functools.lru_cache(maxsize=8192)
def _plain_char(ch: str) -> bool:
    """Whether the CJK font draws `ch` as it is: it has the glyph, and `ch` is no right-to-left or
    bidi-control character and no combining mark."""
    return (
        ord(ch) in charmap(register_pdf_font())
        and unicodedata.bidirectional(ch) not in _RTL
        and not unicodedata.category(ch).startswith("M")
    )


def plain(text: str) -> bool:
    """Whether the CJK font draws `text` as it is, in one run (the common case: Chinese, Latin)."""
    return all(map(_plain_char, text))


# wrapping measures each start of a line, and a card's text is wrapped at each size and width a chart tries:
# each is measured once
@functools.lru_cache(maxsize=262144)
def width(text: str, size: float, font: str = PDF_FONT) -> float:
    """The drawn width of `text` at `size` points."""
    if font != PDF_FONT or plain(text):
        return stringWidth(text, font, size)
    return sum(r.width for r in runs(text, size))


def _ignorable(ch: str) -> bool:
    """Invisible format characters (joiners, variation selectors, bidi controls, tags) and emoji skin
    tones (a colour no outline font draws): left out when the chosen font has no glyph for them."""
    code = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
    )


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF  # a regional indicator: two of them are a flag, 🇨🇳


def clusters(text: str) -> list[tuple[int, int]]:
    """(start, end) of each cluster: a character with the combining marks, joiners, variation selectors and
    skin tones that follow it, and a flag's two regional indicators. One character as the reader sees it,
    never cut: a font is picked per cluster, and a line (`textfit.wrap`) or a cut (`textfit.shorten`) ends
    between two clusters only."""
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and (unicodedata.category(text[i]).startswith("M") or _ignorable(text[i])):
            continue
        if i < len(text) and text[i - 1] == "\u200d":  # a zero-width joiner joins the next character
            continue
        if i < len(text) and i - start == 1 and _regional(text[start]) and _regional(text[i]):
            continue
        out.append((start, i))
        start = i
    return out


def _font_of(cluster: str) -> str | None:
    """The first font with a glyph for every visible character of the cluster, else the first with
    one for its base character; None if no font has the base."""
    fonts = (register_pdf_font(), *fallback_fonts())
    visible = [ord(c) for c in cluster if not _ignorable(c)] or [ord(cluster[0])]
    for font in fonts:
        if all(c in charmap(font) for c in visible):
            return font
    for font in fonts:
        if visible[0] in charmap(font):
            return font
    return None


def _fonts(text: str) -> tuple[str, list[str]]:
    """The text with what no font draws replaced (U+FFFD) or left out (invisible format characters),
    and the font of each of its characters."""
    chars: list[str] = []
    fonts: list[str] = []
    replacement = _font_of(REPLACEMENT) or register_pdf_font()
    for start, end in clusters(text):
        cluster = text[start:end]
        font = _font_of(cluster)
        if font is None:
            if all(_ignorable(c) for c in cluster):
                continue
            chars.append(REPLACEMENT)
            fonts.append(replacement)
            continue
        for ch in cluster:
            if (
                _ignorable(ch)
                and unicodedata.bidirectional(ch) not in _RTL
                and (ord(ch) not in charmap(font) or 0x1F3FB <= ord(ch) <= 0x1F3FF)
            ):
                continue
            chars.append(ch)
            fonts.append(font)
    return "".join(chars), fonts


def _visual(text: str, base: int | None) -> list[tuple[int, str, int]]:
    """(logical index, character as displayed, level) of each character in display order, by the Unicode
    bidi algorithm (python-bidi's; bidi controls are used and dropped, brackets mirrored). `base` is the
    paragraph's level (0 left to right, 1 right to left); None takes it from the first strong letter."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = uba.get_base_level(text) if base is None else base
    storage["base_dir"] = ("L", "R")[storage["base_level"]]
    uba.get_embedding_levels(text, storage)
    for i, ch in enumerate(storage["chars"]):
        ch["index"] = i
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return [(ch["index"], ch["ch"], ch["level"]) for ch in storage["chars"]]


def _shaped(text: str, font: str, size: float) -> tuple[str, float]:
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

    try:
        shaped = shapeStr(text, font, size)
    except Exception:  # uharfbuzz missing or a font it cannot read: the letters unshaped
        shaped = text
    if isinstance(shaped, ShapedStr) and shaped.__shapeData__:
        return shaped, sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
    return text, stringWidth(text, font, size)


@functools.lru_cache(maxsize=65536)
def runs(text: str, size: float, base: int | None = None) -> tuple[Run, ...]:
    """`text` (one line) as runs of one font each, left to right as drawn. `base`: the paragraph
    direction (0 left to right, as a sentence of the report in Chinese or English; None: from the text's
    first strong letter, as a name on its own)."""
    primary = register_pdf_font()
    if plain(text):
        return (Run(primary, text, stringWidth(text, primary, size)),)
    if any(ch in _ISOLATES for ch in text):  # python-bidi's algorithm knows no isolates: never handed one
        return _isolated(text, size, base)
    text, fonts = _fonts(text)
    if not text:
        return ()
    order = _visual(text, base)
    # group display-order characters by font and direction; a right-to-left group of Arabic or Hebrew
    # letters is turned back to reading order and shaped as one (HarfBuzz lays it out right to left)
    groups: list[tuple[str, bool, list[tuple[int, str]]]] = []
    for index, ch, level in order:
        if _ignorable(ch) and ord(ch) not in charmap(fonts[index]):
            continue  # a bidi control the algorithm has used
        rtl = level % 2 == 1
        if groups and groups[-1][0] == fonts[index] and groups[-1][1] == rtl:
            groups[-1][2].append((index, ch))
        else:
            groups.append((fonts[index], rtl, [(index, ch)]))
    out = []
    for font, rtl, chars in groups:
        if rtl and any(unicodedata.bidirectional(ch) in ("R", "AL") for _, ch in chars):
            chars = sorted(chars)
        run = "".join(ch for _, ch in chars)
        if (font == primary and plain(run)) or (
            # Arabic-Indic digits (bidi class AN) always sit at an even, left-to-right level, but HarfBuzz
            # guesses right to left from their Arabic script and would draw ١٢٣ as ٣٢١: digits need no
            # shaping, so the run is drawn as the algorithm ordered it
            not rtl and any(unicodedata.bidirectional(ch) == "AN" for _, ch in chars)
        ):
            out.append(Run(font, run, stringWidth(run, font, size)))
        else:
            shaped, w = _shaped(run, font, size)
            out.append(Run(font, shaped, w))
    return tuple(out)


_OPENERS = {"\u2066": 0, "\u2067": 1, "\u2068": None}  # LRI, RLI, FSI: the isolate's direction
_PDI = "\u2069"
_ISOLATES = {*_OPENERS, _PDI}


def _isolated(text: str, size: float, base: int | None) -> tuple[Run, ...]:
    """The runs of a line holding isolates (a user-typed name wrapped in FSI … PDI, punctuation.isolate): each
    outermost isolate laid out on its own, in its own direction (FSI: its first strong letter), and placed as
    one neutral block in the line, so neither the name nor the text after it (a date, Chinese words) can
    pull the other in — "شركة النور · 2026-12-02" stays in that order, the date not reversed. (python-bidi's
    algorithm, which `_visual` runs, knows no isolates.) An isolate left open ends with the line; a PDI closing
    none (a line broken inside an isolate, or typed so) is left out, as the algorithm ignores it (UBA X6a)."""
    from bidi import algorithm as uba

    pieces: list[tuple[str, bool, int | None]] = []  # (text, isolated, its direction)
    depth, start, opener = 0, 0, None
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            if depth == 0:
                pieces.append((text[start:i], False, None))
                start, opener = i + 1, _OPENERS[ch]
            depth += 1
        elif ch == _PDI and depth:
            depth -= 1
            if depth == 0:
                pieces.append((text[start:i], True, opener))
                start = i + 1
        elif ch == _PDI:  # closes no isolate: dropped, so no piece holds an isolate mark at its own level
            pieces.append((text[start:i], False, None))
            start = i + 1
    pieces.append((text[start:], depth > 0, opener))
    outside = "".join(piece for piece, isolated, _d in pieces if not isolated)
    if base is None:  # the paragraph's direction from its first strong letter outside the isolates (UBA P2)
        base = (
            uba.get_base_level(outside)
            if any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in outside)
            else 0
        )
    order = pieces if base == 0 else pieces[::-1]
    return tuple(
        run
        for piece, isolated, direction in order
        if piece
        for run in runs(piece, size, direction if isolated else base)
    )


def _start(x: float, total: float, anchor: str) -> float:
    return x - total if anchor == "end" else x - total / 2 if anchor == "middle" else x


def draw(
    canvas: Any, x: float, y: float, text: str, size: float, anchor: str = "start", base: int | None = None
) -> float:
    """Draw one line on a ReportLab canvas at `size` points, its start (or end, or middle) at x;
    return its width. The canvas' fill colour is used; its font is left as it was. `base` as `runs`."""
    line = runs(text, size, base)
    total = sum(r.width for r in line)
    cursor = _start(x, total, anchor)
    canvas.saveState()
    for r in line:
        canvas.setFont(r.font, size)
        canvas.drawString(cursor, y, r.text)
        cursor += r.width
    canvas.restoreState()
    return total


def strings(x: float, y: float, text: str, size: float, fill: Any, anchor: str = "start") -> list[Any]:
    """One line as ReportLab graphics `String` shapes, one per run (a line in one font: one `String`
    anchored as asked, as ReportLab draws it)."""
    from reportlab.graphics.shapes import String

    line = runs(text, size)
    if len(line) == 1 and line[0].font == PDF_FONT:
        return [String(x, y, text, fontName=PDF_FONT, fontSize=size, fillColor=fill, textAnchor=anchor)]
    cursor = _start(x, sum(r.width for r in line), anchor)
    out = []
    for r in line:
        out.append(String(cursor, y, r.text, fontName=r.font, fontSize=size, fillColor=fill))
        cursor += r.width
    return out
