"""The CJK TrueType font embedded in PDF exports and named in PPTX exports."""

from __future__ import annotations

import os
from pathlib import Path

CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
PDF_FONT = "BattlemapCJK"
# What PowerPoint / WPS should use for East Asian text; both ship or substitute these.
PPTX_EA_FONT = "Microsoft YaHei"
PPTX_LATIN_FONT = "Calibri"


class FontMissing(Exception):
    pass


def cjk_font_path() -> Path:
    override = os.environ.get("BATTLEMAP_CJK_FONT")
    for candidate in ((override,) if override else ()) + CANDIDATES:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FontMissing(
        "No CJK TrueType font found: install fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei) "
        "or set BATTLEMAP_CJK_FONT to a .ttf/.ttc file."
    )


def register_pdf_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        path = cjk_font_path()
        kwargs = {"subfontIndex": 0} if path.suffix.lower() == ".ttc" else {}
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(path), **kwargs))
    return PDF_FONT
