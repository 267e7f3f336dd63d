"""The questionnaire API takes a language as every `lang` of the API does (core.schemas.Lang: zh, zh-hans,
zh-CN or en), and one 422 names every bad field of the body at once — a bad language and a bad number of
days — so a client fixes both in one go."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.core.schemas import LANG_CHOICES
from battlemap.surveys.models import SurveyLink
from battlemap.surveys.services import BAD_DAYS
from battlemap.users.services import token_create

pytestmark = pytest.mark.django_db

URL = "/api/accounts/guodian/questionnaires"


def _post(client, world, body, lang="en"):
    secret = token_create(user=world.owner, name="t").secret
    return client.post(
        URL,
        {"kind": "satisfaction", "people": [world.cn_boss.pk], **body},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        HTTP_ACCEPT_LANGUAGE=lang,
    )


@pytest.mark.parametrize(("sent", "stored"), [("zh", "zh-hans"), ("zh-CN", "zh-hans"), ("zh-hans", "zh-hans"),
                                              ("en", "en"), ("en-US", "en")])  # fmt: skip
def test_the_language_takes_what_lang_takes(client, world, sent, stored):
    response = _post(client, world, {"language": sent})
    assert response.status_code == 201, response.json()
    link = SurveyLink.objects.get(pk=response.json()["links"][0]["id"])
    assert link.language == stored


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_bad_language_and_bad_days_come_in_one_answer(client, world, lang):
    response = _post(client, world, {"language": "fr", "days": -1}, lang=lang)
    assert response.status_code == 422
    with translation.override(lang):
        expected = {"language": str(LANG_CHOICES), "days": str(BAD_DAYS)}
    assert {e["field"]: e["message"] for e in response.json()["errors"]} == expected
    assert not SurveyLink.objects.exists()


def test_days_alone_out_of_range_is_refused_naming_days(client, world):
    for days in (0, 91):
        response = _post(client, world, {"language": "zh", "days": days})
        assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["days"]
    assert _post(client, world, {"language": "zh", "days": 90}).status_code == 201


def test_a_deal_that_does_not_exist_is_not_said_to_be_another_account_s(client, world):
    """A questionnaire for deal 99999 answered "This deal belongs to another account." (API trial, sixth round):
    an id one may not use is "No such item in this account." whether it is missing or another's."""
    for deal in (99_999, world.other.deals.first().pk if world.other.deals.exists() else 99_998):
        response = _post(client, world, {"language": "en", "deal": deal})
        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error == {"field": "deal", "message": "No such item in this account."}
