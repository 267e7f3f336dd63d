"""A deal's competitors are stored each once, by the competitor view's rule (io.matching.names_by_key): "华为云"
and "华为云 " are one, so are "ＩＢＭ" and "IBM" — trimmed, the first spelling kept, blanks dropped — whether
typed in the deal form or loaded from a map (the API: tests/api/test_deal_competitors_once.py); the deals stored before are mended by the
migration deals 0008."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal
from battlemap.io.mapformat import export_map

pytestmark = pytest.mark.django_db


def test_the_new_deal_form_stores_a_competitor_typed_twice_once(owner_client, world):
    body = {
        "name": "二期",
        "currency": "CNY",
        "stage": "need_recognition",
        "competitors_text": "X, 华为云, 华为云 ",
    }
    response = owner_client.post(reverse("deal_new", args=[world.cn.slug]), body)
    assert response.status_code == 302, response.content.decode()[:2000]
    deal = Deal.objects.get(name="二期")
    assert deal.competitors == ["X", "华为云"]
    room = owner_client.get(reverse("deal", args=[world.cn.slug, deal.pk])).content.decode()
    assert "华为云、华为云" not in room and "华为云, 华为云" not in room


def test_the_edit_form_stores_each_once(owner_client, world):
    deal = world.cn_deal
    body = {
        "name": deal.name,
        "currency": "CNY",
        "competitors_text": "阿里云；阿里云 、ＩＢＭ，IBM",
        "version": deal.version,
    }
    response = owner_client.post(reverse("deal_edit", args=[world.cn.slug, deal.pk]), body)
    assert response.status_code == 302, response.content.decode()[:2000]
    deal.refresh_from_db()
    assert deal.competitors == ["阿里云", "IBM"]


def test_a_loaded_map_stores_each_competitor_once(world, tmp_path):
    data = json.loads(json.dumps(export_map(world.cn)))
    data["account"]["slug"] = "copy"
    data["deals"][0]["competitors"] = ["华为云", "华为云 ", "阿里云", "ＩＢＭ", "IBM"]
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("import-map", str(path), "--owner", world.owner.username)
    copy = Account.all_objects.get(slug="copy")
    assert Deal.objects.get(account=copy, name=data["deals"][0]["name"]).competitors == [
        "华为云",
        "阿里云",
        "IBM",
    ]


def test_the_migration_mends_the_lists_stored_before(world):
    Deal.objects.filter(pk=world.cn_deal.pk).update(competitors=["华为云", "华为云 ", "", "ＩＢＭ", "IBM"])
    untouched = Deal.objects.exclude(pk=world.cn_deal.pk).values_list("pk", "competitors")
    before = dict(untouched)
    migration = importlib.import_module("battlemap.deals.migrations.0008_competitors_each_once")
    migration.each_once(apps, None)
    assert Deal.objects.get(pk=world.cn_deal.pk).competitors == ["华为云", "IBM"]
    assert dict(untouched) == before


def test_the_edit_form_shows_the_competitors_joined_as_the_page_reads(owner_client, world):
    """The Chinese edit form showed "华为云, 阿里云" (an ASCII comma); it reads 华为云、阿里云, and saving it unchanged
    keeps both."""
    deal = world.cn_deal
    deal.competitors = ["华为云", "阿里云"]
    deal.save()
    form = owner_client.get(reverse("deal_edit", args=[world.cn.slug, deal.pk])).context["form"]
    assert form.initial["competitors_text"] == "华为云、阿里云"
    body = {
        "name": deal.name,
        "currency": "CNY",
        "competitors_text": "华为云、阿里云",
        "version": deal.version,
    }
    assert owner_client.post(reverse("deal_edit", args=[world.cn.slug, deal.pk]), body).status_code == 302
    deal.refresh_from_db()
    assert deal.competitors == ["华为云", "阿里云"]


def test_a_save_that_ticks_the_same_channels_keeps_their_stored_order_and_writes_no_change(
    owner_client, world
):
    """A team's trial: an API client stored one stage's channels in its order; a seller then changed only the
    amount on the web, and history said they had also reordered the channels (the boxes' order)."""
    from battlemap.deals.services import deal_update

    deal = world.cn_deal
    deal = deal_update(deal=deal, version=deal.version, channels={"evaluation": ["web_search", "peers"]})
    body = {
        "name": deal.name,
        "currency": "CNY",
        "amount": "860000",
        "version": deal.version,
        "channels_evaluation": ["peers", "web_search"],
    }  # fmt: skip  (the boxes' order)
    assert owner_client.post(reverse("deal_edit", args=[world.cn.slug, deal.pk]), body).status_code == 302
    deal.refresh_from_db()
    assert deal.channels == {"evaluation": ["web_search", "peers"]}
    latest = type(deal).history.filter(id=deal.pk).latest()
    assert latest.diff_against(latest.prev_record).changed_fields == ["amount"]
