"""The pipeline as an XLSX sheet: one row per listed open deal, the values the page shows."""

from __future__ import annotations

from typing import Any, BinaryIO

from django.utils.translation import pgettext

from battlemap.core.text import user_name

from ..labels import SEVERITY_LABELS, STAGE_LABELS, label
from .xlsx_book import Workbook, local_moment, write_header, write_row


def pipeline_xlsx(buf: BinaryIO, rows: list[Any]) -> None:
    """Write `rows` (deals.selectors_pipeline.PipelineRow) to `buf`; amounts stay numbers with their
    currency in the next column, a name starting with "=" stays text."""
    wb = Workbook(buf)
    ws = wb.sheet(pgettext("export", "Pipeline"))
    write_header(
        ws,
        [
            pgettext("export", "Account"),
            pgettext("export", "Deal"),
            pgettext("export", "Owner"),
            pgettext("export", "Amount"),
            pgettext("export", "Currency"),
            pgettext("export", "Stage"),
            pgettext("export", "Expected close"),
            pgettext("export", "Health"),
            pgettext("export", "Health, last 8 weeks"),
            pgettext("export", "Worst flag"),
            pgettext("export", "Days in stage"),
            pgettext("export", "Last contact"),
        ],
    )
    for r in rows:
        flag = r.flag or {}
        write_row(
            ws,
            [
                r.account.name,
                r.name,
                user_name(r.owner),
                float(r.amount) if r.amount is not None else None,
                r.currency,
                label(STAGE_LABELS, r.stage),
                r.expected_close,
                r.health,
                " → ".join(str(p) for p in r.trend if p is not None),
                f"{label(SEVERITY_LABELS, flag['severity'])} · {flag.get('title') or ''}" if flag else "",
                r.days_in_stage,
                local_moment(r.last_contact.isoformat()) if r.last_contact else None,
            ],
        )
    wb.close()
