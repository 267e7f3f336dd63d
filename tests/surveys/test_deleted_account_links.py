"""Questionnaire links of a deleted account: a trial deleted an account with a questionnaire still out; its link
kept showing the form without login and stored the answers on the deleted account, while the seller could no
longer revoke it (the account answered 404). A deleted account's links now answer as revoked ones and take
nothing; restoring the account gives each back as it was (an open one open, a revoked one revoked)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from battlemap.accounts.services import account_delete, account_restore
from battlemap.people.models import Person
from battlemap.surveys import services
from battlemap.surveys.models import SurveyResponse
from tests.surveys.helpers import satisfaction, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def test_a_deleted_accounts_links_are_refused_and_a_restore_brings_back_the_open_ones(client, world):
    li = Person.objects.get(account=world.cn, name="李明")
    (open_link, open_url), (revoked_link, revoked_url) = send(world, [world.cn_boss, li], language="en")
    services.link_revoke(link=revoked_link)
    account_delete(account=world.cn, by=world.owner)

    page = client.get(open_url)
    assert page.status_code == 410 and "withdrawn" in page.content.decode()
    assert client.post(open_url, satisfaction(4, 9)).status_code == 410
    assert not SurveyResponse.objects.exists()

    account_restore(slug=world.cn.slug, by=world.owner)
    assert client.get(open_url).status_code == 200
    assert client.get(revoked_url).status_code == 410
    assert client.post(open_url, satisfaction(4, 9)).status_code == 302
    assert SurveyResponse.objects.get().person == world.cn_boss


def test_answers_sent_as_the_account_is_deleted_are_refused(world):
    """The form was open when the account was deleted: the answers posted after are refused, naming the link."""
    ((link, _url),) = send(world, [world.cn_boss])
    account_delete(account=world.cn, by=world.owner)
    with pytest.raises(ValidationError) as refused:
        services.response_record(link=link, ratings={"product": 4}, nps=9, consent_text="…", consented=True)
    assert "link" in refused.value.message_dict
    assert not SurveyResponse.objects.exists()
