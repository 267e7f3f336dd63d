"""A group's subsidiaries each have a 财务资产部: the web names each with as many of its parent units as tell it
apart (`accounts.selectors.unit_labels`) — in the person form's list of departments (nine identical
"财务资产部" to choose from, and the form's own refusal of a typed 财务资产部 said "choose one in the list"), the
people list and the deal room's coverage grid. A name no other unit bears stays as it is."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.accounts.selectors import unit_labels
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance(world):
    """Two 财务资产部, of two companies of one group; one 信息中心 alone."""
    group = f.org_unit(account=world.cn, name="华东能投集团")
    trading = f.org_unit(account=world.cn, name="华东能投贸易有限公司", parent=group)
    gas = f.org_unit(account=world.cn, name="华东能投燃气有限公司", parent=group)
    return {
        "trading": f.org_unit(account=world.cn, name="财务资产部", parent=trading),
        "gas": f.org_unit(account=world.cn, name="财务资产部", parent=gas),
        "it": f.org_unit(account=world.cn, name="信息中心", parent=group),
    }


def _options(html: str) -> list[str]:
    select = re.search(r'<select name="org_unit".*?</select>', html, re.S).group(0)
    return [label for label in re.findall(r"<option[^>]*>([^<]*)</option>", select) if label.strip("-")]


def test_the_person_form_tells_two_departments_of_one_name_apart(owner_client, world, finance):
    html = owner_client.get(reverse("person_new", args=[world.cn.slug])).content.decode()
    shown = _options(html)
    assert "华东能投贸易有限公司 › 财务资产部" in shown and "华东能投燃气有限公司 › 财务资产部" in shown
    assert "财务资产部" not in shown  # never the bare name twice
    assert "信息中心" in shown and "华东能投集团" in shown  # a name of its own stays as it is


def test_the_people_list_and_the_coverage_grid_say_which_company(owner_client, world, finance):
    person = f.person(account=world.cn, name="程立轩", title="经理", org_unit=finance["gas"])
    f.role(deal=world.cn_deal, person=person, roles=("purchaser",))
    people = owner_client.get(reverse("people", args=[world.cn.slug])).content.decode()
    assert "华东能投燃气有限公司 › 财务资产部" in people
    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert "经理 · 华东能投燃气有限公司 › 财务资产部" in room


def test_parents_are_added_only_until_the_units_differ(world):
    a = f.org_unit(account=world.cn, name="A公司")
    b = f.org_unit(account=world.cn, name="B公司")
    a_ops = f.org_unit(
        account=world.cn, name="运维部", parent=f.org_unit(account=world.cn, name="信息中心", parent=a)
    )
    b_ops = f.org_unit(
        account=world.cn, name="运维部", parent=f.org_unit(account=world.cn, name="信息中心", parent=b)
    )
    top_ops = f.org_unit(account=world.cn, name="运维部")
    labels = unit_labels(account=world.cn)
    assert labels[a_ops.pk] == "A公司 › 信息中心 › 运维部"
    assert labels[b_ops.pk] == "B公司 › 信息中心 › 运维部"
    assert labels[top_ops.pk] == "运维部"


def test_the_person_form_lists_departments_of_one_name_together_by_company(owner_client, world):
    """Nine subsidiaries each with a 财务资产部: the nine stay together where 财务资产部 sorts, in the pinyin order of
    their companies — 安徽… before 北仑… before 浙能… — not in the order they were created."""
    companies = ["浙能电力", "温州发电", "安徽能源", "北仑发电", "长兴发电"]
    for company in companies:
        f.org_unit(account=world.cn, name="财务资产部", parent=f.org_unit(account=world.cn, name=company))
    shown = _options(owner_client.get(reverse("person_new", args=[world.cn.slug])).content.decode())
    finance = [label for label in shown if label.endswith("› 财务资产部")]
    assert finance == [
        f"{c} › 财务资产部" for c in ["安徽能源", "北仑发电", "长兴发电", "温州发电", "浙能电力"]
    ]
    at = shown.index(finance[0])
    assert shown[at : at + len(finance)] == finance  # together, where 财务资产部 sorts
