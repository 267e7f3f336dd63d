"""The org chart as a PNG picture: the ReportLab drawing as a one-page PDF, rasterised by poppler's pdftoppm.

A big chart is rasterised at a lower resolution, so the picture holds at most MAX_PIXELS: the time
goes in pixels (pdftoppm's PNG encoding was three quarters of it: pdftoppm now hands raw pixels to
Pillow, which encodes faster), and a 2,000-person chart at DPI was 130 million pixels (88,000 × 1,500,
6 s of CPU and 500 MB in pdftoppm alone). Card text stays at least
MIN_DPI / 72 pixels per point (10 pt names ≥ 11 px)."""

from __future__ import annotations

import io
import shutil
import subprocess
from typing import Any

from django.utils import translation
from PIL import Image
from reportlab.lib import colors

from .chart import chart_drawing, legend_drawing
from .chart_links import picture_links
from .fonts import FontMissing, register_pdf_font
from .orgchart import layout
from .report import build_report, map_view
from .rows import links_left_out_text, no_people_text
from .scripts import strings

POINTS_PER_SLOT = 120
POINTS_PER_UNIT_HEIGHT = 95
DPI = 150
MAX_PIXELS = 40_000_000
MIN_DPI = 80


def resolution(width_pt: float, height_pt: float) -> int:
    """The DPI of a width × height (points) picture: DPI, lowered so the picture holds at most
    MAX_PIXELS, never below MIN_DPI."""
    pixels = (width_pt / 72 * DPI) * (height_pt / 72 * DPI)
    if pixels <= MAX_PIXELS:
        return DPI
    return max(MIN_DPI, int(DPI * (MAX_PIXELS / pixels) ** 0.5))


def export_png(
    data: dict[str, Any],
    *,
    analysis: dict[str, Any] | None = None,
    deal_id: int | None = None,
    lang: str = "zh-hans",
) -> bytes:
    """The org chart as a PNG; with `analysis`, key people never met are marked as on every picture."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Drawing, String

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise FontMissing("PNG export needs poppler's pdftoppm: apt-get install poppler-utils")
    font = register_pdf_font()
    report = build_report(data, analysis, deal_id) if analysis is not None else map_view(data, deal_id)
    lay = layout(report.people, list(report.bodies))
    width = max(lay.width * POINTS_PER_SLOT, 300) + 20
    height = max(lay.height * POINTS_PER_UNIT_HEIGHT, 150) + 20
    with translation.override(lang):
        if report.people:
            drawing = chart_drawing(report, width - 20, height - 20, font)
            drawn, left_out = picture_links(report, {p["id"] for p in report.people})
            key = legend_drawing(width - 20, font, size=9, links=bool(drawn))
            below = 16 if left_out else 0  # the line saying how many links are not drawn, under the legend
            drawing.translate(10, key.height + 16 + below)
            key.translate(10, 6 + below)
            page = Drawing(width, height + key.height + 12 + below)
            page.add(drawing)
            page.add(key)
            if left_out:
                for shape in strings(10, 6, links_left_out_text(len(drawn), left_out), 9, colors.black):
                    page.add(shape)
        else:  # no empty chart and legend: the one sentence the review exports say (rows.no_people_text)
            page = Drawing(width, 60)
            page.add(String(width / 2, 25, no_people_text(), fontName=font, fontSize=12, textAnchor="middle"))
    pdf = renderPDF.drawToString(page)
    dpi = resolution(page.width, page.height)
    done = subprocess.run(  # raw pixels (PPM): Pillow encodes the PNG in a third less time than pdftoppm
        [pdftoppm, "-r", str(dpi), "-singlefile"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=120,
    )
    with Image.open(io.BytesIO(done.stdout)) as image:
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=6, dpi=(dpi, dpi))
    return out.getvalue()
