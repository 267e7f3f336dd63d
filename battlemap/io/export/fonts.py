"""The fonts of the exports: the CJK TrueType font embedded in PDF (and PNG) exports, the fallback
fonts drawing what it lacks (scripts.py picks one per character), and the names the PPTX sets."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
PDF_FONT = "BattlemapCJK"
# What PowerPoint / WPS should use for East Asian text; both ship or substitute these.
PPTX_EA_FONT = "Microsoft YaHei"
PPTX_LATIN_FONT = "Calibri"
_NOTO = "/usr/share/fonts/truetype/noto/"
# What the deck's Latin text is measured with (`pptx_slide.line_count`), regular and bold: Noto Sans
# (fonts-noto-core), what LibreOffice draws Calibri with where Carlito is missing and Noto is installed, as on
# the project's machines; wider than Calibri itself (PowerPoint, WPS, LibreOffice with Carlito).
DECK_LATIN_FONTS = {
    False: ("BattlemapDeckLatin", _NOTO + "NotoSans-Regular.ttf"),
    True: ("BattlemapDeckLatinBold", _NOTO + "NotoSans-Bold.ttf"),
}
# No complex-script font is set on a run: PowerPoint takes the theme's font for each script (python-pptx's
# theme: Arial for Arabic and Hebrew, Cordia New for Thai, Mangal for Devanagari…); LibreOffice falls
# back to an installed font that has the characters (fonts-noto-core).

# Tried in this order for a character the CJK font lacks (Debian: fonts-dejavu-core, fonts-noto-core,
# fonts-symbola). DejaVu Sans first: Latin with every diacritic (Vietnamese), combining marks,
# Cyrillic, Greek, Hebrew and Arabic with its presentation forms (so copied Arabic text stays Arabic),
# many symbols, the emoticons (😀) and the replacement character; then Noto per script (Symbols 2: many
# pictographs, 🏭); Symbola for the emoji the others lack (🚀).
FALLBACKS = (
    ("BattlemapSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ("BattlemapNotoSans", _NOTO + "NotoSans-Regular.ttf"),
    ("BattlemapArabic", _NOTO + "NotoSansArabic-Regular.ttf"),
    ("BattlemapHebrew", _NOTO + "NotoSansHebrew-Regular.ttf"),
    ("BattlemapThai", _NOTO + "NotoSansThai-Regular.ttf"),
    ("BattlemapDevanagari", _NOTO + "NotoSansDevanagari-Regular.ttf"),
    ("BattlemapBengali", _NOTO + "NotoSansBengali-Regular.ttf"),
    ("BattlemapTamil", _NOTO + "NotoSansTamil-Regular.ttf"),
    ("BattlemapArmenian", _NOTO + "NotoSansArmenian-Regular.ttf"),
    ("BattlemapGeorgian", _NOTO + "NotoSansGeorgian-Regular.ttf"),
    ("BattlemapEthiopic", _NOTO + "NotoSansEthiopic-Regular.ttf"),
    ("BattlemapKhmer", _NOTO + "NotoSansKhmer-Regular.ttf"),
    ("BattlemapLao", _NOTO + "NotoSansLao-Regular.ttf"),
    ("BattlemapSymbols", _NOTO + "NotoSansSymbols-Regular.ttf"),
    ("BattlemapSymbols2", _NOTO + "NotoSansSymbols2-Regular.ttf"),
    ("BattlemapMath", _NOTO + "NotoSansMath-Regular.ttf"),
    ("BattlemapEmoji", "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),
)


class FontMissing(Exception):
    pass


def cjk_font_path() -> Path:
    override = os.environ.get("BATTLEMAP_CJK_FONT")
    for candidate in ((override,) if override else ()) + CANDIDATES:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FontMissing(
        _(
            "No CJK TrueType font found: install fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei) "
            "or set BATTLEMAP_CJK_FONT to a .ttf/.ttc file."
        )
    )


_reportlab_cmap: Any = None


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap of a font subset, with characters above U+FFFF (emoji, rare
    scripts) written as UTF-16 (a surrogate pair) as PDF wants: ReportLab writes their code point
    in five hex digits, which readers take for another character (😀 copied as ὠ)."""

    def utf16(m: re.Match[str]) -> str:
        return f"{m[1]} <{chr(int(m[2], 16)).encode('utf-16-be').hex().upper()}>"

    return re.sub(r"^(<[0-9A-F]+>) <([0-9A-F]{5,6})>$", utf16, _reportlab_cmap(fontname, subset), flags=re.M)


def _patch_to_unicode() -> None:
    from reportlab.pdfbase import ttfonts

    global _reportlab_cmap
    if ttfonts.makeToUnicodeCMap is not _to_unicode_cmap:
        _reportlab_cmap = ttfonts.makeToUnicodeCMap
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def register_pdf_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        _patch_to_unicode()
        path = cjk_font_path()
        kwargs = {"subfontIndex": 0} if path.suffix.lower() == ".ttc" else {}
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(path), **kwargs))
    return PDF_FONT


@functools.cache
def fallback_fonts() -> tuple[str, ...]:
    """The fallback fonts found on this machine, registered with ReportLab, in FALLBACKS' order
    (a missing one is skipped: its characters are drawn as the replacement mark)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for name, path in FALLBACKS:
        if name not in pdfmetrics.getRegisteredFontNames():
            if not Path(path).is_file():
                continue
            pdfmetrics.registerFont(TTFont(name, path))
        names.append(name)
    return tuple(names)


@functools.cache
def charmap(font: str) -> frozenset[int]:
    """The code points `font` (a registered TrueType font) has a glyph for."""
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


@functools.cache
def deck_latin_font(bold: bool) -> str | None:
    """The registered name of the font the deck's Latin text is measured with (DECK_LATIN_FONTS), bold or
    regular; None when it is not on this machine."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name, path = DECK_LATIN_FONTS[bold]
    if name not in pdfmetrics.getRegisteredFontNames():
        if not Path(path).is_file():
            return None
        pdfmetrics.registerFont(TTFont(name, path))
    return name
