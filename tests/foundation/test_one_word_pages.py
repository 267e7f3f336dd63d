"""What the catalogs' agreement (test_one_word.py) looks like to a Chinese-speaking user: the review history's
"By" column read 操作人 (the map's stage changes' word, the accounts catalog first in INSTALLED_APPS) instead of
评审人; the deal room's "remove" on a decision body read 删除 (the people catalog's delete of an influence link)
though it only takes the body out of the deal (移除); the bodies page said 从未会面 on one page and 从未见面 on
another; and the exports said 风险预警 and 行动项 where the web says 风险警示 and 待办事项."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.io.export import export_account
from battlemap.process import services as process
from battlemap.reviews.services import mark_reviewed
from tests import factories as f

pytestmark = pytest.mark.django_db


def _zh(client, url: str) -> str:
    client.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        return client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()


def test_the_review_history_names_the_reviewer(client, world):
    mark_reviewed(account=world.cn, by=world.owner)
    client.force_login(world.owner)
    page = _zh(client, reverse("account_reviews", args=[world.cn.slug]))
    assert "<th>评审人</th>" in page and "操作人" not in page


def test_the_deal_room_takes_a_body_out_of_the_deal_and_says_never_met_as_the_bodies_page(client, world):
    body = process.body_create(
        account=world.cn, name="党委会", kind="party_committee", members=[world.cn_boss]
    )
    process.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    client.force_login(world.owner)
    room = _zh(client, reverse("deal", args=[world.cn.slug, world.cn_deal.pk]))
    bodies = _zh(client, reverse("bodies", args=[world.cn.slug]))
    assert '<button type="submit">移除</button>' in room and '<button type="submit">删除</button>' not in room
    assert "从未见面" in room and "从未见面" in bodies
    assert "从未会面" not in room + bodies


def test_the_workbook_says_red_flags_and_action_items_as_the_web(world):
    f.action(deal=world.cn_deal, text="寄送试点报告")
    book = openpyxl.load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang="zh-hans")))
    assert "风险警示与待办事项" in book.sheetnames
    cells = " ".join(
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
    )
    assert "行动项" not in cells and "风险预警" not in cells
