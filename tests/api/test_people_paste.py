"""Paste-to-add over the API (`POST /api/accounts/{slug}/people/paste`): the web page's reader, preview and
write (people.services.people_bulk_create), a dry run first; the one gate, the web form's limits, errors naming
the field, in the asked language."""

from __future__ import annotations

import pytest

from battlemap.people.forms import PASTE_MAX_CELLS, PASTE_MAX_CHARS
from battlemap.people.models import Person

pytestmark = pytest.mark.django_db

URL = "/api/accounts/guodian/people/paste"
EN = {"Accept-Language": "en"}
# a leaders page: names, posts, a duty line of its own, and 王建国 who is on the map already
LEADERS = (
    "姓名\t职务\t部门\t邮箱\t手机\n"
    "王建国\t总经理\t\twangjg@guodian.cn\t\n"
    "赵丽\t副主任\t信息中心\tzhaoli@guodian.cn\t138 0013 8000\n"
    "孙强\t采购经理\t采购部\tsunq@guodian.cn\t\n"
    "主持集团全面工作，分管财务部、审计部\n"
)


def _fields(errors: list[dict]) -> list[str]:
    return [e["field"] for e in errors]


def test_a_dry_run_previews_each_row_and_what_was_not_read_and_stores_nothing(world, owner_api):
    before = Person.objects.count()
    response = owner_api.post(URL, {"text": LEADERS}, headers=EN)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["dry_run"] is True and data["added"] == []
    assert Person.objects.count() == before
    people = {p["name"]: p for p in data["people"]}
    assert [p["row"] for p in data["people"]] == [1, 2, 3]
    zhao = people["赵丽"]
    assert (zhao["title"], zhao["department"], zhao["email"], zhao["phone"]) == (
        "副主任",
        "信息中心",
        "zhaoli@guodian.cn",
        "138 0013 8000",
    )
    # 王建国 is on the map: named with his id, and not to be added; the others are
    assert people["王建国"]["on_map"] == [{"id": world.cn_boss.pk, "name": "王建国"}]
    assert [p["add"] for p in data["people"]] == [False, True, True]
    assert people["赵丽"]["on_map"] == []
    # the duty line under 孙强 is his duties, as the web preview shows them
    assert people["孙强"]["duties"] == "主持集团全面工作，分管财务部、审计部"
    assert people["赵丽"]["duties"] == "" and data["unread"] == []


def test_applying_adds_the_new_rows_through_the_web_s_write_with_their_departments(world, owner_api):
    response = owner_api.post(URL, {"text": LEADERS, "dry_run": False})
    assert response.status_code == 200, response.content
    added = response.json()["added"]
    assert sorted(p["name"] for p in added) == ["孙强", "赵丽"]
    zhao = world.cn.people.get(name="赵丽")
    assert zhao.org_unit.name == "信息中心" and zhao.email == "zhaoli@guodian.cn"
    assert world.cn.people.get(name="孙强").duties == "主持集团全面工作，分管财务部、审计部"
    assert world.cn.people.filter(name="王建国").count() == 1  # not added twice
    assert {p["id"] for p in added} == set(
        world.cn.people.filter(name__in=["赵丽", "孙强"]).values_list("pk", flat=True)
    )
    again = owner_api.post(URL, {"text": LEADERS, "dry_run": False})  # a script run twice adds no one twice
    assert again.status_code == 200 and again.json()["added"] == []
    assert world.cn.people.count() == 4


def test_rows_names_the_preview_rows_to_add(world, owner_api):
    response = owner_api.post(URL, {"text": LEADERS, "dry_run": False, "rows": [3]})
    assert response.status_code == 200, response.content
    assert [p["name"] for p in response.json()["added"]] == ["孙强"]
    assert [p["add"] for p in response.json()["people"]] == [False, False, True]
    assert not world.cn.people.filter(name="赵丽").exists()
    response = owner_api.post(URL, {"text": LEADERS, "dry_run": False, "rows": [2, 9]})
    assert response.status_code == 422 and _fields(response.json()["errors"]) == ["rows"]
    assert "9" in response.json()["errors"][0]["message"]
    assert not world.cn.people.filter(name="赵丽").exists()


def test_a_bad_row_stops_all_naming_the_row(world, owner_api):
    long_title = "经理" * 101  # 202 characters: over a title's 200
    text = f"赵丽\t副主任\tzhaoli@guodian.cn\n孙强\t{long_title}\tsunq@guodian.cn\n"
    before = world.cn.people.count()
    response = owner_api.post(URL, {"text": text, "dry_run": False, "rows": [1, 2]}, headers=EN)
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "rows" and error["message"].startswith("Row 2")
    assert world.cn.people.count() == before  # 赵丽 neither: all or nothing
    zh = owner_api.post(
        URL, {"text": text, "dry_run": False, "rows": [1, 2]}, headers={"Accept-Language": "zh-hans"}
    )
    assert zh.json()["errors"][0]["message"].startswith("第 2 行")


def test_the_preview_does_not_mark_to_add_a_row_the_add_would_refuse(world, owner_api):
    """A title over the model's 200 characters was marked `add`: a script adding the marked rows had the whole
    paste refused. The row says why and is not marked; the others are added."""
    text = f"赵丽\t副主任\tzhaoli@guodian.cn\n孙强\t{'经理' * 101}\tsunq@guodian.cn\n"
    rows = owner_api.post(URL, {"text": text}, headers=EN).json()["people"]
    assert [r["add"] for r in rows] == [True, False]
    assert rows[0]["refused"] == [] and rows[1]["refused"][0].startswith("Row 2, title:")
    added = owner_api.post(URL, {"text": text, "dry_run": False}).json()["added"]
    assert [p["name"] for p in added] == ["赵丽"]


def test_a_member_list_then_a_leaders_page_keeps_each_persons_duties_organisation_and_post(world, owner_api):
    """The same person in a member list and on a leaders page below it is one row, with the leaders page's duties,
    organisation and second post (`taken`: from which line), added; a branch bank and the post after it are the organisation and the title."""
    text = (
        "赵丽 | 副主任 | 138 0013 8000\n孙强 | 采购经理 | 138 0013 8001\n\n"
        "赵丽\n中国银行上海分行 党委书记、行长\n主持分行全面工作。\n\n"
        "孙强\n招商银行深圳南山支行副行长\n分管公司业务部、风险管理部\n"
    )
    preview = owner_api.post(URL, {"text": text}, headers=EN).json()
    rows = [(p["name"], p["organisation"], p["title"], p["duties"], p["lines"]) for p in preview["people"]]
    assert rows == [
        ("赵丽", "中国银行上海分行", "副主任 / 党委书记、行长", "主持分行全面工作。", [1, 6]),
        ("孙强", "招商银行深圳南山支行", "采购经理 / 副行长", "分管公司业务部、风险管理部", [2, 10]),
    ]
    assert [(u["line"], u["last"], u["kind"]) for u in preview["unread"]] == [
        (4, 5, "duplicate"),
        (8, 9, "duplicate"),
    ]
    added = owner_api.post(URL, {"text": text, "dry_run": False}).json()["added"]
    assert sorted(p["name"] for p in added) == ["孙强", "赵丽"]
    assert world.cn.people.get(name="赵丽").duties == "主持分行全面工作。"
    # a leaders page of a branch bank: the branch is the organisation and 行长 the title, and adding keeps them
    leaders = "周敏\n中国银行上海分行 党委书记、行长\n\n李华\n招商银行深圳南山支行副行长\n分管风险管理部\n"
    added = owner_api.post(URL, {"text": leaders, "dry_run": False}).json()["added"]
    assert sorted(p["name"] for p in added) == ["周敏", "李华"]
    stored = {
        p.name: (p.organisation, p.title, p.duties) for p in world.cn.people.filter(name__in=["周敏", "李华"])
    }
    assert stored == {
        "周敏": ("中国银行上海分行", "党委书记、行长", ""),
        "李华": ("招商银行深圳南山支行", "副行长", "分管风险管理部"),
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n  "}, "text"),
        ({"text": 12}, "text"),
        ({"text": "赵丽\t副主任", "dry_run": "maybe"}, "dry_run"),
        ({"text": "赵丽\t副主任", "rows": "1"}, "rows"),
        ({"text": "赵丽\t副主任", "rows": [0]}, "rows.0"),
        ({"text": "赵丽\t副主任", "dryrun": False}, "dryrun"),
        ({"text": "x" * (PASTE_MAX_CHARS + 1)}, "text"),
        ({"text": "甲\t" * PASTE_MAX_CELLS + "乙"}, "text"),  # one cell more than the web form reads
        ({"text": "Best regards,\n此致"}, "text"),  # no person in it
    ],
)
def test_bad_input_is_a_422_naming_the_field(world, owner_api, body, field):
    before = Person.objects.count()
    response = owner_api.post(URL, {"dry_run": False, **body})
    assert response.status_code == 422, response.content
    assert field in _fields(response.json()["errors"])
    assert Person.objects.count() == before


def test_errors_and_reasons_are_in_the_asked_language(world, owner_api):
    zh = {"Accept-Language": "zh-hans"}
    response = owner_api.post(URL, {"text": "Best regards,\n此致"}, headers=zh)
    assert response.json()["errors"] == [{"field": "text", "message": "在这段文字中没有找到姓名或邮箱。"}]
    # duty lines beside no person are not kept, and say why in Chinese
    response = owner_api.post(URL, {"text": "主持集团全面工作\n\n" + LEADERS}, headers=zh)
    [duties] = [u for u in response.json()["unread"] if u["kind"] == "duties"]
    assert "Duties" not in duties["reason"] and "职责" in duties["reason"]
    too_many = owner_api.post(URL, {"text": "甲\t" * PASTE_MAX_CELLS + "乙"}, headers=zh)
    assert "单元格" in too_many.json()["errors"][0]["message"]
    not_there = owner_api.post(URL, {"text": LEADERS, "dry_run": False, "rows": [3, 7]}, headers=zh)
    assert not_there.json()["errors"][0]["message"].startswith("第 7 行不在预览中")


def test_a_column_not_read_names_the_columns_read_duties_among_them(world, owner_api):
    text = "姓名\t职务\t分管工作\t备注\n吴刚\t副行长\t分管零售业务\t老朋友\n"
    for language, duties in (("en", "duties)"), ("zh-hans", "职责）")):
        data = owner_api.post(URL, {"text": text}, headers={"Accept-Language": language}).json()
        assert data["people"][0]["duties"] == "分管零售业务"
        [column] = data["unread"]
        assert (column["text"], column["kind"]) == ("老朋友", "column")
        assert column["reason"].endswith(duties), column["reason"]


def test_a_leaders_page_s_heading_is_listed_as_a_heading_and_added_as_no_one(world, owner_api):
    text = "领导班子\n\n钱思远\n董事长\n\n周敏\n总经理\n"
    for language, reason in (("en", "a heading, not a person"), ("zh-hans", "这是标题，不是人")):
        data = owner_api.post(URL, {"text": text}, headers={"Accept-Language": language}).json()
        assert [p["name"] for p in data["people"]] == ["钱思远", "周敏"]
        assert [(u["line"], u["text"], u["kind"], u["reason"]) for u in data["unread"]] == [
            (1, "领导班子", "heading", reason)
        ]
    added = owner_api.post(URL, {"text": text, "dry_run": False}).json()["added"]
    assert sorted(p["name"] for p in added) == ["周敏", "钱思远"]
    assert not world.cn.people.filter(name="领导班子").exists()


def test_a_body_over_the_api_s_limit_is_a_413_read_no_further(world, owner_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = owner_api.post(URL, {"text": "王建国\n" * 300_000})
    assert response.status_code == 413 and _fields(response.json()["errors"]) == ["body"]


def test_the_gate_viewer_outsider_anonymous_read_only_token(
    world, owner_api, manager_api, outsider_api, anon_api
):
    from battlemap.users.services import token_create

    before = Person.objects.count()
    # carol manages the team of guodian; northwind is alice's alone, which carol may only read
    viewer = manager_api.post("/api/accounts/northwind/people/paste", {"text": LEADERS})
    assert viewer.status_code == 403
    assert outsider_api.post(URL, {"text": LEADERS, "dry_run": False}).status_code == 404
    assert anon_api.post(URL, {"text": LEADERS, "dry_run": False}).status_code == 401
    reader = token_create(user=world.owner, name="bi", read_only=True).secret
    response = owner_api.client.post(
        URL,
        {"text": LEADERS, "dry_run": False},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {reader}",
    )
    assert response.status_code == 403
    assert Person.objects.count() == before


def test_the_route_is_in_the_openapi_schema_and_the_docs_page(world, owner_client):
    schema = owner_client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/accounts/{slug}/people/paste"]["post"]
    assert "Paste to add" in operation["summary"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/PasteIn")
    paste_in = schema["components"]["schemas"]["PasteIn"]
    assert paste_in["properties"]["text"]["maxLength"] == PASTE_MAX_CHARS
    assert paste_in["properties"]["dry_run"]["default"] is True
    assert owner_client.get("/api/docs").status_code == 200


def test_a_linkedin_location_is_listed_as_a_place_and_added_as_no_one(world, owner_api):
    text = (
        "John Smith · 2nd\nVP Procurement\nSeattle, Washington, United States\n\n王芳\n采购总监\n上海 中国\n"
    )
    for language, reason in (("en", "a place, not a person"), ("zh-hans", "这是地点，不是人")):
        data = owner_api.post(URL, {"text": text}, headers={"Accept-Language": language}).json()
        assert [p["name"] for p in data["people"]] == ["John Smith", "王芳"]
        assert [(u["line"], u["text"], u["kind"], u["reason"]) for u in data["unread"]] == [
            (3, "Seattle, Washington, United States", "place", reason),
            (7, "上海 中国", "place", reason),
        ]
    added = owner_api.post(URL, {"text": text, "dry_run": False}).json()["added"]
    assert sorted(p["name"] for p in added) == ["John Smith", "王芳"]


def test_the_preview_does_not_mark_a_row_refused_for_its_manager_or_department(world, owner_api):
    """A manager who is no one, or two people, and a department the add would make and refuse (over a unit's name
    limit) were marked `add`: a script adding the marked rows had the whole paste refused. Such a row says why in
    the add's own words and is not marked; the others are added."""
    from battlemap.accounts.models import OrgUnit
    from tests import factories as f

    f.person(account=world.cn, name="李军")
    f.person(account=world.cn, name="李军")
    too_long = "部" * (OrgUnit._meta.get_field("name").max_length + 1)
    text = f"姓名\t部门\t上级\n刘芳\t\t王建国\n陈明\t\t钱进\n孙强\t\t李军\n赵丽\t{too_long}\t刘芳\n"
    rows = owner_api.post(URL, {"text": text}, headers=EN).json()["people"]
    assert [r["add"] for r in rows] == [True, False, False, False]
    assert [r["refused"][0].split(":")[0] if r["refused"] else "" for r in rows] == [
        "",
        "Row 2, reports to",
        "Row 3, reports to",
        "Row 4, department",
    ]
    assert (
        "no one called 钱进" in rows[1]["refused"][0]
        and "several people are called 李军" in rows[2]["refused"][0]
    )
    added = owner_api.post(URL, {"text": text, "dry_run": False}).json()["added"]
    assert [p["name"] for p in added] == ["刘芳"] and not world.cn.org_units.exists()


def test_the_preview_does_not_mark_rows_that_would_close_a_reporting_circle(world, owner_api):
    """A reports to B and B to A among the pasted rows were both marked `add`, and the add refused the whole paste
    with the model's cycle message. The row closing the circle is not marked, in the add's own words; the add of the
    marked rows goes through."""
    text = "Name\tReports to\nJane Roe\tJohn Smith\nJohn Smith\tJane Roe\nMei Wong\t\n"
    rows = owner_api.post(URL, {"text": text}, headers=EN).json()["people"]
    assert [r["add"] for r in rows] == [False, False, True]
    assert rows[1]["refused"] == ["Row 2, reports to: This would make a reporting cycle."]
    assert rows[0][
        "refused"
    ] == [  # John Smith's row is unticked: it is named, not "no one called John Smith"
        "Row 1, reports to: John Smith is row 2 of this paste, which is not ticked: tick it too, or leave the "
        "manager empty."
    ]
    added = owner_api.post(URL, {"text": text, "dry_run": False}).json()["added"]
    assert [p["name"] for p in added] == ["Mei Wong"]
