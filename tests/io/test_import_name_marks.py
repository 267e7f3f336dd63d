"""What a hand-kept list writes beside a name (a reviewer's sales-ops files): `王五（已离职）` marks someone who left, and
a manager cell `刘建华（主任）` names 刘建华 as a name cell does. Both had been kept whole: an active person named
`王五（已离职）`, whom the next file naming 王五 did not find; a manager "not found"."""

from __future__ import annotations

from django.utils import timezone, translation

from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes


def _import(account, rows, **kw):
    return people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="people.csv", **kw)


def _lines(result, lang):
    with translation.override(lang):
        return "\n".join(summary_lines(result))


def test_a_leaving_mark_after_the_name_imports_the_person_as_left_under_their_name(db):
    account = f.account(owner=f.user("c"), slug="hd6", name="华东能源")
    rows = [["姓名", "职务", "部门", "手机"],
            ["王五（已离职）", "工程师", "信息中心", "13800000005"],
            ["张三(退休)", "主管", "信息中心", "13800000006"],
            ["Anna Lee (left)", "Engineer", "信息中心", "13800000007"],
            ["赵六", "主任", "信息中心", "13800000008"]]  # fmt: skip
    today = timezone.localdate()
    result = _import(account, rows)
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert set(people) == {"王五", "张三", "Anna Lee", "赵六"}
    assert [(people[n].status, people[n].left_on) for n in ("王五", "张三", "Anna Lee")] == [
        ("left", today)
    ] * 3
    assert people["赵六"].status == "active"
    said = (
        f'row 2, Name: "已离职" after the name says the person left: imported as left the company on {today}'
    )
    assert said in _lines(result, "en")
    assert "第 2 行，姓名：姓名后的“已离职”表示此人已离开" in _lines(result, "zh-hans")
    # the next list names him plainly: the same person, not a second 王五
    again = _import(
        account, [["姓名", "职务", "部门", "手机"], ["王五", "工程师", "信息中心", "13800000005"]]
    )
    assert again.created == 0 and Person.objects.filter(account=account, name="王五").count() == 1


def test_a_manager_cell_with_the_post_in_brackets_names_the_person(db):
    account = f.account(owner=f.user("c"), slug="hd8", name="华东能源")
    rows = [["姓名", "职务", "部门", "上级"],
            ["刘建华", "主任", "信息中心", ""],
            ["王芳", "副主任", "信息中心", "刘建华（主任）"]]  # fmt: skip
    _import(account, rows)
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert people["王芳"].reports_to == people["刘建华"]
