"""The pipeline (/deals/), its XLSX export and the map-quality report. Thin: selectors, render."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from battlemap.core.choices import STAGE_CHOICES
from battlemap.deals.selectors_pipeline import (
    ALL,
    PIPELINE_SORTS,
    QUALITY_BANDS,
    REPS,
    PipelineFilters,
    map_quality_report,
    pipeline,
)
from battlemap.io.export.pipeline_xlsx import pipeline_xlsx
from battlemap.maps import QUALITY_PARTS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context(request, result) -> dict:
    return {
        "p": result,
        "params": {**result.filters.params(), "owner": result.filters.owner},
        "sort": result.filters.sort,
        "sorts": PIPELINE_SORTS,
        "stages": STAGE_CHOICES,
        "all_scope": ALL,
        "reps_scope": REPS,
        "quality_bands": QUALITY_BANDS,
        "query": request.GET.urlencode(),
    }


@login_required
def pipeline_page(request):
    result = pipeline(user=request.user, filters=PipelineFilters.from_query(request.GET))
    return render(request, "deals/pipeline.html", _context(request, result))


@login_required
def pipeline_export(request):
    result = pipeline(user=request.user, filters=PipelineFilters.from_query(request.GET), with_options=False)
    buf = BytesIO()
    pipeline_xlsx(buf, result.rows)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    name = f"pipeline-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def map_quality(request):
    query = request.GET.copy()
    query.setdefault("sort", "quality")
    report = map_quality_report(user=request.user, filters=PipelineFilters.from_query(query))
    context = _context(request, report["pipeline"])
    context.update(report, parts=[code for code, _flags in QUALITY_PARTS])
    return render(request, "deals/quality.html", context)
