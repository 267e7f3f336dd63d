"""API: the competitor view of a deal, what we know of a competitor (set in one PUT), and win/loss by
competitor over the closed deals the caller may see."""

from __future__ import annotations

from ninja import Field, Router, Schema

from battlemap.competition import selectors
from battlemap.competition.services import competitor_note_set
from battlemap.core.access import get_for
from battlemap.core.api import ERRORS, IdPath, user_of
from battlemap.core.schemas import InSchema, Text, check_whole, text
from battlemap.deals.models import Deal

router = Router(tags=["competition"])


class NoteIn(InSchema):
    name: text(200, min_length=1) = Field(
        ..., description="the competitor, matched on io.matching.match_name"
    )
    strengths: Text = ""
    weaknesses: Text = ""
    offer: Text = Field("", description="what they offered: price, terms, scope")
    version: int = Field(0, ge=0, description="the note's version you read; 0 for a new note")


class NoteOut(Schema):
    name: str
    strengths: str
    weaknesses: str
    offer: str
    version: int


class FavouredOut(Schema):
    person_id: int
    name: str
    title: str
    roles: list[str]
    attitude: str
    influence: int
    score: float | None = None
    key: bool


class CompetitorOut(Schema):
    key: str
    name: str
    listed: bool
    outcome: str = Field(..., description="open, won, lost_to_them or lost_other")
    favoured_by: list[FavouredOut]
    note: NoteOut | None = None


class CellOut(Schema):
    count: int
    amounts: dict[str, str] = Field(..., description="the sum of the deals' amounts per currency")
    deals: list[int]


class WinLossOut(Schema):
    key: str
    name: str
    closed: int
    won: CellOut
    lost_to_them: CellOut
    lost_other: CellOut


def _deal(request, id: int, action: str) -> Deal:
    return get_for(user_of(request), Deal.objects.select_related("account"), action, pk=id)


@router.get(
    "/deals/{id}/competitors",
    response={200: list[CompetitorOut], **ERRORS},
    summary="The deal's competitors: who favours them, what we know of them, the outcome",
)
def deal_competitors(request, id: int = IdPath()):
    return selectors.deal_competition(deal=_deal(request, id, "view"))


@router.put(
    "/deals/{id}/competitors",
    response={200: NoteOut, **ERRORS},
    summary="Set what we know of a competitor in the deal (strengths, weaknesses, offer)",
)
def deal_competitor_set(request, body: NoteIn, id: int = IdPath()):
    deal = _deal(request, id, "edit")
    check_whole(NoteIn, NoteOut, body.model_fields_set)  # a PUT: what is left out is not emptied
    return competitor_note_set(deal=deal, **body.dict())


@router.get(
    "/competitors/win-loss",
    response={200: list[WinLossOut], **ERRORS},
    summary="Win/loss by competitor over the closed deals of the accounts you may see",
)
def win_loss(request):
    return [
        {**row, **{o: row[o].as_json() for o in selectors.OUTCOMES}}
        for row in selectors.win_loss(user=user_of(request))
    ]
