"""The questionnaires the customer answered in a window (battlemap/surveys: a `SurveyResponse` per link
answered), for "What changed" and This week: the customer's own word on the decision factors or on their
satisfaction is news as much as a role or a stage (review h4b, finding 4: four answers moved the deal's
decision criteria and its score, and What changed said nothing)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from battlemap import vocab
from battlemap.core.dates import moment_text
from battlemap.surveys.models import SurveyResponse


def survey_answers(
    *, account_ids: list[int], since: datetime, until: datetime | None, lang: str
) -> dict[int, list[dict[str, Any]]]:
    """The questionnaires answered after `since` (up to `until`, default now), oldest first, per account:
    {account id: [{"id", "deal" (None: a questionnaire for no deal), "deal_name", "person", "name" (the person's),
    "kind" (`vocab.SURVEY_KINDS`), "kind_label", "at" (ISO, TIME_ZONE), "when" ("YYYY-MM-DD HH:MM"),
    "rated": [{"code", "label", "rating" 1..5}] (decision factors or satisfaction areas, highest first),
    "nps" (0..10 or None)}]}, labels in `lang`. One query for all the accounts."""
    answers = SurveyResponse.objects.filter(account_id__in=account_ids, answered_at__gt=since)
    if until is not None:
        answers = answers.filter(answered_at__lte=until)
    out: dict[int, list[dict[str, Any]]] = {}
    rows = answers.order_by("answered_at", "id").values_list(
        "id",
        "account_id",
        "deal_id",
        "deal__name",
        "person_id",
        "person__name",
        "kind",
        "ratings",
        "nps",
        "answered_at",
    )
    for pk, account_id, deal_id, deal_name, person_id, name, kind, ratings, nps, at in rows:
        scale = vocab.DECISION_FACTORS if kind == "decision_factors" else vocab.SATISFACTION_AREAS
        order = [t.code for t in scale.terms]
        rated = sorted(
            (ratings or {}).items(),
            key=lambda item: (-item[1], order.index(item[0]) if item[0] in order else len(order)),
        )
        local = timezone.localtime(at)
        out.setdefault(account_id, []).append(
            {
                "id": pk,
                "deal": deal_id,
                "deal_name": deal_name or "",
                "person": person_id,
                "name": name,
                "kind": kind,
                "kind_label": vocab.SURVEY_KINDS.label(kind, lang),
                "at": local.isoformat(timespec="seconds"),
                "when": moment_text(local),
                "rated": [{"code": c, "label": scale.label(c, lang), "rating": r} for c, r in rated],
                "nps": nps,
            }
        )
    return out
