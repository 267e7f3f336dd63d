"""Text fitted to a width in the exported pictures (org chart cards, the circle's labels, the deck's shapes):
broken at spaces in Latin text and anywhere in CJK text (`wrap`), shrunk and ended with "…" when it must fit
a number of lines (`fit_lines`); a text cut to its room and ended with "…" (`shorten`, the one rule for it: the
PDF's and the deck's footers through `named_line`, the deck's titles, the last line of `fit_lines`). Widths are
measured per script (`scripts.width`)."""

from __future__ import annotations

from collections.abc import Callable

from battlemap.punctuation import isolate

from .scripts import width as text_width

ELLIPSIS = "…"


def shorten(text: str, fits: Callable[[str], bool], *, whole: bool = True) -> str:
    """`text` as its room holds it: whole when `fits(text)` (and `whole`: False for a text already known to go
    on), else its longest start that fits with "…" after it ("…" alone at worst). `fits` says whether a text
    holds in the room as the picture measures it — one line's width in the PDF, two lines of a deck's title.
    A start is cut by characters, so Chinese and words of Latin alike end where the room does."""
    if whole and fits(text):
        return text
    low, high = 0, len(text)  # the longest start that fits: found by halving (a name runs to 200 characters)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle].rstrip() + ELLIPSIS):
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def named_line(name: str, tail: str, fits: Callable[[str], bool]) -> str:
    """A footer's line, the account's name then `tail` (" · date", " · date · slide number"), as its room holds it
    (`fits`): the name isolated from the tail (`punctuation.isolate`: a right-to-left name would take the date in)
    and cut with "…" when the room is short (`shorten`); the tail always whole."""
    return isolate(shorten(name, lambda cut: fits(isolate(cut) + tail))) + tail


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width`: at spaces for Latin words, anywhere in CJK text.
    Nothing is cut; a single word wider than the line is broken by characters."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = line + token
        if not line or text_width(candidate.rstrip(), size, font) <= width:
            line = candidate
            continue
        lines.append(line.rstrip())
        line = token.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    out: list[str] = []
    for ln in lines:  # a word wider than the line: break it by characters
        while text_width(ln, size, font) > width and len(ln) > 1:
            cut = len(ln)
            while cut > 1 and text_width(ln[:cut], size, font) > width:
                cut -= 1
            out.append(ln[:cut])
            ln = ln[cut:]
        out.append(ln)
    return out or [""]


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ord(ch) > 0x2E80:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


SMALLEST_SHARE = 0.6  # a card's text shrinks to no less than this share of its size: smaller is unreadable


def fit_lines(
    text: str, font: str, size: float, width: float, max_lines: int, smallest_share: float = SMALLEST_SHARE
) -> tuple[list[str], float]:
    """The text in at most `max_lines` lines of `width` points: ([lines], size in points). The size shrinks
    (to `smallest_share` of `size`; 1 keeps it) only if it must; text that still does not fit ends its last
    line with "…" (the whole of it is in the report's tables)."""
    current, smallest = size, size * smallest_share
    while True:
        lines = wrap(text, font, current, width)
        if len(lines) <= max_lines:
            return lines, current
        if current <= smallest:
            break
        current = max(current * 0.9, smallest)
    last = shorten(lines[max_lines - 1], lambda t: text_width(t, current, font) <= width, whole=False)
    return [*lines[: max_lines - 1], last], current
