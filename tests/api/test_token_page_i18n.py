"""The token settings page reads naturally in both languages."""

from __future__ import annotations

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, heading, button", [("zh-hans", "API 令牌", "创建令牌"), ("en", "API tokens", "Create token")]
)
def test_token_page_in_both_languages(world, client, language, heading, button):
    client.force_login(world.owner)
    client.cookies["django_language"] = language
    with translation.override(language):
        html = client.get("/settings/tokens/", headers={"Accept-Language": language}).content.decode()
    assert heading in html and button in html
