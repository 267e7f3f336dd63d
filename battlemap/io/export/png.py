"""The org chart as a PNG picture: the ReportLab drawing as a one-page PDF, rasterised by poppler's pdftoppm."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from django.utils import translation

from .chart import chart_drawing
from .fonts import FontMissing, register_pdf_font
from .orgchart import layout
from .report import map_view

POINTS_PER_SLOT = 120
POINTS_PER_UNIT_HEIGHT = 95
DPI = 150


def export_png(data: dict[str, Any], *, deal_id: int | None = None, lang: str = "zh-hans") -> bytes:
    from reportlab.graphics import renderPDF

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise FontMissing("PNG export needs poppler's pdftoppm: apt-get install poppler-utils")
    font = register_pdf_font()
    report = map_view(data, deal_id)
    lay = layout(report.people)
    width = max(lay.width * POINTS_PER_SLOT, 300) + 20
    height = max(lay.height * POINTS_PER_UNIT_HEIGHT, 150) + 20
    with translation.override(lang):
        drawing = chart_drawing(report, width - 20, height - 20, font)
    drawing.translate(10, 10)
    drawing.width, drawing.height = width, height
    pdf = renderPDF.drawToString(drawing)
    done = subprocess.run(
        [pdftoppm, "-png", "-r", str(DPI), "-singlefile"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=120,
    )
    return done.stdout
