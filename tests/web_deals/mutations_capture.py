"""The mutating views of the capture loop (issue 11): log a meeting with what it taught, edit and
delete an interaction, edit/assign and delete an action item, add a person to a deal from their page,
edit and delete external factors and influence links. The four checks run them from test_mutations.py."""

from __future__ import annotations

from django.urls import reverse

from battlemap.accounts.models import ExternalFactor
from battlemap.deals.models import ActionItem, StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.people.models import InfluenceLink, Person
from tests import factories as f
from tests.web_deals.mutations import Mutation


def _li(world):
    return Person.objects.get(account=world.cn, name="李明")


def _met(world):
    """An interaction with the boss, logged earlier (made once per test)."""
    found = Interaction.objects.filter(account=world.cn, summary="初次拜访").first()
    return found or f.interaction(
        account=world.cn, people=[world.cn_boss], deal=world.cn_deal, summary="初次拜访"
    )


def _item(world):
    found = ActionItem.objects.filter(deal=world.cn_deal).first()
    return found or f.action(deal=world.cn_deal, text="送ROI测算", owner=world.owner)


def _factor(world):
    found = ExternalFactor.objects.filter(account=world.cn).first()
    return found or f.factor(account=world.cn, kind="policy", description="国资委数字化要求", effect=1)


def _link(world):
    found = InfluenceLink.objects.filter(account=world.cn).first()
    return found or f.link(source=_li(world), target=world.cn_boss, kind="advises", strength=1)


def _captured(world) -> bool:
    interaction = Interaction.objects.filter(account=world.cn, summary="汇报方案").first()
    if interaction is None:
        return False
    people = set(interaction.participants.values_list("person__name", flat=True))
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    new_role = StakeholderRole.objects.filter(deal=world.cn_deal, person__name="赵丽").first()
    item = ActionItem.objects.filter(deal=world.cn_deal, text="下周送报价").first()
    return (
        people == {"王建国", "李明", "赵丽"}
        and role.attitude == "supporter"
        and new_role is not None
        and new_role.attitude == "neutral"
        and item is not None
        and item.owner == world.teammate
        and str(item.due) == "2026-12-04"
    )


CAPTURE_MUTATIONS = [
    Mutation(
        "interaction_capture",
        lambda w: reverse("interaction_new", args=[w.cn.slug]),
        lambda w: {
            "occurred_at": "2026-11-25",
            "occurred_time": "15:00",
            "kind": "meeting",
            "deal": w.cn_deal.pk,
            "people": [w.cn_boss.pk, _li(w).pk],
            f"attitude_{w.cn_boss.pk}": "supporter",
            "new_name": "赵丽",
            "new_title": "采购部经理",
            "new_attitude": "neutral",
            "new_influence": "3",
            "our_people": [w.owner.pk],
            "summary": "汇报方案",
            "outcome": "王总认可方向",
            "next_step": "下周送报价",
            "make_action": "on",
            "action_owner": w.teammate.pk,
            "action_due": "2026-12-04",
        },
        lambda w: {
            "occurred_at": "2026-11-25",
            "occurred_time": "15:00",
            "kind": "meeting",
            "deal": w.cn_deal.pk,
            "people": [w.cn_boss.pk],
            f"attitude_{_li(w).pk}": "supporter",
            "summary": "汇报方案",
        },
        "attitude_{li}",
        _captured,
    ),
    Mutation(
        "interaction_edit",
        lambda w: reverse("interaction_edit", args=[w.cn.slug, _met(w).pk]),
        lambda w: {
            "occurred_at": "2026-11-20",
            "occurred_time": "10:00",
            "kind": "call",
            "deal": w.cn_deal.pk,
            "people": [w.cn_boss.pk, _li(w).pk],
            "summary": "初次拜访",
            "outcome": "同意试点",
            "next_step": "安排演示",
            "version": _met(w).version,
        },
        lambda w: {
            "occurred_at": "2026-11-20",
            "occurred_time": "10:00",
            "kind": "call",
            "people": [],
            "summary": "初次拜访",
            "version": _met(w).version,
        },
        "people",
        lambda w: (
            _met(w).outcome == "同意试点"
            and _met(w).kind == "call"
            and _met(w).participants.filter(person__name="李明").exists()
        ),
    ),
    Mutation(
        "interaction_delete",
        lambda w: reverse("interaction_delete", args=[w.cn.slug, _met(w).pk]),
        lambda w: {"version": _met(w).version},
        lambda w: {"version": 99},
        "",
        lambda w: not Interaction.objects.filter(account=w.cn, summary="初次拜访").exists(),
    ),
    Mutation(
        "deal_action_edit",
        lambda w: reverse("deal_action_edit", args=[w.cn.slug, w.cn_deal.pk, _item(w).pk]),
        lambda w: {
            "text": "送ROI测算和案例",
            "owner": w.teammate.pk,
            "due": "2026-12-01",
            "person": w.cn_boss.pk,
            "version": _item(w).version,
        },
        lambda w: {"text": "送ROI测算", "due": "soon", "version": _item(w).version},
        "due",
        lambda w: (
            _item(w).text == "送ROI测算和案例"
            and _item(w).owner == w.teammate
            and str(_item(w).due) == "2026-12-01"
        ),
    ),
    Mutation(
        "deal_action_delete",
        lambda w: reverse("deal_action_delete", args=[w.cn.slug, w.cn_deal.pk, _item(w).pk]),
        lambda w: {"version": _item(w).version},
        lambda w: {"version": 99},
        "",
        lambda w: not ActionItem.objects.filter(deal=w.cn_deal).exists(),
    ),
    Mutation(
        "person_deal_add",
        lambda w: reverse("person_deal_add", args=[w.cn.slug, _li(w).pk]),
        lambda w: {"deal": w.cn_deal.pk, "roles": ["champion"], "attitude": "supporter", "influence": 4},
        lambda w: {"deal": w.cn_deal.pk, "roles": ["boss"], "attitude": "supporter", "influence": 4},
        "roles",
        lambda w: StakeholderRole.objects.filter(
            deal=w.cn_deal, person__name="李明", roles=["champion"], attitude="supporter", influence=4
        ).exists(),
    ),
    Mutation(
        "factor_edit",
        lambda w: reverse("account_factor_edit", args=[w.cn.slug, _factor(w).pk]),
        lambda w: {
            "kind": "policy",
            "description": "国资委数字化考核",
            "effect": 2,
            "version": _factor(w).version,
        },
        lambda w: {
            "kind": "policy",
            "description": "国资委数字化考核",
            "effect": 9,
            "version": _factor(w).version,
        },
        "effect",
        lambda w: _factor(w).description == "国资委数字化考核" and _factor(w).effect == 2,
    ),
    Mutation(
        "factor_delete",
        lambda w: reverse("account_factor_delete", args=[w.cn.slug, _factor(w).pk]),
        lambda w: {"version": _factor(w).version},
        lambda w: {"version": 99},
        "",
        lambda w: not ExternalFactor.objects.filter(account=w.cn).exists(),
    ),
    Mutation(
        "link_edit",
        lambda w: reverse("link_edit", args=[w.cn.slug, _link(w).pk]),
        lambda w: {"kind": "trusts", "strength": 3, "note": "老同事", "version": _link(w).version},
        lambda w: {"kind": "trusts", "strength": 7, "version": _link(w).version},
        "strength",
        lambda w: _link(w).kind == "trusts" and _link(w).strength == 3 and _link(w).note == "老同事",
    ),
]
