""" "revoked" reads as a state on both pages that show one, in both languages: the tokens page's revoked token
and the surveys page's revoked link. The token's field label is "revoked at" (吊销时间), its own msgid: with
the same msgid, Django's merged catalog showed "吊销时间" ("revocation time") as both pages' state."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from battlemap.surveys import services as surveys
from battlemap.users.models import ApiToken
from battlemap.users.services import profile_language_set, token_create, token_revoke
from tests.surveys.helpers import send

pytestmark = pytest.mark.django_db


def _cell(html: str, label: str) -> str:
    """The text of the first table cell labelled `label` (the state column)."""
    match = re.search(rf'data-label="{re.escape(label)}">(.*?)</td>', html, re.S)
    assert match, label
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip()


@pytest.mark.parametrize(
    ("language", "state", "label"), [("zh-hans", "已吊销", "状态"), ("en", "revoked", "State")]
)
def test_a_revoked_token_reads_revoked(client, world, language, state, label):
    profile_language_set(user=world.owner, language=language)
    token_revoke(token=token_create(user=world.owner, name="CRM sync").token)
    client.force_login(world.owner)
    html = client.get("/settings/tokens/").content.decode()
    assert _cell(html, label) == state and "吊销时间" not in html
    with translation.override(language):  # the field's label (the admin's column) is its own word
        assert str(ApiToken._meta.get_field("revoked").verbose_name) in ("吊销时间", "revoked at")


@pytest.mark.parametrize(("language", "state"), [("zh-hans", "已撤销"), ("en", "revoked")])
def test_a_revoked_survey_link_reads_revoked(client, world, language, state):
    profile_language_set(user=world.owner, language=language)
    ((link, _url),) = send(world, [world.cn_boss])
    surveys.link_revoke(link=link)
    client.force_login(world.owner)
    html = client.get("/accounts/guodian/surveys/").content.decode()
    assert f">{state}</td>" in html and "吊销时间" not in html
