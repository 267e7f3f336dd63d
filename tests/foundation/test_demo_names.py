"""The demo's users and team are named in the demo's language (`battlemap demo --lang`, by default the
installation's, zh-hans): a Chinese evaluator who ran `make run` read "Demo Rep", "Sales Manager" and "Key accounts"
in the Chinese UI, beside 华东省能源投资集团."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from battlemap.teams.models import Team
from battlemap.users.models import Profile

pytestmark = pytest.mark.django_db


def _names() -> tuple[str, str, str]:
    users = get_user_model().objects
    return (
        users.get(username="demo").first_name,
        users.get(username="manager").first_name,
        Team.objects.get().name,
    )


def test_the_demo_is_named_in_the_installation_s_language(client, settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    out = StringIO()
    call_command("demo", stdout=out)
    assert "已载入演示客户" in out.getvalue()
    assert _names() == ("演示销售", "销售经理", "大客户部")
    client.login(username="manager", password="manager")
    Profile.objects.update_or_create(
        user=get_user_model().objects.get(username="manager"), defaults={"language": "zh-hans"}
    )
    page = client.get("/accounts/").content.decode()
    assert "演示销售" in page and "Demo Rep" not in page


def test_demo_lang_en_names_them_in_english():
    out = StringIO()
    call_command("demo", "--lang", "en", stdout=out)
    assert "loaded demo accounts" in out.getvalue()
    assert _names() == ("Demo Rep", "Sales Manager", "Key accounts")
