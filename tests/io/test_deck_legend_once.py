"""The legend under every org chart slide of the deck (81 slides for a 2,000-person account) was built shape by
shape on each of them, a sixth of the deck's time. It is built once per legend and copied: each slide still shows
the whole legend where it was, in the deck's language, with ids of its own — the XML a build on the slide writes.
No timings: the swatches built are counted."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import translation
from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from battlemap.io.export import pptx_slide
from battlemap.io.export.pptx_slide import SLIDE_H, SLIDE_W, blank_slide, footer, legend_shapes


@pytest.fixture
def no_legend_yet(monkeypatch):
    """No legend built yet in this process; the swatches built counted."""
    monkeypatch.setattr(pptx_slide, "_LEGENDS", {}, raising=False)
    built: Counter = Counter()
    real = pptx_slide.legend_swatch
    monkeypatch.setattr(
        pptx_slide,
        "legend_swatch",
        lambda slide, item, *a: (built.update([item.code]), real(slide, item, *a)),
    )
    return built


def _chart_slide(prs, cards: int, top: int, turbo: bool = True, **kinds):
    slide = blank_slide(prs, "组织架构图 <script>x</script>")
    slide.shapes.turbo_add_enabled = turbo
    for i in range(cards):
        slide.shapes.add_textbox(Inches(0.3 + i), Inches(1.2), Inches(0.9), Inches(0.5)).name = f"person {i}"
    legend_shapes(slide, top, **kinds)
    footer(slide, "华东能源", "2026-12-05", 3)
    return slide


def _xml(slide) -> bytes:
    return etree.tostring(slide.shapes._spTree)


@pytest.mark.parametrize("turbo", [True, False])
def test_each_chart_slide_has_the_legend_a_build_on_it_writes_built_once(no_legend_yet, turbo):
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    with translation.override("zh-hans"):
        _chart_slide(prs, 2, Inches(6.2), turbo, links=True)
        once = sum(no_legend_yet.values())
        copied = [
            _chart_slide(prs, cards, top, turbo, links=True)
            for cards, top in ((5, Inches(5.9)), (1, 6000000))
        ]
        assert sum(no_legend_yet.values()) == once  # built for the first slide only (each slide rebuilt it)
        pptx_slide._LEGENDS.clear()
        built = [
            _chart_slide(prs, cards, top, turbo, links=True)
            for cards, top in ((5, Inches(5.9)), (1, 6000000))
        ]
    assert [_xml(s) for s in copied] == [_xml(s) for s in built]
    for slide in copied:
        ids = [shape.shape_id for shape in slide.shapes]
        assert len(ids) == len(set(ids))  # the footer after the legend too
        names = [shape.name for shape in slide.shapes]
        assert "legend coach" in names and "legend supporter" in names and names[-1] == "footer"


def test_a_copied_legend_is_in_the_deck_language_and_of_its_kind(no_legend_yet):
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    texts = {}
    for lang in ("zh-hans", "en", "zh-hans"):
        for links in (False, True):
            with translation.override(lang):
                slide = _chart_slide(prs, 1, Inches(6.2), links=links)
            shapes = list(slide.shapes)
            texts[(lang, links)] = [shape.text_frame.text for shape in shapes if shape.has_text_frame]
            lines = [s for s in shapes if s.name.startswith("legend") and s.shape_type == 9]  # connectors
            assert bool(lines) == links  # the influence lines' items on a slide that draws links only
    assert "支持" in " ".join(texts[("zh-hans", False)]) and "+ supporter" in " ".join(texts[("en", False)])
    assert len(texts[("zh-hans", True)]) > len(texts[("zh-hans", False)])  # the influence lines' items
