"""What every slide of the review deck is made of: the slide's size, its title and footer, a text frame's
lines and runs (the deck's fonts), the count of lines a text takes in whatever font a viewer has, and the
legend of the one visual language (`battlemap.look`). The deck (`pptx`), its org chart (`pptx_chart`) and
its influence circle (`pptx_circle`) build their slides from these."""

from __future__ import annotations

import copy
import dataclasses
import functools
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from battlemap.core.multilingual import active_language
from battlemap.core.text import clean_control
from battlemap.look import DOTTED_COLOUR, legend

from .fonts import PPTX_EA_FONT, PPTX_LATIN_FONT
from .textfit import named_line, shorten

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MIN_PT = 10  # no text in the deck is smaller
# Latin's width over the CJK font's, bold and regular: guessed only when Noto Sans is missing (line_count)
LATIN_WIDER_BOLD, LATIN_WIDER = 0.35, 0.2
CJK_ROOM = 0.9  # the share of a line's width CJK text is given (line_count)
LATIN_ROOM = 0.97  # the share Latin text measured with its real advance widths is given (line_count)
TITLE_TOP, TITLE_H = Inches(0.25), Inches(0.7)  # a slide's title; what the slide shows starts at 1"
TITLE_SIZES = (26, 20, 16)  # a title on one line, as large as one of these holds it
TITLE_FLOOR = 14  # a title on TITLE_LINES lines shrinks to this size, then is cut with "…"
TITLE_LINES = 2
TITLE_LINE = 1.2  # the title's line height (set exactly: two lines of 16 pt and the margins hold in TITLE_H)
FOOTER_PT = 10
FOOTER_TOP, FOOTER_H = SLIDE_H - Inches(0.4), Inches(0.3)
FOOTER_RIGHT = SLIDE_W - Inches(0.2)
FOOTER_W = Inches(5)  # at most; less where a shape (an org chart's legend) reaches into the footer's band


def footer(slide: Any, name: str, day: str, number: int) -> Any:
    """The slide's footer, "account · date · number", on one line at the right of its foot, in the room the
    slide leaves there (an org chart's legend reaches into it): a name too long for that room is cut with "…"
    (`textfit.named_line`, the PDF footer's rule), so the slide number always shows."""
    left = FOOTER_RIGHT - FOOTER_W
    # the shapes' positions read from their XML: python-pptx's shape objects look for a placeholder in each
    # (an org chart slide has hundreds of shapes; a fifth of a 2,000-person deck was this loop)
    for shape in slide.shapes._spTree.iter_shape_elms():
        if shape.y < FOOTER_TOP + FOOTER_H and shape.y + shape.cy > FOOTER_TOP:
            left = max(left, shape.x + shape.cx + Inches(0.1))
    left = min(left, FOOTER_RIGHT - Inches(2))
    box = slide.shapes.add_textbox(left, FOOTER_TOP, FOOTER_RIGHT - left, FOOTER_H)
    box.name = "footer"
    frame = box.text_frame
    room = Emu(box.width - frame.margin_left - frame.margin_right).pt
    text = named_line(
        name, f" · {day} · {number}", lambda line: line_count(line, FOOTER_PT, room, bold=False) == 1
    )
    set_lines(frame, [(text, FOOTER_PT, False)], "#607D8B")
    frame.word_wrap = False  # one line, whatever a viewer measures: the number at the right edge
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
    return box


def style_run(run: Any, size: float, bold: bool = False, colour: str | None = None) -> None:
    """Size, weight, colour and fonts (Latin and East Asian) of a new run, written straight into its
    `a:rPr` in the schema's order, as python-pptx's font properties would (they look each child up
    and cost a third of a 2,000-person deck)."""
    rpr = run._r.get_or_add_rPr()
    rpr.set("sz", str(Pt(size).centipoints))
    rpr.set("b", "1" if bold else "0")
    for old in list(rpr):
        if old.tag in _RUN_STYLED:
            rpr.remove(old)
    if colour:
        fill = rpr.makeelement(_SOLID_FILL, {})
        fill.append(fill.makeelement(_SRGB, {"val": colour.lstrip("#").upper()}))
        rpr.append(fill)
    rpr.append(rpr.makeelement(_LATIN, {"typeface": PPTX_LATIN_FONT}))
    rpr.append(rpr.makeelement(_EA, {"typeface": PPTX_EA_FONT}))


# the tags `style_run` writes, named once (qn() splits and looks the prefix up at each call)
_SOLID_FILL, _SRGB, _LATIN, _EA = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin"), qn("a:ea")
_RUN_STYLED = (_SOLID_FILL, _LATIN, _EA)


def set_lines(frame: Any, lines: list[tuple[str, float, bool]], colour: str | None = None) -> None:
    """`lines` ((text, size, bold) each) as the paragraphs of a text frame, wrapped, in `colour`."""
    frame.clear()
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = PP_ALIGN.LEFT
        run = para.add_run()
        run.text = clean_control(text)  # what XML cannot hold is left out (rows written before cleaning)
        style_run(run, size, bold, colour)


@functools.lru_cache(maxsize=65536)  # a card's lines are counted at each name size and on each slide
def line_count(text: str, size: float, width: float, bold: bool = True) -> int:
    """How many lines `text` takes at `size` in a box `width` points wide, in whatever font the viewer
    has. CJK text is measured with the PDF's CJK font (its glyphs are 1 em like every CJK font's), with
    CJK_ROOM of the width; Latin text with the real advance widths of Noto Sans (`fonts.deck_latin_font`,
    bold in bold: what LibreOffice draws Calibri with where Carlito is missing, wider than Calibri itself),
    with LATIN_ROOM (`_deck_width`; a guess of half as wide again had cut "Deal: Cold ch…" with a third of the
    line empty)."""
    from .fonts import deck_latin_font, register_pdf_font
    from .textfit import wrap

    font = register_pdf_font()
    if deck_latin_font(bold) is None:  # no Noto Sans here: the old guess, Latin a third wider in bold
        latin = sum(1 for ch in text if ord(ch) < 0x2E80) / max(len(text), 1)
        room = width * CJK_ROOM / (1 + (LATIN_WIDER_BOLD if bold else LATIN_WIDER) * latin)
        return len(wrap(text, font, size, room))
    return len(wrap(text, font, size, width, measure=lambda line: _deck_width(line, size, bold)))


# wrapping tries each start of a line, and the same text is wrapped at each card width a chart tries: the starts
# are measured once (a 2,000-person deck measured 400k starts, 4 s of its 14)
@functools.lru_cache(maxsize=262144)
def _deck_width(text: str, size: float, bold: bool) -> float:
    """`text`'s width as `line_count` measures it, its margins in: Latin characters (below U+2E80) that the
    deck's Latin font has in it, over LATIN_ROOM; the rest in the CJK font, over CJK_ROOM."""
    from .fonts import charmap, deck_latin_font, register_pdf_font
    from .scripts import width as text_width

    latin_font = deck_latin_font(bold)
    has = charmap(latin_font) if latin_font else frozenset()
    latin = "".join(ch for ch in text if ord(ch) < 0x2E80 and ord(ch) in has)
    rest = "".join(ch for ch in text if not (ord(ch) < 0x2E80 and ord(ch) in has))
    latin_w = text_width(latin, size, latin_font) if latin and latin_font else 0.0
    rest_w = text_width(rest, size, register_pdf_font()) if rest else 0.0
    return latin_w / LATIN_ROOM + rest_w / CJK_ROOM


def blank_slide(prs: Any, title: str) -> Any:
    """A slide with its title inside its box, above what the slide shows (`title_text`)."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.4), TITLE_TOP, SLIDE_W - Inches(0.8), TITLE_H)
    box.name = "title"
    frame = box.text_frame
    text, size = title_text(title, Emu(box.width - frame.margin_left - frame.margin_right).pt)
    set_lines(frame, [(text, size, True)], "#1f3a5f")
    frame.auto_size = MSO_AUTO_SIZE.NONE  # the box stays as it is: the slide's text starts below it
    frame.paragraphs[0].line_spacing = Pt(size * TITLE_LINE)
    return slide


def title_text(title: str, room: float) -> tuple[str, float]:
    """A slide's title and its size in a box `room` points wide: on one line at the largest of TITLE_SIZES
    that holds it; else on TITLE_LINES lines, shrunk point by point to TITLE_FLOOR; else cut to those lines
    with "…" (`textfit.shorten`; an account's name runs to 200 characters: the deck's properties have it whole)."""
    for size in TITLE_SIZES:
        if line_count(title, size, room) == 1:
            return title, size
    for size in range(TITLE_SIZES[-1], TITLE_FLOOR - 1, -1):
        if line_count(title, size, room) <= TITLE_LINES:
            return title, size
    return shorten(title, lambda cut: line_count(cut, TITLE_FLOOR, room) <= TITLE_LINES), TITLE_FLOOR


LEGEND_ROW_H = Inches(0.27)  # a row of the legend
LEGEND_RIGHT = SLIDE_W - Inches(3.3)  # the legend's rows end here: the footer's room at the right


def legend_places(links: bool = False, dotted: bool = False) -> list[tuple[Any, int, int, int]]:
    """The legend's items in the deck's language (`look.legend`, with the dotted line's when `dotted`) with where
    each goes: (item, x, row, label width), x from the slide's left edge, rows as many as the items need left of
    the footer's room."""

    x, row, out = Inches(0.3), 0, []
    for item in legend(active_language(), links=links, dotted=dotted):
        text_w = (
            Inches(0.12) * max(3, len(item.label))
            if any(ord(c) > 0x2E80 for c in item.label)
            else Inches(0.075) * max(4, len(item.label))
        )
        if x + Inches(0.5) + text_w > LEGEND_RIGHT:
            x, row = Inches(0.3), row + 1
        out.append((item, x, row, text_w))
        x += Inches(0.62) + text_w
    return out


def legend_rows(links: bool = False, dotted: bool = False) -> int:
    """How many rows the legend takes (`legend_places`): the room a chart leaves below it depends on it."""
    return 1 + max((row for _item, _x, row, _w in legend_places(links, dotted)), default=0)


def legend_shapes(slide: Any, top: int, links: bool = False, dotted: bool = False) -> None:
    """The legend as native shapes: a swatch in each attitude's colour with its mark, the markers,
    the influence lines (`links`: an org chart slide that draws some), the dotted line (`dotted`: one that draws
    a dotted-line manager's), then the role badges — in the deck's language, 10 pt, in the rows of
    `legend_places` from `top`.

    The same legend is drawn on every chart slide (81 of a 2,000-person deck, a sixth of its time shape by
    shape): its shapes are built once per legend (`_LEGENDS`, keyed by its items and places) and copied onto
    each slide, moved down to `top`, with the slide's own next ids (and a text box's default name, which
    python-pptx makes of its id) — the XML a build on the slide writes (`tests/io/test_deck_legend_once.py`)."""
    places = legend_places(links, dotted)
    key = repr([(dataclasses.astuple(item), x, row, w) for item, x, row, w in places])
    tree = slide.shapes._spTree
    made = _LEGENDS.get(key)
    if made is None:  # the first slide with this legend: built on it, and kept, moved up to the slide's top
        first = len(tree)
        _build_legend(slide, places, top)
        made = [copy.deepcopy(shape) for shape in list(tree)[first:]]
        for shape in made:
            shape.y = shape.y - top
        if len(_LEGENDS) >= 64:  # languages × kinds of legend: a handful; never grows without end
            _LEGENDS.clear()
        _LEGENDS[key] = made
        return
    for template in made:
        shape = copy.deepcopy(template)
        old, new = shape.shape_id, slide.shapes._next_shape_id
        cnv = shape._nvXxPr.cNvPr
        cnv.id = new
        if cnv.name == f"TextBox {old - 1}":
            cnv.name = f"TextBox {new - 1}"
        shape.y = shape.y + top
        tree.append(shape)


_LEGENDS: dict[str, list[Any]] = {}  # legend_shapes: each legend's shapes as built at the top of a slide


def _build_legend(slide: Any, places: list[tuple[Any, int, int, int]], top: int) -> None:
    """The shapes of `legend_shapes`, built on `slide` one by one from `top`."""
    for item, x, row, text_w in places:
        y = top + row * LEGEND_ROW_H
        if item.kind == "dotted":  # a short dashed line in its colour, no arrowhead, as the chart draws it
            line = slide.shapes.add_connector(
                MSO_CONNECTOR.STRAIGHT, x, y + Inches(0.14), x + Inches(0.42), y + Inches(0.14)
            )
            dotted_line(line)
            line.name = f"legend {item.code}"
        elif item.kind == "link":  # a short line in the link's colour with its arrowhead
            line = slide.shapes.add_connector(
                MSO_CONNECTOR.STRAIGHT, x, y + Inches(0.14), x + Inches(0.42), y + Inches(0.14)
            )
            arrow_line(line, item.border, Pt(1.5), item.dashed)
            line.name = f"legend {item.code}"
        else:
            legend_swatch(slide, item, x, y)
        label_box = slide.shapes.add_textbox(x + Inches(0.48), y + Inches(0.04), text_w, LEGEND_ROW_H)
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(label_box.text_frame, side, 0)
        set_lines(label_box.text_frame, [(item.label, MIN_PT, False)])
        label_box.text_frame.word_wrap = False


def arrow_line(connector: Any, colour: str, width: int, dashed: bool, opacity: float = 1.0) -> None:
    """Draw `connector` as an influence link: `colour` ("#rrggbb") at `opacity`, `width` EMU, dashed or
    not, an arrowhead at its end."""
    connector.line.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    connector.line.width = width
    if dashed:
        connector.line.dash_style = 4  # MSO_LINE.DASH
    ln = connector.line._get_or_add_ln()
    if opacity < 1:
        fill = ln.find(qn("a:solidFill")).find(qn("a:srgbClr"))
        fill.append(fill.makeelement(qn("a:alpha"), {"val": str(int(opacity * 100000))}))
    ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"}))


DOTTED_PT = 1.0  # a dotted-line manager's line on a slide (a reporting line is 0.75 pt)


def dotted_line(connector: Any) -> None:
    """Draw `connector` as a dotted-line manager's line: the web's slate, dashed, no arrowhead
    (`chart_links.DOTTED_COLOUR`)."""
    connector.line.color.rgb = RGBColor.from_string(DOTTED_COLOUR.lstrip("#"))
    connector.line.width = Pt(DOTTED_PT)
    connector.line.dash_style = 4  # MSO_LINE.DASH


def legend_swatch(slide: Any, item: Any, x: int, y: int) -> None:
    """A legend item's swatch: its fill, border and mark."""
    swatch = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, x, y + Inches(0.03), Inches(0.42), Inches(0.22)
    )
    swatch.fill.solid()
    swatch.fill.fore_color.rgb = RGBColor.from_string(item.fill.lstrip("#"))
    swatch.line.color.rgb = RGBColor.from_string(item.border.lstrip("#"))
    if item.dashed:
        swatch.line.dash_style = 4
    swatch.name = f"legend {item.code}"
    frame = swatch.text_frame
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, 0)
    set_lines(frame, [(item.mark, MIN_PT, True)], item.ink)
    frame.paragraphs[0].alignment = PP_ALIGN.CENTER
