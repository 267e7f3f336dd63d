"""Paste-to-add's preview ticked rows the add then refused — a 5,000-character line read as an organisation, a
name over the model's 200 characters — and the add refused the whole paste. The preview now leaves such a row
unticked, saying what the add would say (the row and the field), and adds the others."""

from __future__ import annotations

import re

from django.urls import reverse

from battlemap.people.models import Person

LIMIT = Person._meta.get_field("organisation").max_length


def _preview(client, account, text):
    return client.post(reverse("people_paste", args=[account.slug]), {"step": "preview", "text": text})


def _ticked(page: str) -> list[str]:
    return re.findall(r'name="pick" value="(\d+)" checked', page)


def test_a_row_over_a_fields_limit_is_not_ticked_and_says_which_field(owner_client, world):
    text = "赵丽 副主任 zhaoli@guodian.cn\n\n张伟 总经理 zhangwei@guodian.cn\n" + "A" * (LIMIT * 25) + "\n"
    page = _preview(owner_client, world.cn, text).content.decode()
    assert _ticked(page) == ["0"]  # 赵丽; not 张伟, whose organisation is the 5,000-character line
    assert "第 2 行，所属机构：" in page and "5000" in page  # the row and the field, as the add says it
    response = owner_client.post(
        reverse("people_paste", args=[world.cn.slug]),
        {"step": "add", "pick": ["0"], "name_0": "赵丽", "title_0": "副主任", "email_0": "zhaoli@guodian.cn"},
    )
    assert response.status_code in (200, 302) and world.cn.people.filter(name="赵丽").exists()


def test_a_name_over_the_limit_is_not_ticked(owner_client, world):
    owner_client.cookies.load({"django_language": "en"})
    text = "Jane Roe, " + "Vice President of " * 20 + "\n"  # a line of 369 characters read as a name
    page = _preview(owner_client, world.en, text).content.decode()
    assert _ticked(page) == []
    assert "Not ticked: adding this row would be refused." in page and "Row 1, name:" in page
