"""Money: an amount holds at most 15 digits (2 after the point) and a currency is a three-letter ISO 4217
code, one rule (core.money) on every road — the web forms, the API, the map import — so what one accepts
reads back exactly everywhere (SQLite keeps 15 significant digits: a 16th was rounded, or every page
showing it answered 500)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from battlemap.deals.models import Deal
from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.load import MapImportError, map_import

pytestmark = pytest.mark.django_db

MOST = "9999999999999.99"  # 15 digits: the most an amount holds
TOO_MANY = "99999999999999.99"  # 16 digits


def _fields(response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


def test_the_largest_amount_round_trips_exactly_through_the_api(world, owner_api):
    made = owner_api.post("/api/accounts/guodian/deals", {"name": "大单", "amount": float(MOST)})
    assert made.status_code == 201, made.json()
    deal = owner_api.get(f"/api/deals/{made.json()['id']}").json()
    assert Decimal(str(deal["amount"])) == Decimal(MOST)
    account = owner_api.patch("/api/accounts/guodian", {"potential_value": MOST, "version": world.cn.version})
    assert account.status_code == 200
    assert Decimal(str(owner_api.get("/api/accounts/guodian").json()["potential_value"])) == Decimal(MOST)


@pytest.mark.parametrize("amount", [TOO_MANY, float(TOO_MANY), "12345678901234.56"])
def test_one_digit_more_is_refused_by_the_api_naming_the_field(world, owner_api, amount):
    deal = owner_api.post("/api/accounts/guodian/deals", {"name": "太大", "amount": amount})
    assert deal.status_code == 422 and _fields(deal) == ["amount"]
    account = owner_api.patch(
        "/api/accounts/guodian", {"potential_value": amount, "version": world.cn.version}
    )
    assert account.status_code == 422 and _fields(account) == ["potential_value"]
    assert not Deal.objects.filter(name="太大").exists()


def test_the_web_takes_the_largest_amount_and_every_page_shows_it(owner_client, world):
    response = owner_client.post(
        reverse("deal_new", args=[world.cn.slug]),
        {"name": "大单", "amount": MOST, "currency": "CNY", "stage": "evaluation"},
    )
    assert response.status_code == 302
    deal = Deal.objects.get(name="大单")
    assert deal.amount == Decimal(MOST)
    shown = "9,999,999,999,999.99 CNY"
    for url in (reverse("deal", args=[world.cn.slug, deal.pk]), reverse("pipeline") + "?owner=all"):
        page = owner_client.get(url)
        assert page.status_code == 200 and shown in page.content.decode(), url
    for name in ("account", "account_changes", "account_timeline", "account_portrait"):
        assert owner_client.get(reverse(name, args=[world.cn.slug])).status_code == 200, name
    assert export_map(world.cn)["deals"][-1]["amount"] == float(MOST)
    assert Decimal(str(json.loads(json.dumps(float(MOST))))) == Decimal(MOST)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_web_refuses_one_digit_more_naming_the_field(owner_client, world, language):
    owner_client.cookies["django_language"] = language
    deal = owner_client.post(
        reverse("deal_new", args=[world.cn.slug]),
        {"name": "太大", "amount": TOO_MANY, "currency": "CNY", "stage": "evaluation"},
    )
    assert deal.status_code == 422 and list(deal.context["form"].errors) == ["amount"]
    message = deal.context["form"].errors["amount"][0]
    assert "9,999,999,999,999.99" in message
    assert ("at most" in message) if language == "en" else ("最多" in message)
    assert not Deal.objects.filter(name="太大").exists()


def test_the_map_import_refuses_one_digit_more_naming_the_deal(world):
    data = export_map(world.cn)
    data["deals"][0]["amount"] = float(TOO_MANY)
    with pytest.raises(MapImportError) as refused:
        map_import(data=data, owner=world.owner, slug="copy")
    assert "amount" in str(refused.value) and "deals" in str(refused.value)
    data = export_map(world.cn)
    data["account"]["potential_value"] = float(TOO_MANY)
    with pytest.raises(MapImportError, match="potential_value"):
        map_import(data=data, owner=world.owner, slug="copy")


# --- currency ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "stored"), [("usd", "USD"), (" Usd ", "USD"), ("rmb", "CNY"), ("RMB", "CNY")]
)
def test_a_lower_case_currency_is_read_as_upper_case_on_every_road(
    world, owner_api, owner_client, sent, stored
):
    made = owner_api.post("/api/accounts/guodian/deals", {"name": "api", "currency": sent})
    assert made.status_code == 201 and made.json()["currency"] == stored
    owner_client.post(
        reverse("deal_new", args=[world.cn.slug]), {"name": "web", "currency": sent, "stage": "evaluation"}
    )
    assert Deal.objects.get(name="web").currency == stored


@pytest.mark.parametrize(
    "sent", ["€€", "1X", "USDT", "", "U$D", "ZZZ", "ABC", "$", "¥"]
)  # $, ¥: several  # three letters, no currency
def test_a_currency_that_is_no_iso_code_is_refused_saying_what_is_expected(
    world, owner_api, owner_client, sent
):
    api = owner_api.post("/api/accounts/guodian/deals", {"name": "api", "currency": sent})
    assert api.status_code == 422 and _fields(api) == ["currency"]
    owner_api.client.cookies.clear()
    zh = owner_api.post(
        "/api/accounts/guodian/deals",
        {"name": "api", "currency": sent},
        headers={"Accept-Language": "zh-hans"},
    )
    assert "ISO 4217" in zh.json()["errors"][0]["message"] and "人民币" in zh.json()["errors"][0]["message"]
    web = owner_client.post(
        reverse("deal_new", args=[world.cn.slug]), {"name": "web", "currency": sent, "stage": "evaluation"}
    )
    assert web.status_code == 422 and "currency" in web.context["form"].errors
    account = owner_client.post(
        reverse("account_edit", args=[world.cn.slug]),
        {"name": world.cn.name, "currency": sent, "lifecycle": "growing", "version": world.cn.version},
    )
    assert "currency" in account.context["form"].errors
    assert not Deal.objects.filter(name__in=["api", "web"]).exists()


def test_the_api_message_says_what_a_currency_is(world, owner_api):
    response = owner_api.post(
        "/api/accounts/guodian/deals", {"name": "x", "currency": "€€"}, headers={"Accept-Language": "en"}
    )
    message = response.json()["errors"][0]["message"]
    assert message.startswith("Give a three-letter ISO 4217 code such as CNY, USD, or a currency's name: ")
    for taken in ("人民币", "RMB → CNY", "美元", "欧元", "英镑", "日元", "港元/港币/HK$ → HKD"):
        assert taken in message, taken


def test_the_names_a_currency_takes_are_listed_as_the_reader_lists(world, owner_api, owner_client):
    """The list read "…/RMB → CNY, 美元/美金/US$ → USD, 港元…" in Chinese: an ASCII comma and space between
    Chinese words; a Chinese list is joined by 、 (punctuation.list_separator), an English one by ", "."""
    owner_client.cookies["django_language"] = "zh-hans"
    web = owner_client.post(
        reverse("deal_new", args=[world.cn.slug]), {"name": "web", "currency": "ZZZ", "stage": "evaluation"}
    )
    zh = " ".join(web.context["form"].errors["currency"])
    assert "RMB → CNY、" in zh and "、美元" in zh, zh
    assert ", " not in zh, zh
    api = owner_api.post(
        "/api/accounts/guodian/deals",
        {"name": "x", "currency": "ZZZ"},
        headers={"Accept-Language": "zh-hans"},
    )
    assert "、美元" in api.json()["errors"][0]["message"]
    owner_api.client.cookies.clear()
    en = owner_api.post(
        "/api/accounts/guodian/deals", {"name": "x", "currency": "ZZZ"}, headers={"Accept-Language": "en"}
    )
    assert ", 美元" in en.json()["errors"][0]["message"]


CHINESE_NAMES = [
    ("人民币", "CNY"),
    ("元", "CNY"),
    ("人民币元", "CNY"),
    ("美元", "USD"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("日元", "JPY"),
    ("港币", "HKD"),
    ("港元", "HKD"),
]


@pytest.mark.parametrize(("sent", "stored"), CHINESE_NAMES)
def test_a_chinese_currency_name_is_read_as_its_code_on_every_road(
    world, owner_api, owner_client, sent, stored
):
    """A seller typing 人民币 or 美元 in 币种 was told to give an ISO code, while RMB was read (review h4b, 5)."""
    made = owner_api.post("/api/accounts/guodian/deals", {"name": "api", "currency": sent})
    assert made.status_code == 201 and made.json()["currency"] == stored
    web = owner_client.post(
        reverse("deal_new", args=[world.cn.slug]),
        {"name": "web", "amount": "90万", "currency": sent, "stage": "evaluation"},
    )
    assert web.status_code == 302
    assert (Deal.objects.get(name="web").amount, Deal.objects.get(name="web").currency) == (900000, stored)
    data = export_map(world.cn)
    data["account"]["currency"] = sent
    data["deals"][0]["currency"] = sent
    copy = map_import(data=data, owner=world.owner, slug="copy")
    assert copy.currency == stored
    assert copy.deals.get(name=data["deals"][0]["name"]).currency == stored


def test_the_currency_box_takes_a_four_character_name(world, owner_client):
    page = owner_client.get(reverse("deal_new", args=[world.cn.slug])).content.decode()
    box = page.split('name="currency"')[1].split(">")[0]
    assert "maxlength" not in box


def test_too_many_decimals_is_said_as_decimals_not_size(world, owner_api):
    """A float's 0.1 + 0.2 (0.30000000000000004) was told "at most 9,999,999,999,999.99 (15 digits…)": its decimals
    are what is wrong (a reviewer's trial)."""
    for amount in (0.30000000000000004, "12.3456"):
        deal = owner_api.post(
            "/api/accounts/guodian/deals",
            {"name": "小数", "amount": amount},
            headers={"Accept-Language": "en"},
        )
        assert deal.status_code == 422 and _fields(deal) == ["amount"]
        assert deal.json()["errors"][0]["message"] == "Give an amount with at most 2 digits after the point."
