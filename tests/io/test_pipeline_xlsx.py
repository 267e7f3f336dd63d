"""The pipeline XLSX carries what the pipeline page shows, as numbers a spreadsheet can sort and chart: the
qualification (MEDDPICC) score, today's health and each past week's health, never a text '44'."""

from __future__ import annotations

from io import BytesIO
from numbers import Number

import pytest
from django.utils import timezone, translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.deals.selectors_pipeline import pipeline
from battlemap.io.export.pipeline_xlsx import pipeline_xlsx
from battlemap.maps import trend_days

pytestmark = pytest.mark.django_db


def test_the_pipeline_sheet_writes_scores_and_the_trend_as_numbers(world):
    rows = pipeline(user=world.owner).rows
    row = next(r for r in rows if r.deal_id == world.cn_deal.pk)
    assert row.qualification is not None
    buf = BytesIO()
    with translation.override("zh-hans"):
        pipeline_xlsx(buf, rows)
        qual, health = pgettext("export", "Qualification"), pgettext("export", "Health")
        weeks = [
            pgettext("export", "Health on %(day)s") % {"day": d.isoformat()}
            for d in trend_days(timezone.localdate())[:-1]
        ]
    sheet = load_workbook(BytesIO(buf.getvalue())).active
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    head, cells = table[0], next(r for r in table[1:] if r[1] == row.name)
    assert cells[head.index(qual)] == row.qualification
    assert cells[head.index(health)] == row.health and isinstance(cells[head.index(health)], Number)
    assert [cells[head.index(w)] for w in weeks] == row.trend[:-1]
    assert not any(isinstance(v, str) and v.strip().isdigit() for v in cells)  # no number written as text


def test_the_sheet_names_its_columns_as_the_pipeline_page_does(owner_client, world):
    """The sheet headed a column 最近联系 where the page says 最近接触 (third trial)."""
    buf = BytesIO()
    with translation.override("zh-hans"):
        pipeline_xlsx(buf, pipeline(user=world.owner).rows)
    head = next(load_workbook(BytesIO(buf.getvalue())).active.iter_rows(values_only=True))
    page = owner_client.get("/deals/", headers={"Accept-Language": "zh-hans"}).content.decode()
    assert "最近接触" in head and "最近接触" in page
