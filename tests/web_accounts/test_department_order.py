"""The department dropdown lists departments in the order the people pickers list people: by pinyin
(core.text.in_name_order), not by code point (trial 23: 信息中心, 党委, 医务处…)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.core.text import in_name_order
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_person_form_lists_departments_in_pinyin_order(owner_client, world):
    for name in ("信息中心", "党委", "医务处", "Admin", "财务处"):
        f.org_unit(account=world.cn, name=name)
    html = owner_client.get(reverse("person_new", args=[world.cn.slug])).content.decode()
    select = re.search(r'<select name="org_unit".*?</select>', html, re.S).group(0)
    shown = [label for label in re.findall(r"<option[^>]*>([^<]*)</option>", select) if label.strip("-")]
    assert shown == ["Admin", "财务处", "党委", "信息中心", "医务处"]


def test_in_name_order_is_the_people_lists_order():
    names = ["张伟", "安娜", "李明", "Bob", "王芳"]
    assert in_name_order(names, name=str) == ["安娜", "Bob", "李明", "王芳", "张伟"]
