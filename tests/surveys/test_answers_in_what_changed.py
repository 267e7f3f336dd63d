"""A questionnaire answered is news: What changed (page and API) and This week list each answer — who, which
questionnaire, when, the ratings highest first, the NPS — from the one `maps.changes_since`
(maps.answers.survey_answers; review h4b, finding 4: four answers moved a deal's decision criteria and
its score, and What changed said "0 interactions" and nothing else)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from battlemap.users.models import Profile
from battlemap.users.services import token_create
from tests.surveys.helpers import factor_answers, satisfaction, send

pytestmark = pytest.mark.django_db


def _yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


@pytest.fixture
def answered(client, world):
    """The map as it stood ten days ago; today the boss answered a decision-factor questionnaire on the deal
    (compliance 5, price 3) and a satisfaction survey for no deal (all areas 2, NPS 4)."""
    for model in apps.get_models():
        if hasattr(model, "history") and not model.__name__.startswith("Historical"):
            model.history.update(history_date=timezone.now() - timedelta(days=10))
    ((_link, url),) = send(world, [world.cn_boss], kind="decision_factors", deal=world.cn_deal)
    assert client.post(url, factor_answers(compliance=5, price=3)).status_code == 302
    ((_link, url),) = send(world, [world.cn_boss], kind="satisfaction", language="en")
    assert client.post(url, satisfaction(2, 4)).status_code == 302
    return world


@pytest.mark.parametrize(
    ("lang", "factors", "survey"),
    [("en", "decision-factor questionnaire", "compliance 5/5"), ("zh-hans", "决策因素问卷", "合规 5/5")],
)
def test_what_changed_lists_the_answers(owner_client, answered, lang, factors, survey):
    Profile.objects.update_or_create(user=answered.owner, defaults={"language": lang})
    page = owner_client.get(reverse("account_changes", args=[answered.cn.slug]), {"since": _yesterday()})
    rows = page.context["changes"]["survey_answers"]
    assert [(r["kind"], r["deal"]) for r in rows] == [
        ("decision_factors", answered.cn_deal.pk),
        ("satisfaction", None),
    ]
    section = page.content.decode().split('id="survey-answers">')[1].split("</ul>")[0]
    assert factors in section and survey in section and answered.cn_boss.name in section
    assert "NPS 4/10" in section
    assert not page.context["nothing"]


def test_a_deal_s_what_changed_keeps_its_own_answers(owner_client, answered):
    page = owner_client.get(reverse("deal_changes", args=[answered.cn.slug, answered.cn_deal.pk]))
    assert [r["kind"] for r in page.context["changes"]["survey_answers"]] == ["decision_factors"]


def test_a_window_ended_before_the_answers_lists_none(answered):
    secret = token_create(user=answered.owner, name="t").secret
    days_ago = [(timezone.localdate() - timedelta(days=n)).isoformat() for n in (9, 2)]
    analysis = (
        Client()
        .get(
            f"/api/accounts/{answered.cn.slug}/analysis",
            {"since": days_ago[0], "as_of": days_ago[1]},
            headers={"Authorization": f"Bearer {secret}"},
        )
        .json()
    )
    assert analysis["changes"]["survey_answers"] == []


def test_the_api_gives_the_answers_with_labels(answered):
    secret = token_create(user=answered.owner, name="t").secret
    auth = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
    account = (
        Client()
        .get(
            f"/api/accounts/{answered.cn.slug}/what-changed",
            {"since": _yesterday(), "lang": "en"},
            headers=auth,
        )
        .json()
    )
    first, second = account["survey_answers"]
    assert (first["kind_label"], first["name"], first["deal_name"]) == (
        "decision-factor questionnaire",
        answered.cn_boss.name,
        answered.cn_deal.name,
    )
    assert [(r["code"], r["rating"]) for r in first["rated"]] == [("compliance", 5), ("price", 3)]
    assert (second["kind"], second["nps"], second["deal"]) == ("satisfaction", 4, None)
    deal = (
        Client()
        .get(f"/api/deals/{answered.cn_deal.pk}/what-changed", {"since": _yesterday()}, headers=auth)
        .json()
    )
    assert [a["kind"] for a in deal["survey_answers"]] == ["decision_factors"]
    assert "survey_answers" in json.dumps(account)


def test_this_week_lists_the_answers(owner_client, answered):
    Profile.objects.update_or_create(user=answered.owner, defaults={"language": "zh-hans"})
    week = owner_client.get(reverse("home")).content.decode()
    section = week.split('id="week-answers">')[1].split("</ul>")[0]
    assert "决策因素问卷" in section and "满意度调查" in section
    assert answered.cn.name in section and answered.cn_deal.name in section
