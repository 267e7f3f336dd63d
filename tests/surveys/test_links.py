"""Questionnaire links: opened without login in the respondent's language, answered once; expired,
revoked, reused and guessed links refused; nothing of the account shown; rate limited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from battlemap.interactions.models import Interaction
from battlemap.surveys import selectors, services
from battlemap.surveys.models import SurveyLink, SurveyResponse
from tests.surveys.helpers import factor_answers, satisfaction, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def test_a_link_opens_without_login_in_the_persons_language_and_shows_only_the_questions(client, world):
    ((link, url),) = send(world, [world.cn_boss], language="zh-hans")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "您对我们的满意度如何？" in html and 'lang="zh-Hans"' in html
    for secret in (world.cn.name, world.cn_boss.name, world.cn_deal.name, world.owner.username):
        assert secret not in html  # nothing of the account beyond the questions
    ((en_link, en_url),) = send(world, [world.cn_boss], language="en")
    assert "How satisfied are you?" in client.get(en_url).content.decode()


def test_only_a_hash_of_the_token_is_stored(world):
    sent = services.questionnaire_send(
        account=world.cn, kind="satisfaction", people=[world.cn_boss], sent_by=world.owner
    )
    token = sent[0].token
    assert len(token) >= 32
    stored = SurveyLink.objects.get()
    assert token not in stored.token_hash and stored.token_hash == services.token_digest(token)
    assert not SurveyLink.history.filter(token_hash=token).exists()


def test_answers_are_kept_with_the_consent_text_and_the_link_answers_once(client, world):
    ((link, url),) = send(world, [world.cn_boss], deal=world.cn_deal)
    response = client.post(url, satisfaction(4, 9))
    assert response.status_code == 302
    answer = SurveyResponse.objects.get()
    assert answer.nps == 9 and answer.ratings["product"] == 4 and answer.person == world.cn_boss
    assert "同意" in answer.consent_text  # the text the respondent saw, in their language
    assert SurveyResponse.history.count() == 1
    assert not Interaction.objects.filter(kind="survey").exists()  # a form answered is not a contact
    # reused: the thank-you, and nothing more is recorded
    again = client.post(url, satisfaction(1, 0))
    assert again.status_code == 200 and "感谢" in again.content.decode()
    assert SurveyResponse.objects.get().nps == 9


def test_expired_revoked_and_guessed_links_are_refused(client, world):
    (old, old_url), (revoked, revoked_url) = send(world, [world.cn_boss, world.cn.people.get(name="李明")])
    SurveyLink.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    services.link_revoke(link=revoked)
    assert client.get(old_url).status_code == 410
    assert client.post(old_url, satisfaction(5, 10)).status_code == 410
    assert client.get(revoked_url).status_code == 410
    assert client.post(revoked_url, satisfaction(5, 10)).status_code == 410
    guessed = old_url[:-5] + ("AAAA" if not old_url.endswith("AAAA/") else "BBBB") + "/"
    assert client.get(guessed).status_code == 404
    assert client.get("/q/not-a-token/").status_code == 404
    assert SurveyResponse.objects.count() == 0


def test_a_link_answers_only_its_own_questionnaire(client, world):
    ((factors, factors_url),) = send(world, [world.cn_boss], kind="decision_factors", deal=world.cn_deal)
    ((survey, survey_url),) = send(world, [world.cn_boss], kind="satisfaction")
    assert client.post(factors_url, factor_answers(price=5, brand=2)).status_code == 302
    answer = SurveyResponse.objects.get()
    assert answer.link == factors and answer.kind == "decision_factors" and answer.nps is None
    assert SurveyLink.objects.get(pk=survey.pk).state == "open"


def test_bad_answers_name_the_field_and_record_nothing(client, world):
    ((link, url),) = send(world, [world.cn_boss], language="en")
    no_consent = {**satisfaction(4, 8), "consent": ""}
    response = client.post(url, no_consent)
    assert response.status_code == 422 and "Tick the box to agree" in response.content.decode()
    bad = {**satisfaction(4, 8), "rating_product": "9"}
    response = client.post(url, bad)
    assert response.status_code == 422 and 'aria-invalid="true"' in response.content.decode()
    no_nps = satisfaction(4, 8)
    del no_nps["nps"]
    assert client.post(url, no_nps).status_code == 422
    assert SurveyResponse.objects.count() == 0 and SurveyLink.objects.get().state == "open"


@override_settings(SURVEY_GUESS_LIMIT=3, SURVEY_RATE_LIMIT=8)
def test_links_are_rate_limited_each_on_its_own(client, world):
    ((link, url),) = send(world, [world.cn_boss])
    for n in range(3):
        assert client.get(f"/q/guess{n}xxxxxxxxxxxxxxxxxxxxxxxx/").status_code == 404
    assert client.get("/q/guess3xxxxxxxxxxxxxxxxxxxxxxxx/").status_code == 429  # guessing stops early
    for _ in range(8):  # a real link has its own budget: the address's guesses do not block it
        assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429


def test_an_answered_link_cannot_be_revoked(client, world):
    ((link, url),) = send(world, [world.cn_boss])
    client.post(url, satisfaction(3, 7))
    link.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.link_revoke(link=link)
    assert "link" in refused.value.message_dict


@pytest.mark.parametrize(
    ("lang", "named"),
    [("zh-hans", "由华东销售有限公司保存——即发送本问卷的供应商"), ("en", "kept by Huadong Sales Ltd.")],
)
def test_the_consent_names_who_keeps_the_answers_when_the_installation_says(client, world, lang, named):
    """PIPL art. 17: a person is told who handles their data; a new user's trial found the page naming no one."""
    ((link, url),) = send(world, [world.cn_boss], language=lang)
    name = "华东销售有限公司" if lang == "zh-hans" else "Huadong Sales Ltd."
    with override_settings(ORGANISATION_NAME=name):
        assert named in client.get(url).content.decode()
        client.post(url, satisfaction(4, 9))
    assert name in SurveyResponse.objects.get().consent_text  # kept as agreed


def test_a_second_tap_of_send_whose_twin_was_recorded_first_sees_the_thank_you(client, world, monkeypatch):
    """Six simultaneous sends of one answer (a double tap): one had the form again with "此链接已无法作答" — its
    request read the link open, then its twin was recorded first."""
    ((link, url),) = send(world, [world.cn_boss])
    read_before = SurveyLink.objects.get(pk=link.pk)  # open, as the second tap's request read it
    assert client.post(url, satisfaction(4, 9)).status_code == 302  # the first tap: recorded
    monkeypatch.setattr(selectors, "link_for_token", lambda token: read_before)
    second = client.post(url, satisfaction(4, 9))
    monkeypatch.undo()
    assert second.status_code == 302 and second["Location"] == url
    assert "我们已收到您的回答" in client.get(url).content.decode()
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "此链接仅发给您本人"), ("en", "This link is personal: it was sent to you alone")],
)
def test_the_page_says_the_link_is_personal_without_naming_anyone(client, world, language, words):
    """A forwarded link answers as the person it was sent to, and the consent says "with my name"."""
    ((_link, url),) = send(world, [world.cn_boss], language=language)
    html = client.get(url).content.decode()
    assert words in html
    assert world.cn_boss.name not in html
