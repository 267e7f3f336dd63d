"""The portfolio: only visible accounts, filters, pinyin search, sorting."""

from __future__ import annotations

from django.urls import reverse

from tests import factories as f


def _names(response) -> list[str]:
    return [row.account.name for row in response.context["rows"]]


def test_portfolio_lists_only_visible_accounts(owner_client, world):
    response = owner_client.get(reverse("portfolio"))
    assert response.status_code == 200
    assert sorted(_names(response)) == sorted(["国电智慧能源集团", "Northwind Logistics"])
    assert "Mallory Corp" not in response.content.decode()


def test_search_by_pinyin_and_characters(owner_client, world):
    assert _names(owner_client.get(reverse("portfolio"), {"q": "guodian"})) == ["国电智慧能源集团"]
    assert _names(owner_client.get(reverse("portfolio"), {"q": "国电"})) == ["国电智慧能源集团"]
    assert _names(owner_client.get(reverse("portfolio"), {"q": "gdzh"})) == ["国电智慧能源集团"]
    # words apart, each found in the name: "国电 能源", "guodian nengyuan"; not a word from no name
    assert _names(owner_client.get(reverse("portfolio"), {"q": "国电 能源"})) == ["国电智慧能源集团"]
    assert _names(owner_client.get(reverse("portfolio"), {"q": "guo dian"})) == ["国电智慧能源集团"]
    assert _names(owner_client.get(reverse("portfolio"), {"q": "国电 物流"})) == []


def test_search_finds_a_name_with_characters_left_out(owner_client, world):
    """A first-week seller typed 深圳智慧 and szzh for 深圳市智慧交通集团有限公司 and found nothing: when nothing
    holds the term as typed, the name's characters or initials holding it in order are found."""
    f.account(owner=world.owner, slug="sz", name="深圳市智慧交通集团有限公司")
    for term in ("深圳智慧", "深圳交通", "szzh", "SZZHJT", "szjt"):
        assert _names(owner_client.get(reverse("portfolio"), {"q": term})) == [
            "深圳市智慧交通集团有限公司"
        ], term
    assert _names(owner_client.get(reverse("portfolio"), {"q": "智慧"})) == [
        "国电智慧能源集团",
        "深圳市智慧交通集团有限公司",
    ]
    assert _names(owner_client.get(reverse("portfolio"), {"q": "交通深圳"})) == []  # in order only
    assert _names(owner_client.get(reverse("portfolio"), {"q": "szbj"})) == []


def test_a_search_found_only_with_characters_left_out_says_so(owner_client, world):
    """华能 (another energy group) listed 国电智慧能源集团 alone, as if it were the account (a reviewer): the page
    says no name holds the term as typed."""
    loose = owner_client.get(reverse("portfolio"), {"q": "国能"}, headers={"Accept-Language": "en"})
    assert _names(loose) == ["国电智慧能源集团"]
    assert "No account name holds “国能” as typed" in loose.content.decode()
    exact = owner_client.get(reverse("portfolio"), {"q": "国电"}, headers={"Accept-Language": "en"})
    assert 'id="search-loose"' not in exact.content.decode()


def test_filter_by_lifecycle_segment_owner(owner_client, world):
    world.en.segments = ["logistics"]
    world.en.save()
    assert _names(owner_client.get(reverse("portfolio"), {"lifecycle": "growing"})) == ["国电智慧能源集团"]
    assert _names(owner_client.get(reverse("portfolio"), {"segment": "logistics"})) == ["Northwind Logistics"]
    assert len(_names(owner_client.get(reverse("portfolio"), {"owner": "alice"}))) == 2
    assert _names(owner_client.get(reverse("portfolio"), {"owner": "mallory"})) == []


def test_open_deals_health_and_worst_flag(owner_client, world):
    rows = {r.account.slug: r for r in owner_client.get(reverse("portfolio")).context["rows"]}
    cn = rows["guodian"]
    assert cn.open_deals == 1
    assert 0 <= cn.health <= 100
    assert cn.flag is not None and cn.flag["severity"] == "high"  # the decision maker was never met
    assert rows["northwind"].health is None


def test_filter_by_health_band(owner_client, world):
    rows = {r.account.slug: r for r in owner_client.get(reverse("portfolio")).context["rows"]}
    band = rows["guodian"].band
    assert band in ("good", "fair", "poor")
    assert _names(owner_client.get(reverse("portfolio"), {"health": band})) == ["国电智慧能源集团"]
    other = {"good": "poor", "fair": "good", "poor": "good"}[band]
    assert _names(owner_client.get(reverse("portfolio"), {"health": other})) == []


def test_sort_by_column_and_reverse(owner_client, world):
    f.interaction(account=world.en, days_ago=1)
    f.interaction(account=world.cn, days_ago=30)
    asc = _names(owner_client.get(reverse("portfolio"), {"sort": "last_contact"}))
    desc = _names(owner_client.get(reverse("portfolio"), {"sort": "-last_contact"}))
    assert asc == ["国电智慧能源集团", "Northwind Logistics"]
    assert desc == list(reversed(asc))


def test_unknown_sort_falls_back_to_name(owner_client, world):
    response = owner_client.get(reverse("portfolio"), {"sort": "password"})
    assert response.status_code == 200 and response.context["sort"] == "name"


def test_last_contact_and_empty_filter_message(owner_client, world):
    response = owner_client.get(reverse("portfolio"), {"q": "zzzz"})
    assert (
        "No account matches these filters." in response.content.decode()
        or "没有" in response.content.decode()
    )
