"""API: the pipeline — every open deal the caller may see, filtered and sorted, with totals per stage.

The same selector as the web page (deals.selectors_pipeline), so the numbers agree.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from battlemap import vocab
from battlemap.core.api import ERRORS, Page, user_of
from battlemap.core.schemas import NO_NUL, QUARTER
from battlemap.deals.selectors_pipeline import (
    NO_SUCH_TEAM,
    PIPELINE_SORTS,
    QUALIFICATION_BELOW,
    PipelineFilters,
    StageTotal,
    pipeline,
    pipeline_owner_exists,
    pipeline_teams,
)

router = Router(tags=["deals"])

SORTS = tuple(s for name in PIPELINE_SORTS for s in (name, f"-{name}"))


class PipelineQuery(Page):
    """The filters, the sort, and the page of deals (`limit`, `offset`, as every list): `count`, the
    totals and the total are over every deal that matches, `deals` the page of them."""

    owner: str | None = Field(
        None, max_length=150, pattern=NO_NUL, description="'reps' (a manager's default), 'all', or a username"
    )
    team: str | None = Field(None, max_length=80, pattern=NO_NUL, description="a team's slug")
    stage: Literal[vocab.STAGES] | None = None
    health: Literal[vocab.HEALTH_BANDS] | None = None
    quarter: str | None = Field(None, pattern=QUARTER, description="of the expected close, e.g. 2026-Q4")
    quality: Literal[vocab.MAP_QUALITY_BANDS] | None = None
    qualification: Literal[QUALIFICATION_BELOW] | None = Field(
        None, description="only deals whose MEDDPICC qualification score is below 50 or 75"
    )
    sort: Literal[SORTS] = "close"


class QualityOut(Schema):
    band: str = Field(description="green (complete), amber (one part missing) or red")
    parts: dict[str, bool] = Field(description="map-quality part → present")
    missing: list[str] = Field(description="the raised flags that make parts missing")


class PipelineDealOut(Schema):
    id: int
    name: str
    account: str
    account_name: str
    owner: str
    amount: float | None = Field(description="as GET /api/deals/{id} gives it: a JSON number")
    currency: str
    stage: str
    expected_close: date | None
    health: int | None
    band: str = Field(
        description="the health band: good, fair or poor (vocab HEALTH_BANDS), or '' without health"
    )
    trend: list[int | None] = Field(description="health at the end of each of the last 8 weeks, oldest first")
    worst_flag: str | None
    days_in_stage: int | None
    last_contact: datetime | None = Field(
        description="the last interaction that has happened, in UTC with `Z` as every moment the API writes"
    )
    quality: QualityOut
    qualification: int | None = Field(description="the MEDDPICC qualification score, 0..100")


class StageTotalOut(Schema):
    stage: str
    count: int
    amounts: dict[str, Decimal] = Field(description="currency → total (never summed across currencies)")


class PipelineOut(Schema):
    owner: str = Field(description="the owner filter in effect")
    count: int = Field(description="every deal that matches; `deals` holds the page of them (limit, offset)")
    totals: list[StageTotalOut]
    total: StageTotalOut
    deals: list[PipelineDealOut]


def _total(t: StageTotal) -> dict:
    return {"stage": t.stage, "count": t.count, "amounts": t.amounts}


@router.get("/pipeline", response={200: PipelineOut, **ERRORS}, summary="Open deals you may see, with totals")
def pipeline_list(request, query: Query[PipelineQuery]):
    user = user_of(request)
    if query.team and not pipeline_teams(user).filter(slug=query.team).exists():
        raise ValidationError({"team": NO_SUCH_TEAM})
    if query.owner and query.owner not in ("reps", "all") and not pipeline_owner_exists(user, query.owner):
        # as a team: a misspelt username is said, not answered with an empty pipeline
        raise ValidationError({"owner": _("No owner of that username among the accounts you see.")})
    sent = query.dict(exclude={"sort", "limit", "offset"})
    filters = PipelineFilters(**{k: v or "" for k, v in sent.items()}, sort=query.sort)
    result = pipeline(user=user, filters=filters, with_options=False)
    return {
        "owner": result.owner_scope,
        "count": len(result.rows),
        "totals": [_total(t) for t in result.totals],
        "total": _total(result.total),
        "deals": [
            {
                "id": r.deal_id,
                "name": r.name,
                "account": r.account.slug,
                "account_name": r.account.name,
                "owner": r.owner.get_username(),
                "amount": r.amount,
                "currency": r.currency,
                "stage": r.stage,
                "expected_close": r.expected_close,
                "health": r.health,
                "band": r.band,
                "trend": r.trend,
                "worst_flag": (r.flag or {}).get("code"),
                "days_in_stage": r.days_in_stage,
                "last_contact": r.last_contact,  # written by the API's one renderer (core.api_json.UTCRenderer)
                "quality": {
                    "band": r.quality.get("band", ""),
                    "parts": {p["code"]: p["ok"] for p in r.quality.get("parts", [])},
                    "missing": [m["code"] for m in r.quality.get("missing", [])],
                },
                "qualification": r.qualification,
            }
            for r in result.rows[query.offset : query.offset + query.limit]
        ],
    }
