"""An outside factor at the strongest negative effect holds the deal up, and the playbook answers it beside the high
flags (seed 000 环境因素; the s38 coach saw a −2 global approved-vendor list only listed, with no action)."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis.types import ExternalFactorInfo

from .builders import healthy_snapshot, with_deal

VENDOR_LIST = ExternalFactorInfo(70, "policy", "Global vendor list: only approved suppliers", effect=-2)


def playbook(snapshot, lang="en"):
    return analyze(snapshot, lang=lang).deals[0].playbook


def with_factors(*factors, snapshot=None):
    return replace(snapshot or healthy_snapshot(), external_factors=factors)


def test_a_blocking_outside_factor_comes_first_in_the_playbook():
    items = playbook(with_factors(VENDOR_LIST))
    # the healthy deal raises no flag: only the decision maker's step at the purchase decision ranks as high
    assert [i.code for i in items[:2]] == ["keep_support", "blocking_factor"]
    assert "Global vendor list: only approved suppliers" in items[1].text
    assert "approved vendor list" in items[1].text and "effect -2" in items[1].text
    zh = playbook(with_factors(VENDOR_LIST), "zh")[1].text
    assert "Global vendor list: only approved suppliers" in zh and "合格供应商名录" in zh


def test_a_factor_that_only_weighs_against_us_gets_no_action():
    milder = replace(VENDOR_LIST, effect=-1)
    assert "blocking_factor" not in {i.code for i in playbook(with_factors(milder))}


def test_a_closed_deal_gets_no_action_for_it():
    snap = with_deal(with_factors(VENDOR_LIST), status="lost")
    won = with_deal(with_factors(VENDOR_LIST), status="won")
    assert "blocking_factor" not in {i.code for i in playbook(snap)}
    assert "blocking_factor" not in {i.code for i in playbook(won)}


def test_a_rivals_offer_is_countered_not_listed_for():
    offer = ExternalFactorInfo(71, "competitor", "Samsara offers a free hardware swap", effect=-2)
    text = next(i.text for i in playbook(with_factors(offer)) if i.code == "blocking_factor")
    assert "Samsara offers a free hardware swap" in text and "our counter" in text
    assert "vendor list" not in text
