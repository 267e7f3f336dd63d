"""Answers land in the map: the deal's factor weights come from the answers (through maps → analysis,
the cached analysis follows at once) and a dissatisfied key person raises the flag."""

from __future__ import annotations

import subprocess

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from battlemap import vocab
from battlemap.deals.services import deal_update
from battlemap.io.export import export_account
from battlemap.maps import account_analysis
from tests.surveys.helpers import factor_answers, satisfaction, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def _deal(world):
    return account_analysis(account=world.cn, lang="en")["deals"][0]


def test_answers_change_the_factor_weights_of_the_deal(client, world):
    deal_update(
        deal=world.cn_deal, version=world.cn_deal.version, decision_factors={"price": 80, "brand": 20}
    )
    before = _deal(world)["factors"]
    assert before["source"] == "typed" and before["weights"][0]["code"] == "price"
    ((_link, url),) = send(world, [world.cn_boss], kind="decision_factors", deal=world.cn_deal)
    assert client.post(url, factor_answers(technology=5, compliance=5, price=2)).status_code == 302
    after = _deal(world)["factors"]
    assert after["source"] == "answers" and after["respondents"] == [world.cn_boss.pk]
    assert [w["code"] for w in after["weights"]] == ["compliance", "technology", "price"]
    assert {w["code"] for w in after["typed"]} == {"price", "brand"}


def test_a_dissatisfied_decision_maker_fires_the_flag_and_the_account_nps_shows(client, world):
    assert "low_satisfaction" not in {f["code"] for f in _deal(world)["flags"]}
    ((_link, url),) = send(world, [world.cn_boss])
    client.post(url, satisfaction(2, 3))
    result = account_analysis(account=world.cn, lang="zh")
    flags = {f["code"]: f for f in result["deals"][0]["flags"]}
    assert "王建国" in flags["low_satisfaction"]["reason"]
    assert result["satisfaction"] == {
        "csat": 2.0,
        "nps": -100,
        "respondents": 1,
        "promoters": [],
        "detractors": [world.cn_boss.pk],
    }


def test_the_decision_chain_tab_says_the_weights_come_from_the_answers(client, owner_client, world):
    url = reverse("account_chain", args=["guodian"])
    assert "factor-source" not in owner_client.get(url).content.decode()
    ((_link, public),) = send(world, [world.cn_boss], kind="decision_factors", deal=world.cn_deal)
    client.post(public, factor_answers(price=5, risk=5))
    response = owner_client.get(url)
    html = response.content.decode()
    assert "来自客户的问卷回答（王建国）" in html
    assert [f["weight"] for f in response.context["factors"]] == ["50%", "50%"]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_review_files_weigh_the_factors_as_the_chain_page_does(client, world, lang):
    """The PDF's and the deck's decision-factor table read the analysis' weights — the customer's answers,
    with who gave them — as the chain page, the playbook and MEDDPICC do; never the seller's typed guess."""
    deal_update(
        deal=world.cn_deal, version=world.cn_deal.version, decision_factors={"technology": 80, "price": 20}
    )
    ((_link, url),) = send(world, [world.cn_boss], kind="decision_factors", deal=world.cn_deal)
    client.post(url, factor_answers(price=5, risk=5, technology=1))
    pdf = export_account(world.cn, fmt="pdf", deal_id=world.cn_deal.pk, lang=lang)
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    with translation.override(lang):
        source = str(vocab.FACTOR_SOURCES.label("answers", lang))
    assert "45.5%" in text and "9.1%" in text  # price and risk 5/11, technology 1/11
    assert "80 (" not in text and "(80%)" not in text  # the typed 80 is not shown as the weight
    assert source in text and "王建国" in text
