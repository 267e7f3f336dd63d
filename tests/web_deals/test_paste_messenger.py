"""A WeChat / WeCom contact card pasted with its 微信号 line: the messaging account was taken for the person's
organisation (所属机构 “微信号：wubin_hd”), which the add then saved. It is listed as not kept, like a fax."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.io.paste import read_paste

CARDS = "赵磊\n华东能源集团有限公司 · 信息中心 · 主任\n手机：139 1234 5678\n\n吴斌\n信息中心 · 工程师\n微信号：wubin_hd\n"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        *(
            (line, "messenger")
            for line in (
                "微信号：wubin_hd",
                "微信: wubin_hd",
                "WeChat: wubin_hd",
                "QQ：12345678",
                "钉钉：wubin",
            )
        ),
        # a DingTalk card's employee number was the organisation too (test_paste_card_numbers)
        *(
            (line, "employee_no")
            for line in ("工号：00123", "工号 00123", "员工编号：A-0012", "Employee ID: E-2291")
        ),
    ],
)
def test_a_messaging_account_or_an_employee_number_is_no_organisation_and_is_listed_as_not_kept(line, kind):
    pasted = read_paste(f"吴斌\n信息中心 · 工程师\n{line}\n")
    (wu,) = pasted.people
    assert (wu.name, wu.title, wu.department, wu.organisation) == ("吴斌", "工程师", "信息中心", "")
    assert [(u.line, u.text, u.reason) for u in pasted.unread] == [(3, line, kind)]


def test_the_preview_shows_no_organisation_and_says_why_the_line_is_not_kept(zh_client, world):
    response = zh_client.post(
        reverse("people_paste", args=[world.cn.slug]), {"step": "preview", "text": CARDS}
    )
    html = response.content.decode()
    assert 'value="微信号：wubin_hd"' not in html  # not in the organisation box of 吴斌's row
    assert "微信号：wubin_hd" in html and "这是聊天账号（微信、QQ 等），不保存" in html
