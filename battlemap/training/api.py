"""API: the training scenarios a user may open (never their reference), submitting a map, and the user's
attempts. Same rules as the pages: 404 for a scenario or attempt the user may not see."""

from __future__ import annotations

from typing import Any

from ninja import Field, Path, Query, Router, Schema, Status

from battlemap.core.api import ERRORS, user_of
from battlemap.core.multilingual import active_language
from battlemap.core.schemas import InSchema, Lang
from battlemap.training import scenarios, scoring, selectors
from battlemap.training.services import attempt_submit

router = Router(tags=["training"])
KEY = r"^[-a-zA-Z0-9_]{1,100}$"


class LangQuery(Schema):
    lang: Lang | None = None


class ScenarioOut(Schema):
    key: str
    title: str
    summary: str
    case: bool
    attempts: int


class ScenarioPersonOut(Schema):
    """A person of a scenario's narrative, as the trainee reads them."""

    id: int
    name: str
    title: str
    organisation: str
    external: bool


class DocumentOut(Schema):
    kind: str
    title: str
    body: str


class ScenarioDetailOut(ScenarioOut):
    brief: str
    documents: list[DocumentOut]
    people: list[ScenarioPersonOut]
    flags: list[str] = Field(
        ..., description="the red flags a submission may tick (the scenario's checklist)"
    )
    max_attempts: int


class MappedPersonIn(InSchema):
    """One scenario person as the trainee maps them: their buying roles, attitude and influence (not a new
    person of an account: that is people's `PersonIn`)."""

    person: int
    roles: list[str] = []
    attitude: str = "unknown"
    influence: int | None = None


class LinkIn(InSchema):
    from_: int = Field(..., alias="from")
    to: int


class SubmissionIn(InSchema):
    people: list[MappedPersonIn] = []
    links: list[LinkIn] = []
    decision_maker: int | None = None
    flags: list[str] = []


class AttemptOut(Schema):
    number: int
    scenario: str
    lang: str
    percent: int
    created_at: Any
    revealed: bool
    result: dict[str, Any]
    submission: dict[str, Any]


def _lang(q: LangQuery) -> str:
    return scenarios.lang_key(q.lang or active_language())


def _out(s: selectors.Scenario, attempts: int) -> dict[str, Any]:
    return {
        "key": s.key,
        "title": s.title,
        "summary": s.summary,
        "case": s.case is not None,
        "attempts": attempts,
    }


def _attempt(a, reveal: bool) -> dict[str, Any]:
    return {
        "number": a.number,
        "scenario": a.scenario,
        "lang": a.lang,
        "percent": a.percent,
        "created_at": a.created_at,
        "revealed": reveal,
        "result": selectors.visible_result(a, reveal=reveal),
        "submission": a.submission,
    }


@router.get(
    "/training/scenarios",
    response={200: list[ScenarioOut], **ERRORS},
    summary="Training scenarios you may open",
)
def scenario_list(request, q: Query[LangQuery]):
    user = user_of(request)
    done: dict[str, int] = {}
    for key in user.training_attempts.values_list("scenario", flat=True):
        done[key] = done.get(key, 0) + 1
    return [_out(s, done.get(s.key, 0)) for s in selectors.scenarios_for(user, _lang(q))]


@router.get(
    "/training/scenarios/{key}",
    response={200: ScenarioDetailOut, **ERRORS},
    summary="A scenario's narrative and people (no reference)",
)
def scenario_detail(request, q: Query[LangQuery], key: str = Path(..., pattern=KEY)):
    user = user_of(request)
    s = selectors.get_scenario_for(user, key, _lang(q))
    return {
        **_out(s, len(selectors.attempts_of(user, key))),
        "brief": s.brief,
        "documents": s.documents,
        "people": s.people,
        "flags": list(s.checklist),
        "max_attempts": scoring.MAX_ATTEMPTS,
    }


@router.post(
    "/training/scenarios/{key}/attempts",
    response={201: AttemptOut, **ERRORS},
    summary="Submit your map: scored as your next attempt",
)
def attempt_create(request, body: SubmissionIn, q: Query[LangQuery], key: str = Path(..., pattern=KEY)):
    user = user_of(request)
    lang = _lang(q)
    s = selectors.get_scenario_for(user, key, lang)
    raw = body.dict(by_alias=True)
    attempt = attempt_submit(user=user, scenario=s, raw=raw, lang=lang)
    return Status(201, _attempt(attempt, selectors.reveals(selectors.attempts_of(user, key))))


@router.get(
    "/training/scenarios/{key}/attempts",
    response={200: list[AttemptOut], **ERRORS},
    summary="Your attempts at a scenario",
)
def attempt_list(request, q: Query[LangQuery], key: str = Path(..., pattern=KEY)):
    user = user_of(request)
    selectors.get_scenario_for(user, key, _lang(q))
    attempts = selectors.attempts_of(user, key)
    reveal = selectors.reveals(attempts)
    return [_attempt(a, reveal) for a in attempts]
