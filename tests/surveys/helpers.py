"""Shared steps of the surveys tests: send a questionnaire and answer it through its public link."""

from __future__ import annotations

from django.urls import reverse

from battlemap.surveys import services


def send(world, people, *, kind="satisfaction", deal=None, language="zh-hans", days=14):
    """Links for `people` of the Chinese account; returns [(link, public url)]."""
    sent = services.questionnaire_send(
        account=world.cn,
        kind=kind,
        people=people,
        deal=deal,
        language=language,
        days=days,
        sent_by=world.owner,
    )
    return [(item.link, reverse("survey_answer", args=[item.token])) for item in sent]


def satisfaction(areas: int, nps: int) -> dict:
    data = {
        f"rating_{code}": str(areas) for code in ("product", "delivery", "support", "communication", "value")
    }
    return {**data, "nps": str(nps), "consent": "on", "comment": ""}


def factor_answers(**ratings: int) -> dict:
    return {**{f"rating_{code}": str(v) for code, v in ratings.items()}, "consent": "on"}
