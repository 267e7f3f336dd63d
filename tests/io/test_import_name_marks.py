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
            ["王芳", "副主任", "信息中心", "刘建华（主任）"],
            ["王五（已离职）", "经理", "信息中心", ""],
            ["钱七", "专员", "信息中心", "王五（已离职）"]]  # fmt: skip
    _import(account, rows)
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert people["王芳"].reports_to == people["刘建华"]
    # the reviewer's regression: the manager cell wrote the name as the name cell did, mark and all
    assert people["钱七"].reports_to == people["王五"] and people["王五"].status == "left"


def test_numbered_phone_and_email_columns_of_outlook_and_chinese_crms_are_read(db):
    """A reviewer's Outlook contacts (English and Chinese) and a 纷享销客-style export: `Other Phone`, `Business Phone
    2`, `E-mail 2 Address`, 手机1/手机2/邮件1 were listed as not used, and people lost every phone and e-mail."""
    account = f.account(owner=f.user("c"), slug="acme", name="Acme Corporation")
    outlook = [["First Name", "Last Name", "Company", "Job Title", "Business Phone", "Business Phone 2",
                "Primary Phone", "Other Phone", "E-mail Address", "E-mail 2 Address", "Notes"],
               ["Anna", "Lee", "Acme Corporation", "CTO", "", "", "", "+1 555 0100", "", "anna.lee@acme.example",
                "Met at expo"],
               ["Bob", "Stone", "Acme Corporation", "CFO", "", "+1 555 0101", "", "", "", "", ""]]  # fmt: skip
    _import(account, outlook)
    crm = [["姓名", "职务", "手机1", "手机2", "电话1", "邮件1", "附注"],
           ["钱进", "总监", "13900139100", "13900139101", "", "qian.jin@acme.example", "老客户"]]  # fmt: skip
    _import(account, crm)
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert (people["Anna Lee"].phone, people["Anna Lee"].email) == ("+1 555 0100", "anna.lee@acme.example")
    assert people["Bob Stone"].phone == "+1 555 0101"
    assert people["钱进"].phone == "13900139100 / 13900139101"
    assert (people["钱进"].email, people["钱进"].notes) == ("qian.jin@acme.example", "老客户")
