"""Reads of the surveys app: a link by its token, an account's questionnaires and interviews."""

from __future__ import annotations

from django.db.models import QuerySet

from battlemap.surveys.models import Interview, Questionnaire, SurveyLink
from battlemap.surveys.services import token_digest


def link_for_token(token: str) -> SurveyLink | None:
    """The link whose token this is (looked up by its hash), or None."""
    if not token or len(token) > 100:
        return None
    return SurveyLink.objects.select_related("questionnaire").filter(token_hash=token_digest(token)).first()


def questionnaires_of(account) -> QuerySet[Questionnaire]:
    """The account's questionnaires, newest first, with their links, people and answers."""
    return (
        Questionnaire.objects.filter(account=account)
        .select_related("deal", "sent_by")
        .prefetch_related("links__person", "links__response")
    )


def interviews_of(account) -> QuerySet[Interview]:
    return (
        Interview.objects.filter(account=account)
        .select_related("interaction__deal")
        .prefetch_related("interaction__participants__person", "proposals")
    )
