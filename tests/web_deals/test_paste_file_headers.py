"""Paste-to-add, a member list copied with its header row (企业微信's 通讯录 export opened in Excel): a column a people
file is imported by is read by the paste too — 个人邮箱 / 企业邮箱 the e-mail, 手机号码 the phone, 所属部门 the
department, 直属上级 the manager (io.tabular.headers) — never listed as a column the paste does not read. Names
invented."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

WECOM = (
    "姓名\t账号\t职务\t所属部门\t性别\t手机号码\t个人邮箱\t企业邮箱\t状态\n"
    "周海涛\tzhouhaitao\t信息中心主任\t信息中心\t男\t13800001111\t\tzhouht@jnsw.example.cn\t已激活\n"
    "吴敏\twumin\t信息中心副主任\t信息中心\t女\t13800002222\twumin@mail.example.com\t\t已激活"
)


@pytest.mark.django_db
def test_a_member_lists_mailbox_phone_and_department_columns_are_read(owner_client, world):
    url = reverse("people_paste", args=[world.en.slug])
    html = owner_client.post(
        url, {"step": "preview", "text": WECOM}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    values = {
        (int(i), f): htmllib.unescape(v)
        for f, i, v in re.findall(r'name="(\w+?)_(\d+)" value="([^"]*)"', html)
    }
    rows = [
        (values[i, "name"], values[i, "email"], values[i, "phone"], values[i, "department"]) for i in (0, 1)
    ]
    assert rows == [
        ("周海涛", "zhouht@jnsw.example.cn", "13800001111", "信息中心"),
        ("吴敏", "wumin@mail.example.com", "13800002222", "信息中心"),
    ]
    text = htmllib.unescape(html)
    assert "example" not in "".join(re.findall(r"Line \d+, “[^”]*”: not read", text))
    # the columns no field of a person stays listed as not read
    assert "Line 2, “zhouhaitao”: not read" in text and "Line 3, “已激活”: not read" in text
