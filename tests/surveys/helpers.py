"""Shared steps of the surveys tests: send a questionnaire and answer it through its public link."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

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


def interview_post(world, **changes) -> dict:
    """The interview form as posted for the Chinese account's boss in its deal: one answer, and `changes`."""
    data = {
        "person": world.cn_boss.pk,
        "deal": world.cn_deal.pk,
        "role": "decision_maker",
        "stage": "evaluation",
        "occurred_on": "2026-11-20",
        "q_goals_business": "集团要求三年内设备在线率 95%",
    }
    return {**data, **changes}


def saved_interview(world, **changes):
    """An interview of the Chinese account's boss in its deal (surveys.services.interview_record) naming 赵六,
    财务总监, a supporter; `changes` to its arguments."""
    fields = {
        "account": world.cn,
        "by": world.owner,
        "person": world.cn_boss,
        "role": "decision_maker",
        "stage": "evaluation",
        "occurred_at": timezone.now(),
        "answers": {"goals_business": "三年内上市"},
        "questions": {"goals_business": "目标?"},
        "deal": world.cn_deal,
        "named_people": [("赵六", "财务总监")],
        "attitude": "supporter",
    }
    return services.interview_record(**{**fields, **changes})
