"""The table of mutating views: for each, how to post good input, bad input (and the field it names),
and what a user would see changed afterwards. Used by test_mutations.py for the four standard checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.people.models import InfluenceLink, Person
from tests import factories as f


@dataclass
class Mutation:
    name: str
    url: Callable
    good: Callable  # world -> POST data
    bad: Callable  # world -> POST data
    bad_field: str  # the field the error is shown next to ("" = the form's top, e.g. a stale edit)
    changed: Callable  # world -> bool, True once the good post took effect


def _li(world):
    return Person.objects.get(account=world.cn, name="李明")


def _link(world):
    return f.link(source=world.cn_boss, target=_li(world))


def _item(world):
    return f.action(deal=world.cn_deal, text="送ROI测算", owner=world.owner)


MUTATIONS = [
    Mutation(
        "person_new",
        lambda w: reverse("person_new", args=[w.cn.slug]),
        lambda w: {
            "name": "赵丽",
            "title": "采购部经理",
            "status": "active",
            "reports_to": w.cn_boss.pk,
            "dotted_managers": [_li(w).pk],
        },
        lambda w: {"name": "赵丽", "status": "left"},
        "left_on",
        lambda w: Person.objects.filter(
            account=w.cn, name="赵丽", reports_to=w.cn_boss, dotted_lines__manager__name="李明"
        ).exists(),
    ),
    Mutation(
        "person_edit",
        lambda w: reverse("person", args=[w.cn.slug, _li(w).pk]),
        lambda w: {
            "name": "李明",
            "title": "CIO",
            "status": "active",
            "version": _li(w).version,
            "reports_to": w.cn_boss.pk,
            "power": 4,
        },
        lambda w: {"name": "李明", "status": "active", "version": _li(w).version, "power": 9},
        "power",
        lambda w: _li(w).title == "CIO" and _li(w).power == 4,
    ),
    Mutation(
        "people_paste",
        lambda w: reverse("people_paste", args=[w.cn.slug]),
        lambda w: {
            "step": "add",
            "pick": ["0", "1"],
            "name_0": "赵丽",
            "title_0": "采购部经理",
            "email_0": "zhaoli@guodian.cn",
            "name_1": "钱进",
            "title_1": "总工程师",
            "email_1": "",
        },
        lambda w: {"step": "preview", "text": ""},
        "text",
        lambda w: set(Person.objects.filter(account=w.cn).values_list("name", flat=True)) >= {"赵丽", "钱进"},
    ),
    Mutation(
        "people_merge",
        lambda w: reverse("people_merge", args=[w.cn.slug]),
        lambda w: {"survivor": w.cn_boss.pk, "duplicate": _li(w).pk},
        lambda w: {"survivor": w.cn_boss.pk, "duplicate": w.cn_boss.pk},
        "duplicate",
        lambda w: not Person.objects.filter(account=w.cn, name="李明").exists(),
    ),
    Mutation(
        "link_new",
        lambda w: reverse("link_new", args=[w.cn.slug]),
        lambda w: {"source": _li(w).pk, "target": w.cn_boss.pk, "kind": "advises", "strength": 3},
        lambda w: {"source": w.cn_boss.pk, "target": w.cn_boss.pk, "kind": "advises", "strength": 2},
        "target",
        lambda w: InfluenceLink.objects.filter(source__name="李明", target=w.cn_boss, strength=3).exists(),
    ),
    Mutation(
        "link_delete",
        lambda w: reverse("link_delete", args=[w.cn.slug, _link(w).pk]),
        lambda w: {"version": InfluenceLink.objects.get(account=w.cn).version},
        lambda w: {"version": 99},
        "",
        lambda w: not InfluenceLink.objects.filter(account=w.cn).exists(),
    ),
    Mutation(
        "interaction_new",
        lambda w: reverse("interaction_new", args=[w.cn.slug]),
        lambda w: {
            "occurred_at": "2026-11-20",
            "occurred_time": "10:00",
            "kind": "visit",
            "deal": w.cn_deal.pk,
            "people": [w.cn_boss.pk],
            "our_people": [w.owner.pk],
            "summary": "拜访王总",
        },
        lambda w: {
            "occurred_at": "2026-11-20",
            "occurred_time": "10:00",
            "kind": "visit",
            "summary": "no one",
        },
        "people",
        lambda w: Interaction.objects.filter(
            account=w.cn, summary="拜访王总", participants__person=w.cn_boss, our_participants__user=w.owner
        ).exists(),
    ),
    Mutation(
        "deal_new",
        lambda w: reverse("deal_new", args=[w.cn.slug]),
        lambda w: {
            "name": "智慧园区二期",
            "currency": "CNY",
            "stage": "need_recognition",
            "amount": "1200000",
            "competitors_text": "华为，阿里云",
        },
        lambda w: {"name": "", "currency": "CNY", "stage": "need_recognition"},
        "name",
        lambda w: Deal.objects.filter(
            account=w.cn,
            name="智慧园区二期",
            competitors=["华为", "阿里云"],
            stage_changes__stage="need_recognition",
        ).exists(),
    ),
    Mutation(
        "deal_stage",
        lambda w: reverse("deal_stage", args=[w.cn.slug, w.cn_deal.pk]),
        lambda w: {"stage": "purchase_decision", "version": Deal.objects.get(pk=w.cn_deal.pk).version},
        lambda w: {"stage": "signed", "version": Deal.objects.get(pk=w.cn_deal.pk).version},
        "stage",
        lambda w: (
            Deal.objects.get(pk=w.cn_deal.pk).stage == "purchase_decision"
            and w.cn_deal.stage_changes.filter(stage="purchase_decision", by=w.owner).exists()
        ),
    ),
    Mutation(
        "deal_role",
        lambda w: reverse("deal_role_new", args=[w.cn.slug, w.cn_deal.pk]),
        lambda w: {
            "person": _li(w).pk,
            "roles": ["champion", "user"],
            "attitude": "supporter",
            "influence": 4,
            "relationship": 3,
            "favoured_competitor": "",
            "covered_by": [w.teammate.pk],
            "version": 0,
        },
        lambda w: {
            "person": _li(w).pk,
            "roles": ["boss"],
            "attitude": "supporter",
            "influence": 4,
            "relationship": 3,
            "version": 0,
        },
        "roles",
        lambda w: StakeholderRole.objects.filter(
            deal=w.cn_deal, person__name="李明", roles=["user", "champion"], coverage__user=w.teammate
        ).exists(),
    ),
    Mutation(
        "deal_action_new",
        lambda w: reverse("deal_action_new", args=[w.cn.slug, w.cn_deal.pk]),
        lambda w: {"text": "约王总看演示", "person": w.cn_boss.pk, "due": "2026-11-27"},
        lambda w: {"text": "约王总看演示", "due": "next friday"},
        "due",
        lambda w: ActionItem.objects.filter(
            deal=w.cn_deal, text="约王总看演示", owner=w.owner, person=w.cn_boss
        ).exists(),
    ),
    Mutation(
        "deal_action_done",
        lambda w: reverse("deal_action_done", args=[w.cn.slug, w.cn_deal.pk, _item(w).pk]),
        lambda w: {"done": "1", "version": ActionItem.objects.get(deal=w.cn_deal).version},
        lambda w: {"done": "1", "version": 99},
        "",
        lambda w: ActionItem.objects.get(deal=w.cn_deal).done,
    ),
    Mutation(
        "deal_role_remove",
        lambda w: reverse("deal_role_remove", args=[w.cn.slug, w.cn_deal.pk, w.cn_boss.pk]),
        lambda w: {"version": StakeholderRole.objects.get(deal=w.cn_deal, person=w.cn_boss).version},
        lambda w: {"version": 99},
        "",
        lambda w: not StakeholderRole.objects.filter(deal=w.cn_deal, person=w.cn_boss).exists(),
    ),
]

from tests.web_deals.loop_mutations import LOOP_MUTATIONS  # noqa: E402  (the everyday loop's views)

MUTATIONS += LOOP_MUTATIONS
