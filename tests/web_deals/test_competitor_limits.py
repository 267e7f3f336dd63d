"""A deal's competitors are held to one rule on every road (`core.models.check_text_list`, run by `Deal.clean`; the
API schema reads its numbers, `deals.models.COMPETITOR_MAX` and `COMPETITORS_MAX`): the deal form saved a name of
250 characters the API and the map import refuse, so the account's exported map no longer loaded. Segment tags:
tests/web_accounts/test_segment_limits.py."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.deals.models import COMPETITOR_MAX, COMPETITORS_MAX, Deal

pytestmark = pytest.mark.django_db


def _edit(client, world, competitors_text: str):
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    body = {"name": deal.name, "currency": deal.currency, "competitors_text": competitors_text,
            "version": deal.version}  # fmt: skip
    return client.post(reverse("deal_edit", args=[world.cn.slug, deal.pk]), body)


def _competitors(world) -> list[str]:
    return Deal.objects.get(pk=world.cn_deal.pk).competitors


def test_the_deal_form_refuses_a_name_too_long_naming_the_field_and_the_name(owner_client, world):
    owner_client.cookies["django_language"] = "en"
    before = _competitors(world)
    response = _edit(owner_client, world, "华为云, " + "A" * 250)
    assert response.status_code == 422
    assert response.context["form"].errors["competitors_text"] == [
        f"Competitors: “{'A' * 39}…” is longer than {COMPETITOR_MAX} characters, the most allowed."
    ]
    assert _competitors(world) == before


def test_the_deal_form_refuses_more_names_than_the_api_takes(owner_client, world):
    owner_client.cookies["django_language"] = "zh-hans"
    before = _competitors(world)
    response = _edit(owner_client, world, "、".join(f"对手{n}" for n in range(COMPETITORS_MAX + 1)))
    assert response.status_code == 422
    assert response.context["form"].errors["competitors_text"] == [
        "竞争对手：超过 50 项，超出允许的最多项数。"
    ]
    assert _competitors(world) == before


AT_THE_LIMITS = "、".join(f"{n:02d}" + "云" * (COMPETITOR_MAX - 2) for n in range(COMPETITORS_MAX))


@pytest.mark.parametrize("typed", ["华为云, " + "A" * 250, AT_THE_LIMITS])
def test_a_map_of_a_deal_edited_on_the_web_loads_back(owner_client, world, tmp_path, typed):
    """The reviewer's trial: whatever the form saved or refused, the account's exported map loads as a copy."""
    before = _competitors(world)
    _edit(owner_client, world, typed)
    stored = _competitors(world)
    assert stored == (before if "A" * 250 in typed else typed.split("、"))
    path = tmp_path / "map.json"
    call_command("export-map", world.cn.slug, "-o", str(path))
    call_command("import-map", str(path), "--as", "cn-copy", "--owner", world.owner.username)
    copy = Account.objects.get(slug="cn-copy")
    assert Deal.objects.get(account=copy, name=world.cn_deal.name).competitors == stored
