"""Nothing new is recorded about a person whose data was erased, questionnaire answers included: their link still
open answers as withdrawn and takes nothing (a trial: erased with a link open, the link took a comment naming them,
stored for the placeholder under a consent "with my name"). And only active, named people are sent a questionnaire,
by the API as by the form: not a placeholder, an erased person or one who has left the customer (the API had sent
links to all three)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from battlemap.people.services.erase import person_erase
from battlemap.surveys.models import SurveyLink, SurveyResponse
from battlemap.users.services import token_create
from tests import factories as f
from tests.surveys.helpers import satisfaction, send

pytestmark = pytest.mark.django_db


def test_an_erased_persons_open_link_answers_as_withdrawn_and_takes_nothing(world, client, owner_client):
    cache.clear()  # the links' rate limit
    person = f.person(account=world.cn, name="吴芳")
    ((link, url),) = send(world, [person], deal=world.cn_deal)

    person_erase(person=person, by=world.owner)

    opened = client.get(url)
    assert opened.status_code == 410 and "撤回" in opened.content.decode()
    answered = client.post(url, {**satisfaction(2, 3), "comment": "我是吴芳，电话 13800138000"})
    assert answered.status_code == 410
    assert not SurveyResponse.objects.exists()
    assert SurveyLink.objects.get(pk=link.pk).answered_at is None
    page = owner_client.get(reverse("surveys", args=["guodian"])).content.decode()
    assert "已撤销" in page and "撤销</button>" not in page  # said withdrawn, nothing left to revoke


def _send(client, world, person, lang="en"):
    secret = token_create(user=world.owner, name="t").secret
    return client.post(
        "/api/accounts/guodian/questionnaires",
        {"kind": "satisfaction", "people": [world.cn_boss.pk, person.pk], "language": "zh"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        HTTP_ACCEPT_LANGUAGE=lang,
    )


@pytest.mark.parametrize(
    "fields",
    [{"placeholder": True}, {"status": "left"}],
    ids=["placeholder", "left the customer"],
)
def test_the_api_sends_no_link_to_one_not_to_be_asked(client, world, fields):
    person = f.person(account=world.cn, name="分管副总（待确认）", **fields)
    response = _send(client, world, person)
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "people"
    assert "Only active, named people are asked: not 分管副总（待确认）" in error["message"]
    assert not SurveyLink.objects.exists()


def test_the_api_sends_no_link_to_an_erased_person(client, world):
    erased = person_erase(person=f.person(account=world.cn, name="李四"), by=world.owner)
    response = _send(client, world, erased, lang="zh-hans")
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "people" and "已删除的人员" in error["message"]
    assert not SurveyLink.objects.exists()
