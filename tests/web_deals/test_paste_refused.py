"""Paste-to-add's preview ticked rows the add then refused — a 5,000-character line read as an organisation, a
name over the model's 200 characters — and the add refused the whole paste. The preview now leaves such a row
unticked, saying what the add would say (the row and the field), and adds the others."""

from __future__ import annotations

import re

from django.urls import reverse

from battlemap.accounts.models import OrgUnit
from battlemap.people.models import Person
from tests import factories as f

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


UNIT_LIMIT = OrgUnit._meta.get_field("name").max_length
# a manager on the map (王建国), one who is no one (钱进), two people called 李军, a department over a unit's
# name; 周杰's manager is 陈明, whose row is refused: unticked, he is no longer in the paste
BESIDE_OTHERS = (
    "姓名\t部门\t上级\n刘芳\t信息中心\t王建国\n陈明\t信息中心\t钱进\n孙强\t信息中心\t李军\n"
    f"赵丽\t{'部' * (UNIT_LIMIT + 1)}\t刘芳\n周杰\t信息中心\t陈明\n"
)


def test_a_row_the_add_would_refuse_for_its_manager_or_its_department_is_not_ticked(owner_client, world):
    """The preview ticked rows whose manager named no one or two people, or whose department the add would make
    and refuse (a name over a unit's limit): the add then refused the whole paste. Such a row is not ticked, saying
    what the add would say, and the ticked rows are added, nothing else made."""
    f.person(account=world.cn, name="李军")
    f.person(account=world.cn, name="李军", title="工程师")
    page = _preview(owner_client, world.cn, BESIDE_OTHERS).content.decode()
    assert _ticked(page) == ["0"]  # 刘芳 alone
    assert "第 2 行，汇报给：" in page and "钱进" in page
    assert "第 3 行，汇报给：" in page and "李军" in page
    assert "第 4 行，部门：" in page and f"最多 {UNIT_LIMIT} 个字" in page
    assert "第 5 行，汇报给：" in page and "陈明" in page
    form = {"step": "add", "pick": ["0"], "name_0": "刘芳", "department_0": "信息中心", "manager_0": "王建国"}
    assert owner_client.post(reverse("people_paste", args=[world.cn.slug]), form).status_code == 302
    liu = Person.objects.get(account=world.cn, name="刘芳")
    assert (liu.reports_to, liu.org_unit.name) == (world.cn_boss, "信息中心")
    assert list(world.cn.org_units.values_list("name", flat=True)) == ["信息中心"]


# 陈明 and 周杰 each name the other as manager, 孙强 names himself; 刘芳 reports to 陈明
CIRCLE = "姓名\t上级\n刘芳\t王建国\n陈明\t周杰\n周杰\t陈明\n孙强\t孙强\n"


def test_a_reporting_circle_among_the_pasted_rows_is_not_ticked_and_says_why(owner_client, world):
    """Two pasted rows naming each other as manager were both ticked, and the add refused the whole paste with the
    model's cycle message. The row that closes the circle is unticked in the add's words, then the row whose
    manager's row is unticked; a row naming itself as manager too. The rest is added."""
    page = _preview(owner_client, world.cn, CIRCLE).content.decode()
    assert _ticked(page) == ["0"]  # 刘芳 alone
    assert "第 3 行，汇报给：这会形成循环汇报关系。" in page  # 周杰 → 陈明 closes the circle
    # 陈明's manager's row is unticked: named, not "no one called 周杰 is on the map or in this paste"
    assert "第 2 行，汇报给：周杰是这次粘贴的第 3 行，但该行未勾选：请一并勾选，或将上级留空。" in page
    assert "第 4 行，汇报给：人员不能向自己汇报。" in page
    form = {"step": "add", "pick": ["0"], "name_0": "刘芳", "manager_0": "王建国"}
    assert owner_client.post(reverse("people_paste", args=[world.cn.slug]), form).status_code == 302
    assert Person.objects.get(account=world.cn, name="刘芳").reports_to == world.cn_boss


def test_an_add_whose_managers_row_is_unticked_names_that_row(owner_client, world):
    """The seller unticks 孙丽 (row 2) and adds 周强, who reports to her: the refusal said no one called 孙丽 was on
    the map or in this paste, though she is row 2 of it."""
    form = {"step": "add", "pick": ["0"], "name_0": "周强", "manager_0": "孙丽", "name_1": "孙丽"}
    page = owner_client.post(reverse("people_paste", args=[world.cn.slug]), form).content.decode()
    assert "第 1 行，汇报给：孙丽是这次粘贴的第 2 行，但该行未勾选：请一并勾选，或将上级留空。" in page
    assert not Person.objects.filter(account=world.cn, name="周强").exists()


def test_a_line_read_as_the_organisation_on_its_place_alone_is_flagged_on_the_row(owner_client, world):
    """`Jane Doe⏎CTO⏎Contoso⏎+1 206…`: nothing says whether Contoso is where she works or another person; it is read as
    her organisation and the preview says so under the row, in the user's language, never silently."""
    page = _preview(owner_client, world.cn, "Jane Doe\nCTO\nContoso\n+1 206 555 0100").content.decode()
    assert "“Contoso”在此人的姓名和职位之下，被读作其所属机构" in page
    assert 'name="organisation_0" value="Contoso"' in page and "name_1" not in page
