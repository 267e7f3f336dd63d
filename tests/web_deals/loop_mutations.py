"""The everyday loop's mutating views (edit an account, edit, close and reopen a deal) for the four
standard checks of test_mutations.py."""

from __future__ import annotations

from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal
from tests.web_deals.mutations import Mutation


def _deal(w):
    return Deal.objects.get(pk=w.cn_deal.pk)


def _closed(w):
    Deal.objects.filter(pk=w.cn_deal.pk).update(status="won", close_reason="价格与服务", version=5)
    return _deal(w)


LOOP_MUTATIONS = [
    Mutation(
        "account_edit",
        lambda w: reverse("account_edit", args=[w.cn.slug]),
        lambda w: {
            "name": "国电智慧能源集团",
            "industry": "能源",
            "region": "华东",
            "segments_text": "央企, 重点",
            "potential_value": "12000000",
            "currency": "cny",
            "lifecycle": "mature",
            "owner": w.owner.pk,
            "team": w.team.pk,
            "version": Account.objects.get(pk=w.cn.pk).version,
        },
        lambda w: {
            "name": "国电智慧能源集团",
            "currency": "CNY",
            "lifecycle": "booming",
            "owner": w.owner.pk,
            "version": Account.objects.get(pk=w.cn.pk).version,
        },
        "lifecycle",
        lambda w: (
            (a := Account.objects.get(pk=w.cn.pk)).lifecycle == "mature"
            and a.segments == ["央企", "重点"]
            and a.currency == "CNY"
        ),
    ),
    Mutation(
        "deal_edit",
        lambda w: reverse("deal_edit", args=[w.cn.slug, w.cn_deal.pk]),
        lambda w: {
            "name": "物联网平台一期",
            "amount": "12000000",
            "currency": "CNY",
            "expected_close": "2027-03-31",
            "competitors_text": "华为，阿里云",
            "customer_win": "降低运维成本",
            "our_win": "标杆案例",
            "factor_price": "30",
            "factor_technology": "50",
            "channels_evaluation": ["peers", "analysts"],
            "version": _deal(w).version,
        },
        lambda w: {
            "name": "物联网平台一期",
            "currency": "CNY",
            "factor_price": "-5",
            "version": _deal(w).version,
        },
        "factor_price",
        lambda w: (
            (d := _deal(w)).name == "物联网平台一期"
            and d.decision_factors == {"price": 30, "technology": 50}
            and d.channels == {"evaluation": ["peers", "analysts"]}
            and d.competitors == ["华为", "阿里云"]
            and d.stage == "evaluation"
        ),
    ),
    Mutation(
        "deal_close",
        lambda w: reverse("deal_close", args=[w.cn.slug, w.cn_deal.pk]),
        lambda w: {
            "outcome": "lost",
            "close_reason": "价格高出两成",
            "lost_to": "华为",
            "version": _deal(w).version,
        },
        lambda w: {"outcome": "lost", "close_reason": "", "version": _deal(w).version},
        "close_reason",
        lambda w: (
            (d := _deal(w)).status == "lost" and d.lost_to == "华为" and d.close_reason == "价格高出两成"
        ),
    ),
    Mutation(
        "deal_reopen",
        lambda w: reverse("deal_reopen", args=[w.cn.slug, _closed(w).pk]),
        lambda w: {"version": _deal(w).version, "reopen_reason": "客户追加了二期预算"},
        lambda w: {"version": _deal(w).version, "reopen_reason": " "},
        "reopen_reason",
        lambda w: (
            (d := _deal(w)).status == "open"
            and d.close_reason == ""
            and d.reopen_reason == "客户追加了二期预算"
        ),
    ),
]
