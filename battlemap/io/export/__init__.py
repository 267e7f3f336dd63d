"""Exports of an account's map: every format starts from the map-format dict (battlemap.io.mapformat)."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

FORMATS = ("json", "xlsx", "pdf", "pptx", "png")
CONTENT_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
}


def analysis_for(account: Any, deal_id: int | None, lang: str = "zh-hans") -> dict[str, Any] | None:
    """The analysis in issue 3's JSON shape, when the analysis app is installed; None until then."""
    try:
        from battlemap.accounts.snapshot import account_snapshot  # type: ignore[import-not-found]
        from battlemap.analysis.engine import analyze  # type: ignore[import-not-found]
        from battlemap.analysis.report import analysis_json  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return analysis_json(analyze(account_snapshot(account=account), lang=lang), deal_id=deal_id)
    except Exception:  # an export must not fail because the analysis does; it then says "not available"
        logger.exception("analysis failed for the export of %s", getattr(account, "slug", account))
        return None


def export_map_bytes(
    data: dict[str, Any],
    *,
    fmt: str,
    deal_id: int | None = None,
    lang: str = "zh-hans",
    analysis: dict[str, Any] | None = None,
) -> bytes:
    """Render a map-format dict; raises KeyError for a deal id that is not in the map."""
    if deal_id is not None and not any(d.get("id") == deal_id for d in data.get("deals") or []):
        raise KeyError(deal_id)
    if fmt == "json":
        from battlemap.io.mapformat import dumps_map

        return dumps_map(data).encode("utf-8")
    if fmt == "xlsx":
        from .xlsx import export_xlsx

        return export_xlsx(data, deal_id=deal_id, lang=lang, analysis=analysis)
    if fmt == "pdf":
        from .pdf import export_pdf

        return export_pdf(data, deal_id=deal_id, lang=lang, analysis=analysis)
    if fmt == "pptx":
        from .pptx import export_pptx

        return export_pptx(data, deal_id=deal_id, lang=lang, analysis=analysis)
    if fmt == "png":
        from .png import export_png

        return export_png(data, deal_id=deal_id, lang=lang)
    raise ValueError(fmt)


def export_account(account: Any, *, fmt: str, deal_id: int | None = None, lang: str = "zh-hans") -> bytes:
    from battlemap.io.mapformat import export_map

    data = export_map(account)
    analysis = analysis_for(account, deal_id, lang) if fmt in ("xlsx", "pdf", "pptx") else None
    return export_map_bytes(data, fmt=fmt, deal_id=deal_id, lang=lang, analysis=analysis)
