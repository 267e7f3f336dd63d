"""Text fitted to a width in the exported pictures (org chart cards, the circle's labels, the deck's shapes):
broken at spaces in Latin text and anywhere in CJK text (`wrap`), shrunk and ended with "…" when it must fit
a number of lines (`fit_lines`; a card's title shrinks only to stay whole, else keeps its size and is cut); a
text cut to its room and ended with "…" (`shorten`, the one rule for it: the PDF's and the deck's footers
through `named_line`, the deck's titles, the last line of `fit_lines`, a table cell of the PDF or the deck's
first slide). Widths are measured per script (`scripts.width`)."""

from __future__ import annotations

from collections.abc import Callable

from battlemap.punctuation import isolate

from .scripts import clusters
from .scripts import width as text_width

ELLIPSIS = "…"


def shorten(text: str, fits: Callable[[str], bool], *, whole: bool = True, most: int | None = None) -> str:
    """`text` as its room holds it: whole when `fits(text)` (and `whole`: False for a text already known to go
    on), else its longest start that fits with "…" after it ("…" alone at worst). `fits` says whether a text
    holds in the room as the picture measures it — one line's width in the PDF, two lines of a deck's title,
    a table cell's lines. A start is cut by characters — each whole with its marks, a flag's two letters, an emoji
    with its skin tone (`scripts.clusters`) —, so Chinese and words of Latin alike end where the room does. `most`: no more characters than the room could ever hold (a text a user types runs to 20,000): a
    longer text is cut without measuring it whole, and the search measures no longer start."""
    if most is not None and len(text) > most:
        text, whole = text[:most], False
    if whole and fits(text):
        return text
    ends = [0] + [end for _start, end in clusters(text)]
    low, high = (
        0,
        len(ends) - 1,
    )  # the longest start that fits: found by halving (a name runs to 200 characters)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[: ends[middle]].rstrip() + ELLIPSIS):
            low = middle
        else:
            high = middle - 1
    return text[: ends[low]].rstrip() + ELLIPSIS


def most_chars(width: float, height: float, size: float, leading: float) -> int:
    """The most characters a box `width` × `height` points could hold in lines `leading` apart at `size`, each
    character at least a fifth of the size wide (the narrowest glyphs): `shorten`'s `most` for a table cell."""
    return int(height / leading + 1) * int(width / (size / 5) + 1)


def named_line(name: str, tail: str, fits: Callable[[str], bool]) -> str:
    """A footer's line, the account's name then `tail` (" · date", " · date · slide number"), as its room holds it
    (`fits`): the name isolated from the tail (`punctuation.isolate`: a right-to-left name would take the date in)
    and cut with "…" when the room is short (`shorten`); the tail always whole."""
    return isolate(shorten(name, lambda cut: fits(isolate(cut) + tail))) + tail


def wrap(
    text: str, font: str, size: float, width: float, measure: Callable[[str], float] | None = None
) -> list[str]:
    """Break `text` into lines no wider than `width`: at spaces for Latin words, anywhere in CJK text.
    Nothing is cut; a single word wider than the line is broken by characters. A character is a cluster
    (`scripts.clusters`): a line never ends inside one — a flag 🇨🇳 drawn as two boxed letters, C and N, one on
    each line, or a skin tone or an accent starting a line alone. A line broken inside a bidi
    isolate or embedding (a right-to-left name wrapped in FSI … PDI, `punctuation.isolate`) opens it again on
    the next line (`_reopened`), so the end of the name keeps its own direction there too. `measure`: a text's
    width in points, when not `font`'s at `size` (the deck's, `pptx_slide.line_count`)."""
    return _reopened(_broken(text, measure or (lambda t: text_width(t, size, font)), width))


def _broken(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = line + token
        if not line or measure(candidate.rstrip()) <= width:
            line = candidate
            continue
        lines.append(line.rstrip())
        line = token.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    out: list[str] = []
    for ln in lines:  # a word wider than the line: break it by characters
        while measure(ln) > width:
            ends = [end for _start, end in clusters(ln)][:-1]
            if not ends:
                break
            low, high = (
                0,
                len(ends) - 1,
            )  # the longest start that fits (at least one character), found by halving
            while low < high:
                middle = (low + high + 1) // 2
                if measure(ln[: ends[middle]]) <= width:
                    low = middle
                else:
                    high = middle - 1
            out.append(ln[: ends[low]])
            ln = ln[ends[low] :]
        out.append(ln)
    return out or [""]


_EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF (U+202C)
_ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI (U+2069)


def _reopened(lines: list[str]) -> list[str]:
    """`lines` each starting with the bidi isolates and embeddings the lines before left open, innermost last,
    as the Unicode bidi algorithm pairs them (a PDI closes its isolate and what was opened inside it, a PDF the
    innermost embedding of its isolate; a closer without its opener closes nothing)."""
    out: list[str] = []
    opened = ""
    for line in lines:
        line = opened + line
        out.append(line)
        stack: list[str] = []
        for ch in line:
            if ch in _EMBEDDINGS or ch in _ISOLATES:
                stack.append(ch)
            elif ch == "\u2069" and any(c in _ISOLATES for c in stack):
                while stack.pop() not in _ISOLATES:
                    pass
            elif ch == "\u202c" and stack and stack[-1] in _EMBEDDINGS:
                stack.pop()
        opened = "".join(stack)
    return out


def _tokens(text: str) -> list[str]:
    """The pieces a line may end after: a Latin word with its space, each wide character (Chinese, an emoji) with
    its marks, variation selector or skin tone (`scripts.clusters`)."""
    tokens: list[str] = []
    word = ""
    for start, end in clusters(text):
        ch = text[start:end]
        if ord(ch[0]) > 0x2E80:
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
    text: str,
    font: str,
    size: float,
    width: float,
    max_lines: int,
    smallest_share: float = SMALLEST_SHARE,
    *,
    shrunk_when_cut: bool = True,
) -> tuple[list[str], float]:
    """The text in at most `max_lines` lines of `width` points: ([lines], size in points). The size shrinks
    (to `smallest_share` of `size`; 1 keeps it) only if it must; text that still does not fit ends its last
    line with "…" (the whole of it is in the report's tables) — at the smallest size, or, with
    `shrunk_when_cut` False, at `size` itself: the text shrinks only to stay whole, never to be cut as well (a
    card's title, `cards.card_text`: a long one was cut at 60 % of its size, unreadable and cut at once)."""
    current, smallest = size, size * smallest_share
    while True:
        lines = wrap(text, font, current, width)
        if len(lines) <= max_lines:
            return lines, current
        if current <= smallest:
            break
        current = max(current * 0.9, smallest)
    if not shrunk_when_cut and current < size:
        return fit_lines(text, font, size, width, max_lines, 1.0)
    last = shorten(lines[max_lines - 1], lambda t: text_width(t, current, font) <= width, whole=False)
    return [*lines[: max_lines - 1], last], current
