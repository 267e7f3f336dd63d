"""The pipeline as an XLSX sheet: one row per listed open deal, the values the page shows (its qualification
score too), each number a number cell: the health of today, then the points of its 8-week trend one column
per week (`maps.trend_days`), so a spreadsheet can chart or sort them."""

from __future__ import annotations

from typing import Any, BinaryIO

from django.utils import timezone
from django.utils.translation import pgettext

from battlemap.core.text import colleague_label
from battlemap.maps import trend_days

from ..labels import SEVERITY_LABELS, STAGE_LABELS, label
from .xlsx_book import Amount, Workbook, local_moment, write_header, write_row


def pipeline_xlsx(buf: BinaryIO, rows: list[Any]) -> None:
    """Write `rows` (deals.selectors_pipeline.PipelineRow) to `buf`; amounts stay numbers with their
    currency in the next column, a name starting with "=" stays text; the health, the MEDDPICC score (0..100)
    and each past week's health (the trend's points before today, oldest first, blank where the deal was
    not open) are number cells."""
    past_days = trend_days(timezone.localdate())[:-1]  # today's point is the Health column
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
            pgettext("export", "Worst flag"),
            pgettext("export", "Qualification"),
            pgettext("export", "Days in stage"),
            pgettext("export", "Last contact"),
            *(pgettext("export", "Health on %(day)s") % {"day": day.isoformat()} for day in past_days),
        ],
    )
    for r in rows:
        flag = r.flag or {}
        write_row(
            ws,
            [
                r.account.name,
                r.name,
                colleague_label(r.owner),
                Amount(r.amount) if r.amount is not None else None,
                r.currency,
                label(STAGE_LABELS, r.stage),
                r.expected_close,
                r.health,
                f"{label(SEVERITY_LABELS, flag['severity'])} · {flag.get('title') or ''}" if flag else "",
                r.qualification,
                r.days_in_stage,
                local_moment(r.last_contact.isoformat()) if r.last_contact else None,
                *r.trend[: len(past_days)],
            ],
        )
    wb.close()
