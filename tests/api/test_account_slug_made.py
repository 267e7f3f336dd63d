"""An account created over the API without a slug gets one made from its name, as the web's form makes it
(pinyin for Chinese, `accounts.selectors.free_slug`; one rule in `accounts.services.account_create`)."""

from __future__ import annotations

from battlemap.accounts.models import Account


def test_an_account_sent_without_a_slug_gets_one_from_its_name(world, owner_api):
    made = owner_api.post("/api/accounts", {"name": "华东电网"})
    assert made.status_code == 201, made.content
    assert made.json()["slug"] == "hua-dong-dian-wang"
    again = owner_api.post("/api/accounts", {"name": "华东电网", "another_account": True})  # asked, else
    assert again.status_code == 201, again.content
    assert again.json()["slug"] not in ("", "hua-dong-dian-wang")  # a free one: no account is overwritten
    assert Account.objects.filter(name="华东电网").count() == 2


def test_a_full_update_of_the_name_keeps_the_slug(world, owner_api):
    made = owner_api.post("/api/accounts", {"name": "Acme Steel"}).json()
    path = f"/api/accounts/{made['slug']}"
    replaced = owner_api.put(path, {**made, "name": "Acme Steel Group"})
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["slug"] == made["slug"] == "acme-steel"
    assert owner_api.get(path).json()["name"] == "Acme Steel Group"


def test_a_name_that_makes_no_slug_is_refused_naming_the_slug(world, owner_api):
    refused = owner_api.post("/api/accounts", {"name": "!!!"}, headers={"Accept-Language": "en"})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["slug"]
    assert refused.json()["errors"][0]["message"].startswith(
        "The name gives no address"
    )  # not "cannot be blank"


def test_the_slug_leaves_out_the_legal_form_of_the_name(world, owner_api):
    # the trial's 深圳市智慧交通集团有限公司 was shen-zhen-shi-zhi-hui-jiao-tong-ji-tuan-you-xian-gong-si
    for name, slug in (
        ("深圳市智慧交通集团有限公司", "shen-zhen-shi-zhi-hui-jiao-tong"),
        ("华为技术有限公司", "hua-wei-ji-shu"),
        ("Shenzhen Traffic Co., Ltd.", "shenzhen-traffic"),
        ("Northwind Logistics, Inc.", "northwind-logistics"),
        ("有限公司", "you-xian-gong-si"),  # nothing else left: the form is the name
    ):
        # Northwind Logistics, Inc. is the world's Northwind Logistics as names match: said another customer
        made = owner_api.post("/api/accounts", {"name": name, "another_account": True})
        assert made.status_code == 201 and made.json()["slug"] == slug, made.content
        assert Account.objects.get(slug=slug).name == name  # the name itself is kept whole


def test_a_long_name_makes_a_slug_cut_after_a_whole_word(world, owner_api):
    """A name past the slug's 60 characters was cut inside a word or a number (…-gong-si-136 for a name ending in
    1366): the slug ends after its last whole word."""
    name = "深圳市智慧交通集团有限公司城市轨道交通运营维护中心"  # the legal form is not at its end
    made = owner_api.post("/api/accounts", {"name": name})
    assert made.status_code == 201, made.content
    # 60 characters would end in "…-gong-si-chen" (cheng cut)
    assert made.json()["slug"] == "shen-zhen-shi-zhi-hui-jiao-tong-ji-tuan-you-xian-gong-si"
