"""A person's page shows what they wrote in their questionnaire answers, not only their ratings: a new seller
read 陈静's page — 其决策中看重的因素 合规 5 · 质量 5 … — and never saw her "希望看到同类央企的落地案例", which only
the questionnaires page listed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.surveys.models import SurveyResponse
from tests.surveys.helpers import factor_answers, send

COMMENT = "希望看到同类央企的落地案例，尤其是等保三级。"


@pytest.mark.django_db
def test_the_persons_page_shows_what_they_wrote_with_the_day_and_the_questionnaire(
    owner_client, client, world
):
    person_url = reverse("person", args=[world.cn.slug, world.cn_boss.pk])
    assert 'id="answer-comments"' not in owner_client.get(person_url).content.decode()

    [(_link, url)] = send(world, [world.cn_boss], kind="decision_factors", deal=world.cn_deal)
    answered = client.post(url, {**factor_answers(price=4, compliance=5), "comment": COMMENT})
    assert answered.status_code in (200, 302)

    page = owner_client.get(person_url).content.decode()
    start = page.index('id="answers"')
    section = page[start : page.index("</section>", start)]
    assert COMMENT in section and "决策因素问卷" in section and world.cn_deal.name in section


@pytest.mark.django_db
def test_the_factor_ratings_say_when_they_were_answered_as_satisfaction_does(owner_client, client, world):
    """The satisfaction line had its day; the factor ratings (合规 5 · 价格 4) had none, so a seller could not
    tell a rating of last week from one of last year."""
    [(_link, url)] = send(world, [world.cn_boss], kind="decision_factors", deal=world.cn_deal)
    client.post(url, factor_answers(price=4, compliance=5))
    answered = SurveyResponse.objects.get(person=world.cn_boss).answered_at

    page = owner_client.get(reverse("person", args=[world.cn.slug, world.cn_boss.pk])).content.decode()
    start = page.index('id="answer-factors"')
    factors = page[start : page.index("</dd>", start)]
    assert "5" in factors and timezone.localtime(answered).date().isoformat() in factors
