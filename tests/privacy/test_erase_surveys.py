"""A person's questionnaire answers (ratings, NPS, comment, the consent they agreed to, with their history)
are in their data export and leave with them when they are erased: the questionnaires page, the deal room's
red flags, the analysis and every table no longer hold what they said; the erase page says so."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from battlemap.maps import account_analysis
from battlemap.people.services.erase import person_erase
from battlemap.surveys.models import SurveyLink, SurveyResponse
from tests.privacy.test_erase import database_dump
from tests.surveys.helpers import satisfaction, send

COMMENT = "实施团队换了三次人，Quokka-7 项目经理从不回电话"


@pytest.fixture
def answered(world, client):
    cache.clear()  # the links' rate limit
    ((link, url),) = send(world, [world.cn_boss], deal=world.cn_deal)
    assert client.post(url, {**satisfaction(2, 3), "comment": COMMENT}).status_code == 302
    return link


def test_the_export_holds_the_answers_and_their_history(world, answered, owner_client):
    response = owner_client.get(reverse("person_export", args=["guodian", world.cn_boss.pk]))
    data = json.loads(response.content)
    (sent,) = data["questionnaires"]
    assert (sent["kind"], sent["state"], sent["deal"]) == ("satisfaction", "answered", world.cn_deal.name)
    answers = sent["answers"]
    assert (answers["nps"], answers["comment"], answers["ratings"]["product"]) == (3, COMMENT, 2)
    assert answers["consent_text"]
    assert [row["comment"] for row in data["questionnaire_answers_history"]] == [COMMENT]


def test_erasure_removes_the_answers_from_the_pages_the_flags_and_every_table(world, answered, owner_client):
    room = reverse("deal", args=["guodian", world.cn_deal.pk])
    surveys = reverse("surveys", args=["guodian"])
    assert COMMENT in owner_client.get(surveys).content.decode()
    flags = {f["code"] for f in account_analysis(account=world.cn, lang="en")["deals"][0]["flags"]}
    assert "low_satisfaction" in flags
    erase_page = owner_client.get(reverse("person_erase", args=["guodian", world.cn_boss.pk]))
    assert "问卷回答" in erase_page.content.decode()

    person_erase(person=world.cn_boss, by=world.owner)

    assert not SurveyResponse.objects.exists() and not SurveyResponse.history.exists()
    assert "Quokka-7" not in database_dump()
    page = owner_client.get(surveys).content.decode()
    assert "Quokka-7" not in page and "NPS 3/10" not in page
    assert "已删除的人员" in page and "回答已随此人的个人数据一并删除" in page
    assert SurveyLink.objects.get(pk=answered.pk).state == "answered"  # the record that they were asked
    for lang in ("en", "zh"):
        result = account_analysis(account=world.cn, lang=lang)
        assert "low_satisfaction" not in {f["code"] for f in result["deals"][0]["flags"]}
        assert result["satisfaction"]["respondents"] == 0
    owner_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "told us in a survey" not in owner_client.get(room).content.decode()
