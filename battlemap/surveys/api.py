"""API: questionnaires sent by link (list, send, revoke a link) and the interview guides."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from pydantic import AfterValidator

from battlemap.core.access import get_account_for, get_for
from battlemap.core.api import (
    ERRORS,
    MAX_ID,
    NO_SUCH_ITEM,
    IdPath,
    Page,
    SlugPath,
    address,
    etag,
    page_of,
    paginate,
    resolve_people,
    user_of,
)
from battlemap.core.schemas import InSchema, Lang, id_of, username_of
from battlemap.deals.models import Deal
from battlemap.people.models import Person
from battlemap.surveys import selectors, services
from battlemap.surveys.guides import guide
from battlemap.surveys.models import Questionnaire, SurveyLink
from battlemap.vocab import BUYING_ROLES, STAGES, SURVEY_KINDS

router = Router(tags=["surveys"])

SurveyKind = Literal[tuple(SURVEY_KINDS)]  # type: ignore[valid-type]


def _open_days(days: int) -> int:
    if not 1 <= days <= services.MAX_DAYS:
        raise ValueError(str(services.BAD_DAYS))
    return days


# checked by the schema, as `language` is, so one 422 names both (the service checks it again for the web)
OpenDays = Annotated[int, AfterValidator(_open_days)]


class LinkOut(Schema):
    id: int
    person: int
    person_name: str
    language: str
    state: str = Field(description="open, answered, revoked or expired")
    expires_at: datetime
    answered_at: datetime | None = None
    ratings: dict[str, int] | None = Field(None, description="code → 1..5, once answered")
    nps: int | None = None
    comment: str | None = None


class QuestionnaireOut(Schema):
    id: int
    kind: str
    deal: int | None
    sent_at: datetime
    sent_by: str
    links: list[LinkOut]

    resolve_deal = id_of("deal")
    resolve_sent_by = username_of("sent_by")

    @staticmethod
    def resolve_sent_at(q: Questionnaire) -> datetime:
        return q.created_at

    @staticmethod
    def resolve_links(q: Questionnaire) -> list[dict]:
        return [_link_out(link) for link in q.links.all()]


class SendIn(InSchema):
    kind: SurveyKind
    people: list[int] = Field(..., description="ids of people of this account")
    deal: int | None = Field(None, ge=1, le=MAX_ID)
    language: Lang = Field("zh-hans", description="zh (also zh-hans, zh-CN) or en; default zh")
    days: OpenDays = Field(services.DEFAULT_DAYS, description="how long the links stay open (1..90)")


class SentLinkOut(Schema):
    id: int
    person: int
    url: str = Field(description="the personal link: shown once, only its hash is stored")
    expires_at: datetime


class SentOut(Schema):
    id: int
    links: list[SentLinkOut]


class QuestionOut(Schema):
    code: str
    topic: str
    text: str


class GuideQuery(Schema):
    role: Literal[tuple(BUYING_ROLES)]  # type: ignore[valid-type]
    stage: Literal[tuple(STAGES)]  # type: ignore[valid-type]


def _link_out(link: SurveyLink) -> dict:
    answered = link.state == "answered"
    response = getattr(link, "response", None) if answered else None
    return {
        "id": link.pk,
        "person": link.person_id,
        "person_name": link.person.name,
        "language": link.language,
        "state": link.state,
        "expires_at": link.expires_at,
        "answered_at": link.answered_at,
        "ratings": response.ratings if response else None,
        "nps": response.nps if response else None,
        "comment": response.comment if response else None,
    }


@router.get(
    "/accounts/{slug}/questionnaires",
    response={200: page_of(QuestionnaireOut), **ERRORS},
    summary="The account's questionnaires, newest first, each person's link state and answers",
)
def questionnaires(request, page: Query[Page], slug: str = SlugPath()):
    """`{count, items}` paged by `limit` and `offset`, as every list (it was a bare list, unpaged)."""
    account = get_account_for(user_of(request), slug)
    return paginate(selectors.questionnaires_of(account), page)


@router.get(
    "/questionnaires/{id}",
    response={200: QuestionnaireOut, **ERRORS},
    summary="One questionnaire, each person's link state and answers (the `Location` of a send)",
)
def questionnaire(request, response: HttpResponse, id: int = IdPath()):
    found = get_for(user_of(request), selectors.questionnaires_everywhere(), pk=id)
    response["ETag"] = etag(found)
    return found


@router.post(
    "/accounts/{slug}/questionnaires",
    response={201: SentOut, **ERRORS},
    summary="Send a questionnaire: one personal link per person",
    description="The links' URLs are in this answer only; the server keeps a hash of each token.",
)
def send(request, payload: SendIn, response: HttpResponse, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    people = resolve_people(Person.objects.filter(account=account), payload.people, "people")
    deal = None
    if payload.deal is not None:
        deal = Deal.objects.filter(account=account, pk=payload.deal).first()
        if deal is None:
            raise ValidationError({"deal": NO_SUCH_ITEM})  # or another account's: said alike
    sent = services.questionnaire_send(
        account=account,
        kind=payload.kind,
        people=people,
        deal=deal,
        language=payload.language,
        days=payload.days,
        sent_by=user_of(request),
    )
    links = [
        {
            "id": item.link.pk,
            "person": item.link.person_id,
            "url": request.build_absolute_uri(reverse("survey_answer", args=[item.token])),
            "expires_at": item.link.expires_at,
        }
        for item in sent
    ]
    questionnaire = sent[0].link.questionnaire
    response["Location"] = address(request, f"questionnaires/{questionnaire.pk}")
    response["ETag"] = etag(questionnaire)
    return Status(201, {"id": questionnaire.pk, "links": links})


@router.post(
    "/survey-links/{id}/revoke",
    response={200: LinkOut, **ERRORS},
    summary="Revoke a questionnaire link (it no longer opens)",
)
def revoke(request, id: int = IdPath()):
    link = get_for(
        user_of(request),
        SurveyLink.objects.select_related("person"),
        "edit",
        "questionnaire__account",
        pk=id,
    )
    return _link_out(services.link_revoke(link=link))


@router.get(
    "/accounts/{slug}/interview-guide",
    response={200: list[QuestionOut], **ERRORS},
    summary="The interview guide for a buying role at a decision-chain stage",
)
def interview_guide(request, query: Query[GuideQuery], slug: str = SlugPath()):
    get_account_for(user_of(request), slug)
    return [{"code": q.code, "topic": q.topic, "text": q.text} for q in guide(query.role, query.stage)]
