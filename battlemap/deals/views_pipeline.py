"""The pipeline (/deals/), its XLSX export and the map-quality report. Thin: selectors, render."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from battlemap import vocab
from battlemap.core.choices import STAGE_OPTIONS, option_label
from battlemap.core.multilingual import active_language
from battlemap.core.templatetags.numbers import money
from battlemap.core.text import colleague_label
from battlemap.deals.selectors_pipeline import (
    ALL,
    NO_SUCH_TEAM,
    PIPELINE_SORTS,
    QUALIFICATION_BELOW,
    QUALITY_BANDS,
    REPS,
    PipelineFilters,
    map_quality_report,
    pipeline,
    pipeline_page,
)
from battlemap.deals.templatetags.deal_tags import sparkline, trend_text
from battlemap.io.export.pipeline_xlsx import pipeline_xlsx
from battlemap.maps import QUALITY_PARTS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PIPELINE_PAGE = 100  # deals a page of the pipeline and of the map-quality report (`?page=`)


def _url_maker(name: str):
    """reverse() once, then fill in the slug and the id: 400 rows without 800 URL resolutions."""
    pattern = reverse(name, args=["SLUG", 999999999])
    return lambda slug, pk: pattern.replace("SLUG", slug).replace("999999999", str(pk))


def display_rows(rows) -> list[dict]:
    """The rows as plain dicts of ready text (a page of hundreds of deals renders several times faster
    than with model instances, tags and filters per cell)."""
    lang = active_language()
    deal_url, account_url = _url_maker("deal"), reverse("account", args=["SLUG"])
    out = []
    for r in rows:
        flag = r.flag or {}
        spark_label = _("Health, last 8 weeks: %(points)s") % {"points": trend_text(r.trend)}
        out.append(
            {
                "row": r,
                "deal_id": r.deal_id,
                "name": r.name,
                "account_name": r.account.name,
                "account_url": account_url.replace("SLUG", r.account.slug),
                "deal_url": deal_url(r.account.slug, r.deal_id),
                "owner": colleague_label(r.owner),
                "amount": money(r.amount, r.currency) or "—",
                "stage": option_label(vocab.STAGES, r.stage, lang),
                "close": r.expected_close.isoformat() if r.expected_close else "—",
                "health": r.health,
                "band": r.band,
                "spark": sparkline(r.trend, spark_label),
                "spark_label": spark_label,
                "flag": flag,
                "severity": vocab.SEVERITIES.label(flag["severity"], lang) if flag else "",
                "days": "—" if r.days_in_stage is None else r.days_in_stage,
                "last": timezone.localtime(r.last_contact).date().isoformat() if r.last_contact else "—",
                "quality": r.quality,
                "qualification": r.qualification,
                "qualification_url": reverse("deal_qualification", args=[r.account.slug, r.deal_id]),
            }
        )
    return out


def owner_shown(result) -> str:
    """The name of the one owner the pipeline is filtered by, as the page says it ("The open deals owned by
    李晓明."); "" when the filter is no owner among the accounts the user may see (`?owner=4`): the page
    then says there is no such owner, never echoing what was typed into the address."""
    scope = result.owner_scope
    if scope in (ALL, REPS):
        return ""
    return dict(result.options.get("owners", ())).get(scope, "")


def team_shown(result) -> str:
    """The name of the team the pipeline is filtered by, as the page says it ("The open deals of team 华南大客户部…");
    "" with no team filter, or one naming no team the user may filter by (the page says NO_SUCH_TEAM)."""
    if not result.filters.team or result.no_such_team:
        return ""
    return dict(result.options.get("teams", ())).get(result.filters.team, "")


def _context(request, result, page) -> dict:
    """What the pipeline and the map-quality report show: totals and counts over `result` (every listed
    deal), the rows of `page`; `query` is the filters and sort without the page, for the links to the other
    report and to the export (which lists every deal)."""
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "p": result,
        "page": page,
        "owner_name": owner_shown(result),
        "team_name": team_shown(result),
        "no_such_team": NO_SUCH_TEAM,
        "rows": display_rows(page.object_list),
        "params": {**result.filters.params(), "owner": result.filters.owner},
        "sort": result.filters.sort,
        "sorts": PIPELINE_SORTS,
        "stages": STAGE_OPTIONS,
        "all_scope": ALL,
        "reps_scope": REPS,
        "quality_bands": QUALITY_BANDS,
        "qualification_below": QUALIFICATION_BELOW,
        "query": query.urlencode(),
    }


@login_required
def pipeline_list(request):
    """The pipeline: PIPELINE_PAGE deals a page, the totals per stage over every deal listed."""
    filters = PipelineFilters.from_query(request.GET)
    result, page = pipeline_page(
        user=request.user, filters=filters, number=request.GET.get("page"), per_page=PIPELINE_PAGE
    )
    return render(request, "deals/pipeline.html", _context(request, result, page))


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
    report = map_quality_report(
        user=request.user,
        filters=PipelineFilters.from_query(query),
        number=request.GET.get("page"),
        per_page=PIPELINE_PAGE,
    )
    context: dict = _context(request, report["pipeline"], report["page"])
    context.update(report, parts=[code for code, _flags in QUALITY_PARTS])
    return render(request, "deals/quality.html", context)
