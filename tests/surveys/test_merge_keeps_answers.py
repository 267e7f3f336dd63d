"""Merging two records of a person keeps what they were asked and what they answered: the answers stay on the map
(the questionnaires page, the analysis) under the record kept, and a link still open still takes its answer (a
trial: merging the record that had answered into a duplicate deleted the answer with it, and the open link said
it did not exist)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from battlemap.maps import account_analysis
from battlemap.people.services.merge import person_merge
from battlemap.surveys.models import SurveyResponse
from tests import factories as f
from tests.surveys.helpers import satisfaction, send

COMMENT = "交付团队换人太频繁"


@pytest.fixture
def twin(world):
    return f.person(account=world.cn, name="王建国（重复）")


def _merge(survivor, duplicate):
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    return person_merge(
        survivor=survivor,
        duplicate=duplicate,
        survivor_version=survivor.version,
        duplicate_version=duplicate.version,
    )


def test_an_answer_of_the_merged_record_stays_with_the_record_kept(world, client, owner_client, twin):
    cache.clear()  # the links' rate limit
    ((_link, url),) = send(world, [world.cn_boss], deal=world.cn_deal)
    assert client.post(url, {**satisfaction(2, 3), "comment": COMMENT}).status_code == 302

    _merge(twin, world.cn_boss)

    (response,) = SurveyResponse.objects.all()
    assert response.person_id == twin.pk and response.link.person_id == twin.pk
    page = owner_client.get(reverse("surveys", args=["guodian"])).content.decode()
    assert COMMENT in page and "NPS 3/10" in page
    assert account_analysis(account=world.cn, lang="en")["satisfaction"]["respondents"] == 1
    assert "感谢" in client.get(url).content.decode()  # the link still says it was answered


def test_a_link_still_open_takes_its_answer_for_the_record_kept(world, client, twin):
    cache.clear()
    ((_link, url),) = send(world, [world.cn_boss], deal=world.cn_deal)

    _merge(twin, world.cn_boss)

    assert client.get(url).status_code == 200
    assert client.post(url, satisfaction(4, 9)).status_code == 302
    assert SurveyResponse.objects.get().person_id == twin.pk


def test_the_merge_page_counts_the_questionnaires_that_move(world, owner_client, twin):
    send(world, [world.cn_boss])
    query = f"?survivor={twin.pk}&duplicate={world.cn_boss.pk}"
    page = owner_client.get(reverse("people_merge", args=["guodian"]) + query).content.decode()
    assert "问卷链接和回答" in page
    assert "已发问卷" in page
