"""Paste-to-add: the parser on realistic blocks (Chinese and English), then preview → add in one go."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.people.models import Person
from battlemap.people.paste import parse_people


def _found(text):
    return [(c.name, c.title, c.email) for c in parse_people(text)]


def test_it_reads_an_excel_range_with_a_chinese_header():
    text = "姓名\t职务\t邮箱\t手机\n王建国\t总经理\twangjg@guodian.cn\t13800138000\n李明\t信息中心主任\tliming@guodian.cn\t\n"
    assert _found(text) == [
        ("王建国", "总经理", "wangjg@guodian.cn"),
        ("李明", "信息中心主任", "liming@guodian.cn"),
    ]
    assert parse_people(text)[0].phone == "13800138000"


def test_it_reads_an_excel_range_without_header_columns_in_any_order():
    text = "Jane Doe\tCFO\tjane@northwind.com\nbob.smith@northwind.com\tIT Director\tBob Smith\n"
    assert _found(text) == [
        ("Jane Doe", "CFO", "jane@northwind.com"),
        ("Bob Smith", "IT Director", "bob.smith@northwind.com"),
    ]


def test_a_title_is_known_by_the_title_table_the_inference_reads():
    # the paste once kept its own list of title words, which knew no 总工, 校长 or Controller
    text = "email@x.cn\t总工\t刘强\nma@x.cn\t副校长\t马丽\nann@x.com\tFinancial Controller\tAnn Lee\n"
    assert _found(text) == [
        ("刘强", "总工", "email@x.cn"),
        ("马丽", "副校长", "ma@x.cn"),
        ("Ann Lee", "Financial Controller", "ann@x.com"),
    ]


def test_it_reads_a_meeting_invite():
    text = (
        '"Doe, Jane" <jane@northwind.com>; Bob Smith <bob@northwind.com>, "张伟" <zhangwei@guodian.cn>; '
        "carol@northwind.com"
    )
    assert _found(text) == [
        ("Jane Doe", "", "jane@northwind.com"),
        ("Bob Smith", "", "bob@northwind.com"),
        ("张伟", "", "zhangwei@guodian.cn"),
        ("carol", "", "carol@northwind.com"),
    ]


def test_it_reads_chinese_signatures_in_any_order():
    text = (
        "张伟\n采购部经理\n国电智慧能源集团有限公司\n手机：138 0013 8000\n邮箱：zhangwei@guodian.cn\n\n"
        "zhaoli@guodian.cn\n赵丽\n信息中心 副主任\n"
    )
    people = parse_people(text)
    assert _found(text) == [
        ("张伟", "采购部经理", "zhangwei@guodian.cn"),
        ("赵丽", "信息中心 副主任", "zhaoli@guodian.cn"),
    ]
    assert people[0].organisation == "国电智慧能源集团有限公司" and people[0].phone == "138 0013 8000"


def test_it_reads_english_signatures_and_one_line_signatures():
    text = (
        "Jane Doe\nChief Financial Officer\nNorthwind Logistics Ltd\njane@northwind.com\n+1 (415) 555-0100\n\n"
        "Tom Lee\nHead of Procurement\ntom.lee@northwind.com"
    )
    assert _found(text) == [
        ("Jane Doe", "Chief Financial Officer", "jane@northwind.com"),
        ("Tom Lee", "Head of Procurement", "tom.lee@northwind.com"),
    ]
    lines = "王建国 | 总经理 | wangjg@guodian.cn\n李明 | 信息中心主任 | liming@guodian.cn"
    assert _found(lines) == [
        ("王建国", "总经理", "wangjg@guodian.cn"),
        ("李明", "信息中心主任", "liming@guodian.cn"),
    ]


def test_it_drops_duplicates_and_finds_nothing_in_prose():
    assert len(parse_people("a@x.com; a@x.com")) == 1
    assert parse_people("") == []


@pytest.mark.django_db
def test_preview_marks_people_already_on_the_map_and_adds_the_ticked_ones(owner_client, world):
    url = reverse("people_paste", args=[world.cn.slug])
    preview = owner_client.post(url, {"step": "preview", "text": "王建国\t总经理\n赵丽\t采购部经理\n"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert 'value="赵丽"' in html and 'value="王建国"' in html
    assert html.count('class="known"') == 1  # 王建国 is already on the map, so not ticked
    added = owner_client.post(url, {"step": "add", "pick": ["1"], "name_1": "赵丽", "title_1": "采购部经理"})
    assert added.status_code == 302
    assert Person.objects.filter(account=world.cn, name="王建国").count() == 1
    assert Person.objects.get(account=world.cn, name="赵丽").title == "采购部经理"


@pytest.mark.django_db
def test_a_bad_row_adds_nobody_and_names_the_row(owner_client, world):
    url = reverse("people_paste", args=[world.cn.slug])
    response = owner_client.post(
        url,
        {"step": "add", "pick": ["0", "1"], "name_0": "赵丽", "name_1": "钱进", "email_1": "not-an-email"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert re.search(r"(Row 2, email|第 2 行，)", html)
    assert not Person.objects.filter(account=world.cn, name__in=["赵丽", "钱进"]).exists()


def test_full_width_and_padded_pastes_are_cleaned_and_match_people_on_the_map(owner_client, world):
    text = "王　建国\t总经理\tWANGJG＠guodian.cn\t１３８００１３８０００\n"
    (found,) = parse_people(text)
    assert (found.name, found.email, found.phone) == ("王建国", "wangjg@guodian.cn", "13800138000")
    url = reverse("people_paste", args=[world.cn.slug])
    html = owner_client.post(url, {"step": "preview", "text": "王  建国\t总经理\n"}).content.decode()
    assert html.count('class="known"') == 1  # the cleaned name is 王建国, already on the map


@pytest.mark.parametrize(
    "name", ["Vincent Lee", "Quincy Adams", "Harold Finch", "Abraham Lincoln", "Prince Ali", "Bruno Corpuz"]
)
def test_a_name_holding_inc_or_corp_is_a_name_not_an_organisation(name):
    (found,) = parse_people(f"{name}\nChief Financial Officer\nx@delta.example")
    assert (found.name, found.organisation) == (name, "")


def test_legal_forms_are_organisations_as_whole_words():
    text = "Ann Lee\nCFO\nAcme Holdings Inc.\nann@acme.example\n\nBo Li\nGroup CFO\nNorthwind Group\nbo@nw.example"
    assert [(c.name, c.title, c.organisation) for c in parse_people(text)] == [
        ("Ann Lee", "CFO", "Acme Holdings Inc."),
        ("Bo Li", "Group CFO", "Northwind Group"),
    ]


def test_two_signatures_without_a_blank_line_are_two_people():
    text = "Grace Hendricks\nVP Sales\ngrace@pp.example\nHarold Finch\nCIO\nharold@pp.example"
    assert _found(text) == [
        ("Grace Hendricks", "VP Sales", "grace@pp.example"),
        ("Harold Finch", "CIO", "harold@pp.example"),
    ]


@pytest.mark.django_db
def test_a_second_title_for_one_person_is_flagged_in_the_preview(owner_client, world):
    # a lower-case name is no name line to the parser: the second title must not vanish unseen
    text = "Grace Hendricks\nVP Sales\ngrace@pp.example\nharold finch\nCIO\nharold@pp.example"
    (grace, _harold) = parse_people(text)
    assert grace.title == "VP Sales" and grace.doubts == [("title", "CIO")]
    html = owner_client.post(reverse("people_paste", args=[world.en.slug]), {"step": "preview", "text": text})
    assert re.search(r"(A second title “CIO”|另一个职务“CIO”)", html.content.decode())


@pytest.mark.django_db
def test_a_department_column_is_the_org_unit_not_the_organisation(owner_client, world):
    from battlemap.accounts.services import org_unit_create

    info = org_unit_create(account=world.cn, name="信息中心")
    text = "姓名\t部门\t单位\t职务\n冯雷\t信息中心\t国电\t副主任\n陈晨\t采购部\t国电\t采购员\n"
    found = parse_people(text)
    assert [(c.name, c.department, c.organisation) for c in found] == [
        ("冯雷", "信息中心", "国电"),
        ("陈晨", "采购部", "国电"),
    ]
    url = reverse("people_paste", args=[world.cn.slug])
    rows = {
        "step": "add",
        "pick": ["0", "1"],
        "name_0": "冯雷",
        "department_0": "信息中心",
        "organisation_0": "国电",
    }
    rows.update({"name_1": "陈晨", "department_1": "采购部"})
    assert owner_client.post(url, rows).status_code == 302
    feng, chen = (
        Person.objects.get(account=world.cn, name="冯雷"),
        Person.objects.get(account=world.cn, name="陈晨"),
    )
    assert feng.org_unit == info and feng.organisation == "国电"
    assert chen.org_unit.name == "采购部" and chen.organisation == ""
    assert world.cn.org_units.filter(name="信息中心").count() == 1
