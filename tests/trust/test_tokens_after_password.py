"""A password change signs out the other sessions but leaves API tokens working (the policy): the password
page and the tokens page say so, and the tokens page revokes every working token at once ("Revoke all")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from battlemap.users.models import ApiToken
from battlemap.users.services import profile_language_set, token_create
from tests import factories as f

pytestmark = pytest.mark.django_db

GOOD = "Wide-river-42"


def _api_status(secret: str) -> int:
    return Client().get("/api/accounts", headers={"Authorization": f"Bearer {secret}"}).status_code


@pytest.mark.parametrize(
    ("language", "password_page", "tokens_page"),
    [
        ("en", "Your API tokens keep working until you revoke them", "does not stop your tokens"),
        ("zh-hans", "你的 API 令牌在你吊销之前仍然有效", "不会停用你的令牌"),
    ],
)
def test_both_pages_say_tokens_outlive_a_password_change(client, language, password_page, tokens_page):
    ann = f.user("ann", password=GOOD)
    profile_language_set(user=ann, language=language)
    client.force_login(ann)
    assert password_page in client.get("/settings/password/").content.decode()
    html = client.get("/settings/tokens/").content.decode()
    assert tokens_page in html and 'name="revoke_all"' not in html  # nothing to revoke yet
    token_create(user=ann, name="CRM sync")
    assert 'name="revoke_all"' in client.get("/settings/tokens/").content.decode()


def test_after_a_password_change_revoke_all_stops_every_token(client, settings):
    settings.LANGUAGE_CODE = "en"
    ann = f.user("ann", password=GOOD)
    crm, bi = token_create(user=ann, name="CRM sync"), token_create(user=ann, name="BI")
    old = token_create(user=ann, name="old", expires_in_days=1)
    ApiToken.objects.filter(pk=old.token.pk).update(expires=timezone.now() - timedelta(days=1))
    bobs = token_create(user=f.user("bob", password=GOOD), name="Bob's")
    client.force_login(ann)
    changed = client.post(
        "/settings/password/",
        {"old_password": GOOD, "new_password1": "Tall-tree-77", "new_password2": "Tall-tree-77"},
    )
    assert changed.status_code == 302
    assert _api_status(crm.secret) == 200  # the policy: a password change leaves tokens working
    page = client.post("/settings/tokens/", {"revoke_all": "1"}, follow=True)
    assert "2 tokens revoked." in page.content.decode()
    assert _api_status(crm.secret) == 401 and _api_status(bi.secret) == 401
    assert _api_status(bobs.secret) == 200  # only one's own
    old.token.refresh_from_db()
    assert old.token.revoked is None  # an expired token stays "expired"
    assert 'name="revoke_all"' not in page.content.decode()


def test_revoke_all_asks_first_and_stands_apart_from_creating_a_token(client):
    """A trial's click meant for "Create token" revoked every token of the user (the button sat right above the
    form, with no question): it now stands under the list and asks before it revokes."""
    ann = f.user("ann", password=GOOD)
    profile_language_set(user=ann, language="en")
    client.force_login(ann)
    token_create(user=ann, name="CRM sync")
    html = client.get("/settings/tokens/").content.decode()
    form = html[html.rindex("<form", 0, html.index('name="revoke_all"')) :]
    assert form.startswith('<form method="post" class="revoke-all" data-confirm="Revoke every token')
    assert html.index('class="token-form"') < html.index('id="tokens"') < html.index('class="revoke-all"')
