"""The account pages as a new-user tester found them: the timeline puts a stage move at its time, the
decision chain calls a stage the deal never entered skipped, the person form's traits are 1–5 choices
and the dotted-line list does not offer the solid-line manager, the org chart hint fits a phone."""

from __future__ import annotations

import re
from datetime import datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import Deal, StageChange
from battlemap.deals.services import deal_move_stage
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_stage_move_sits_in_the_timeline_at_its_time_after_that_mornings_visit(owner_client, world):
    today = timezone.localdate()
    at = lambda h, m: timezone.make_aware(datetime.combine(today, time(h, m)))  # noqa: E731
    f.interaction(account=world.cn, people=[world.cn_boss], summary="上午拜访", occurred_at=at(9, 30))
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    deal = deal_move_stage(deal=deal, stage="purchase_decision", version=deal.version, by=world.owner)
    deal_move_stage(deal=deal, stage="evaluation", version=deal.version, by=world.owner, note="退回评估")
    first, second = StageChange.objects.filter(deal=deal).order_by("id")
    StageChange.history.filter(id=first.id, history_type="+").update(history_date=at(14, 41))
    StageChange.history.filter(id=second.id, history_type="+").update(history_date=at(16, 5))

    body = owner_client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode()
    entries = re.findall(r"<li>\s*<time[^>]*>([^<]*)</time>.*?<bdi>([^<]*)</bdi>", body, re.S)
    day = f"{today:%Y-%m-%d}"
    stages = [(when, title) for when, title in entries if title.startswith("物联网平台：")]
    assert [when for when, _ in stages] == [f"{day} 16:05", f"{day} 14:41"]
    # newest first: the later move above the earlier one, both above that morning's 09:30 visit
    newer, older = (body.index(f"<bdi>{title}</bdi>") for _, title in stages)
    assert newer < older < body.index("上午拜访")


def test_a_persons_traits_are_chosen_from_1_to_5_or_left_empty(owner_client, world):
    page = owner_client.get(reverse("person_new", args=[world.cn.slug])).content.decode()
    for trait in ("power", "expertise", "budget_control", "network"):
        select = re.search(rf'<select name="{trait}".*?</select>', page, re.S)
        assert select, trait
        values = re.findall(r'<option value="([^"]*)"', select.group(0))
        assert values == ["", "1", "2", "3", "4", "5"], trait
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]), {"name": "赵强", "status": "active", "power": "9"}
    )
    assert response.status_code == 422 and 'id="field-power"' in response.content.decode()
    owner_client.post(
        reverse("person_new", args=[world.cn.slug]), {"name": "赵强", "status": "active", "power": "4"}
    )
    assert world.cn.people.get(name="赵强").power == 4 and world.cn.people.get(name="赵强").network is None


def test_the_dotted_line_list_leaves_out_the_solid_line_manager(owner_client, world):
    li = world.cn.people.get(name="李明")  # reports to 王建国
    edit = owner_client.get(reverse("person", args=[world.cn.slug, li.pk])).content.decode()
    dotted = re.search(r'<select[^>]*name="dotted_managers".*?</select>', edit, re.S).group(0)
    assert 'data-not-with="reports_to"' in dotted and "王建国" not in dotted
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]),
        {
            "name": "赵强",
            "status": "active",
            "reports_to": world.cn_boss.pk,
            "dotted_managers": [world.cn_boss.pk],
        },
    )
    assert response.status_code == 422
    assert "此人已是其实线上级" in response.content.decode()  # the owner reads Chinese


@pytest.mark.parametrize(
    ("language", "skipped", "passed"), [("en", "skipped", "passed"), ("zh-hans", "已跳过", "已完成")]
)
def test_the_decision_chain_calls_a_stage_the_deal_never_entered_skipped(
    owner_client, world, language, skipped, passed
):
    from battlemap.users.models import Profile

    Profile.objects.update_or_create(user=world.owner, defaults={"language": language})
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    StageChange.objects.create(deal=deal, stage="need_recognition", changed_on=timezone.localdate())
    StageChange.objects.create(deal=deal, stage="evaluation", changed_on=timezone.localdate())
    page = owner_client.get(
        reverse("account_chain", args=[world.cn.slug]) + f"?deal={deal.pk}"
    ).content.decode()
    steps = re.findall(r'<li class="stage (\w+)".*?<div class="step">(.*?)</div>', page, re.S)
    states = [state for state, _ in steps]
    assert states == ["done", "skipped", "current", "todo", "todo"]  # 需求识别 → 方案评估, 信息搜索 skipped
    assert passed in steps[0][1] and skipped in steps[1][1] and passed not in steps[1][1]
