"""Paste-to-add, a leaders page (领导信息) pasted into the web preview: its duty lines are each person's duties,
shown in the preview and saved as their portrait's Duties; its units are departments of the people added. Names
invented."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

from battlemap.people.models import Person

LEADERS_PAGE = (
    "张建国\n董事长\n主持集团全面工作。\n\n"
    "王芳\n副总经理、总会计师\n分管财务部、审计部\n协助总经理分管采购工作\n\n"
    "赵磊 | 采购部/采购经理 | 13912345678"
)
LEADERS_PAGE_EN = (
    "Jane Doe\nChairman and CEO\nResponsible for strategy, audit and investor relations\n\n"
    "John Smith\nCFO\nIn charge of finance and procurement"
)


@pytest.mark.django_db
def test_the_preview_shows_each_persons_duties_and_adding_saves_them(owner_client, world):
    url = reverse("people_paste", args=[world.en.slug])
    html = owner_client.post(url, {"step": "preview", "text": LEADERS_PAGE}).content.decode()
    assert "主持集团全面工作" in html and "not read" not in html and "未读取" not in html, html
    assert 'value="采购部"' in html and 'value="采购经理"' in html
    rows = _posted(html)
    assert [(r["name"], r["title"], r["duties"]) for r in rows] == [
        ("张建国", "董事长", "主持集团全面工作。"),
        ("王芳", "副总经理、总会计师", "分管财务部、审计部\n协助总经理分管采购工作"),
        ("赵磊", "采购经理", ""),
    ]
    fields = {"step": "add", "pick": ["0", "1", "2"]}
    fields |= {f"{k}_{i}": v for i, row in enumerate(rows) for k, v in row.items()}
    fields["duties_1"] = fields["duties_1"].replace("\n", "\r\n")  # as a browser sends a textarea
    assert owner_client.post(url, fields).status_code == 302
    people = {p.name: p for p in Person.objects.select_related("org_unit").filter(account=world.en)}
    assert people["张建国"].duties == "主持集团全面工作。"
    assert people["王芳"].duties == "分管财务部、审计部\n协助总经理分管采购工作"
    assert people["王芳"].title == "副总经理、总会计师"
    assert (people["赵磊"].title, people["赵磊"].org_unit.name, people["赵磊"].duties) == (
        "采购经理",
        "采购部",
        "",
    )
    assert people["张建国"].org_unit is None
    # the person's page shows them under Duties, as if typed there
    page = owner_client.get(reverse("person", args=[world.en.slug, people["王芳"].pk])).content.decode()
    assert "协助总经理分管采购工作" in page


@pytest.mark.django_db
def test_an_english_leaders_pages_responsibilities_are_the_duties_and_an_edit_in_the_preview_is_kept(
    owner_client, world
):
    url = reverse("people_paste", args=[world.en.slug])
    html = owner_client.post(
        url, {"step": "preview", "text": LEADERS_PAGE_EN}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert ">Duties<" in html
    rows = _posted(html)
    assert [(r["name"], r["duties"]) for r in rows] == [
        ("Jane Doe", "Responsible for strategy, audit and investor relations"),
        ("John Smith", "In charge of finance and procurement"),
    ]
    fields = {"step": "add", "pick": ["0", "1"]}
    fields |= {f"{k}_{i}": v for i, row in enumerate(rows) for k, v in row.items()}
    fields["duties_1"] = "In charge of finance"  # the seller shortens it before adding
    assert owner_client.post(url, fields, HTTP_ACCEPT_LANGUAGE="en").status_code == 302
    assert dict(Person.objects.filter(account=world.en).values_list("name", "duties")) == {
        "Jane Doe": "Responsible for strategy, audit and investor relations",
        "John Smith": "In charge of finance",
    }


@pytest.mark.django_db
def test_duties_with_no_person_are_still_listed_as_not_kept(owner_client, world):
    url = reverse("people_paste", args=[world.en.slug])
    html = owner_client.post(
        url, {"step": "preview", "text": "主持集团全面工作。\n\n赵磊 | 采购经理"}
    ).content
    assert re.search(
        r"(Line 1, “主持集团全面工作。”: not read — duties \(主持…, 分管…\): not kept; add them under Duties"
        r"|第 1 行“主持集团全面工作。”未读取.{0,10}分管工作：不保存，可在此人页面的“职责”中填写)",
        html.decode().replace("&#x27;", "'"),
    )


@pytest.mark.django_db
def test_a_party_committee_seat_before_the_post_is_the_persons_title_not_a_second_person(owner_client, world):
    # a leaders page lists a member of the 党委 as 党委委员、副总经理: once read as a person named 党委委员 titled 副总经理
    # beside 何晓燕 with no title (two cards on the org chart)
    url = reverse("people_paste", args=[world.en.slug])
    text = "何晓燕\n党委委员、副总经理\n分管财务部、采购部。\n\n周海\n党委常委、总会计师"
    rows = _posted(owner_client.post(url, {"step": "preview", "text": text}).content.decode())
    assert [(r["name"], r["title"], r["duties"]) for r in rows] == [
        ("何晓燕", "党委委员、副总经理", "分管财务部、采购部。"),
        ("周海", "党委常委、总会计师", ""),
    ]


def _preview(client, world, text: str, language: str) -> tuple[str, str]:
    """The paste page's address and its preview of `text`, in `language`."""
    url = reverse("people_paste", args=[world.en.slug])
    html = client.post(url, {"step": "preview", "text": text}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return url, html


def _posted(html: str) -> list[dict[str, str]]:
    """The preview's rows as its form holds them (each input's value and each textarea's text)."""
    rows: dict[int, dict[str, str]] = {}
    for field, index, value in re.findall(r'name="(\w+?)_(\d+)" value="([^"]*)"', html):
        rows.setdefault(int(index), {})[field] = htmllib.unescape(value)
    for field, index, text in re.findall(r'<textarea name="(\w+?)_(\d+)"[^>]*>([^<]*)</textarea>', html):
        rows.setdefault(int(index), {})[field] = htmllib.unescape(text)
    return [rows[i] for i in sorted(rows)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "From line 3, the same person again: Title “党委书记”, Phone “13912345678”."),
        ("zh-hans", "第 3 行再次列出此人，取其：职务“党委书记”、电话“13912345678”。"),
    ],
)
def test_a_person_pasted_again_gives_the_kept_row_what_it_adds_and_the_preview_says_so(
    owner_client, world, language, note
):
    text = "张伟 中国银行上海分行行长\n李娜 | 总经理\n张伟 | 党委书记 | 13912345678\n<script>x</script>王五 | 经理"
    _url, html = _preview(owner_client, world, text, language)
    rows = _posted(html)
    assert (rows[0]["name"], rows[0]["title"], rows[0]["organisation"], rows[0]["phone"]) == (
        "张伟",
        "行长 / 党委书记",
        "中国银行上海分行",
        "13912345678",
    )
    assert htmllib.unescape(html).count(note) == 1, html
    assert "<script>x" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"), [("en", "a heading, not a person"), ("zh-hans", "这是标题，不是人")]
)
def test_a_numbered_department_heading_is_the_department_of_the_people_under_it(
    owner_client, world, language, heading
):
    text = "一、公司领导\n钱思远 董事长\n\n三、采购部\n1. 王芳 部长\n2. 李强 | 副部长<script>\n\n二、董事会\n张建国 外部董事"
    url, html = _preview(owner_client, world, text, language)
    rows = _posted(html)
    assert [(r["name"], r["department"]) for r in rows] == [
        ("钱思远", ""),
        ("王芳", "采购部"),
        ("李强", "采购部"),
        ("张建国", ""),
    ]
    assert "副部长<script>" not in html and htmllib.unescape(html).count(heading) == 3
    fields = {"step": "add", "pick": ["1", "2"]}
    fields |= {f"{k}_{i}": v for i, row in enumerate(rows) for k, v in row.items()}
    assert owner_client.post(url, fields).status_code == 302
    added = Person.objects.select_related("org_unit").filter(account=world.en, name="李强")
    assert [(p.title, p.org_unit.name) for p in added] == [("副部长<script>", "采购部")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "A second value “华东能源集团” was found for this person and not used: check this row."),
        ("zh-hans", "此人还有另一个值“华东能源集团”，未采用：请核对这一行。"),
    ],
)
def test_an_organisation_split_from_a_title_beside_another_is_flagged_on_the_row(
    owner_client, world, language, note
):
    text = "张伟 | 中国银行 | 华东能源集团 党委书记\n李娜<script> | 总经理"
    _url, html = _preview(owner_client, world, text, language)
    rows = _posted(html)
    assert (rows[0]["name"], rows[0]["title"], rows[0]["organisation"]) == ("张伟", "党委书记", "中国银行")
    assert htmllib.unescape(html).count(note) == 1, html
    assert "<script>" not in html.split("<tbody", 1)[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "named"),
    [("en", "the leaders page of the customer"), ("zh-hans", "客户官网的领导信息页")],
)
def test_the_paste_page_says_a_leaders_page_can_be_pasted(owner_client, world, language, named):
    """A new user read only Excel, signatures and invites on the paste page, though a customer's leaders page
    (领导信息) is what a seller of a state-owned customer copies most: the page names it."""
    page = owner_client.get(reverse("people_paste", args=[world.en.slug]), HTTP_ACCEPT_LANGUAGE=language)
    assert named in page.content.decode()
