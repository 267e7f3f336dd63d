"""An account's segment tags are held to one rule on every road (`core.models.check_text_list`, run by
`Account.clean`; the API schema reads its numbers, `accounts.models.SEGMENT_MAX` and `SEGMENTS_MAX`): the web form
saved a tag of 80 characters the API and the map import refuse, so the account's own exported map no longer loaded.
The deal's competitors: tests/web_deals/test_competitor_limits.py."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from battlemap.accounts.models import SEGMENT_MAX, SEGMENTS_MAX, Account
from battlemap.users.services import token_create

pytestmark = pytest.mark.django_db


def _edit(client, account, segments_text: str):
    account = Account.objects.get(pk=account.pk)
    body = {"name": account.name, "currency": account.currency, "lifecycle": account.lifecycle,
            "version": account.version, "owner": account.owner_id, "segments_text": segments_text}  # fmt: skip
    return client.post(reverse("account_edit", args=[account.slug]), body)


def _segments(account) -> list[str]:
    return Account.objects.get(pk=account.pk).segments


def test_the_form_refuses_a_tag_too_long_naming_the_field_and_the_tag(owner_client, world):
    owner_client.cookies["django_language"] = "en"
    response = _edit(owner_client, world.cn, "enterprise, logistics, " + "x" * 80)
    assert response.status_code == 422
    assert response.context["form"].errors["segments_text"] == [
        f"Segment tags: “{'x' * 39}…” is longer than {SEGMENT_MAX} characters, the most allowed."
    ]
    assert _segments(world.cn) == []


def test_the_form_refuses_more_tags_than_the_api_takes(owner_client, world):
    owner_client.cookies["django_language"] = "zh-hans"
    response = _edit(owner_client, world.cn, ", ".join(f"t{n}" for n in range(SEGMENTS_MAX + 1)))
    assert response.status_code == 422
    assert response.context["form"].errors["segments_text"] == ["细分标签：超过 50 项，超出允许的最多项数。"]
    assert _segments(world.cn) == []


def test_a_service_write_is_refused_too(world):
    account = Account.objects.get(pk=world.cn.pk)
    account.segments = ["y" * (SEGMENT_MAX + 1)]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        account.full_clean()
    assert list(refused.value.message_dict) == ["segments"]


AT_THE_LIMITS = ", ".join(f"{n:02d}" + "标" * (SEGMENT_MAX - 2) for n in range(SEGMENTS_MAX))


@pytest.mark.parametrize("typed", ["enterprise, logistics, " + "x" * 80, AT_THE_LIMITS])
def test_what_the_form_saves_the_api_takes_back_and_the_exported_map_loads(
    owner_client, world, tmp_path, typed
):
    """The reviewer's trial: whatever the form saved or refused, GET then PUT of the account and its exported map
    loaded as a copy both keep it."""
    _edit(owner_client, world.cn, typed)
    stored = _segments(world.cn)
    assert stored == ([] if "x" * 80 in typed else typed.split(", "))
    api, auth = Client(), {"Authorization": f"Bearer {token_create(user=world.owner, name='t').secret}"}
    got = api.get(f"/api/accounts/{world.cn.slug}", headers=auth).json()
    put = api.put(f"/api/accounts/{world.cn.slug}", json.dumps(got), "application/json", headers=auth)
    assert put.status_code == 200, put.content.decode()[:2000]

    path = tmp_path / "map.json"
    call_command("export-map", world.cn.slug, "-o", str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["account"]["segments"] == stored
    call_command("import-map", str(path), "--as", "cn-copy", "--owner", world.owner.username)
    assert Account.objects.get(slug="cn-copy").segments == stored
