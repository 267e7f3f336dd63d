"""A courtesy word after a Chinese name (先生, 女士, 小姐) or before an English one (Dr., Mr.) is no part of the name, on
every road a name comes by (a new user's trial: the file import dropped it, but the person form, paste and the
meeting form stored 张伟先生 beside 张伟 — a second person, meetings and roles split between the two)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.io.matching import clean_name, match_name
from battlemap.io.paste import read_paste
from battlemap.people.models import Person
from tests.api.conftest import _client_for
from tests.web_deals.test_capture import _capture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("王建国先生", "王建国"),
        ("王建国 先生", "王建国"),
        ("李娜女士", "李娜"),
        ("王芳小姐", "王芳"),
        ("欧阳建华先生", "欧阳建华"),
        ("Dr. John Smith", "John Smith"),
        ("Mr John Smith", "John Smith"),
        ("张先生", "张先生"),  # a surname alone: all the seller knows, kept as written
        ("先生", "先生"),
        ("Mrs", "Mrs"),
        ("欧阳先生", "欧阳先生"),  # a compound surname alone (a fresh reviewer)
        ("司马女士", "司马女士"),
        ("欧阳建华 先生", "欧阳建华"),
        ("Miss Li", "Miss Li"),  # a surname alone
        ("Prof Zhang", "Prof Zhang"),
        ("Prof. Zhang Wei", "Zhang Wei"),
    ],
)
def test_the_name_stored_and_matched_leaves_the_courtesy_word_out(typed, stored):
    assert clean_name(typed) == stored
    assert match_name(typed) == match_name(stored)


def test_the_person_api_refuses_mr_wang_beside_wang(world):
    owner_api = _client_for(world.owner)
    response = owner_api.post(
        f"/api/accounts/{world.cn.slug}/people", {"name": "王建国先生", "title": "总经理"}
    )
    assert response.status_code == 422 and "王建国" in response.json()["errors"][0]["message"]
    assert Person.objects.filter(account=world.cn, name__startswith="王建国").count() == 1


def test_paste_finds_her_on_the_map(world, owner_client):
    pasted = read_paste("李明女士\t信息中心主任\n赵磊先生\t采购经理")
    assert [p.name for p in pasted.people] == ["李明", "赵磊"]
    page = owner_client.post(
        reverse("people_paste", args=[world.cn.slug]),
        {"text": "李明女士\t信息中心主任"},
        headers={"Accept-Language": "en"},
    ).content.decode()
    row = page.split('<tbody><tr class="known">')[1].split("</tr>")[0]  # the pasted line, marked known
    assert "already on the map" in row and 'value="李明"' in row and "李明女士" not in row


def test_the_meeting_form_refuses_mr_wang_as_someone_new(world, owner_client):
    url = reverse("interaction_new", args=[world.cn.slug]) + f"?deal={world.cn_deal.pk}"
    data = _capture(world, kind="meeting", summary="交流", next_step="", make_action="", new_influence="3")
    response = owner_client.post(url, {**data, "new_name": "王建国先生"})
    assert response.status_code == 422
    assert Person.objects.filter(account=world.cn, name__startswith="王建国").count() == 1


def test_a_company_keeps_its_dr_and_mr():
    """Competitors are companies: "Dr. Oetker" and "Mr Price" are their names (the courtesy rule is for people)."""
    from battlemap.io.matching import names_by_key

    assert clean_name("Dr. Oetker", person=False) == "Dr. Oetker"
    assert match_name("Mr Price", person=False) != match_name("Price", person=False)
    assert list(names_by_key(["Dr. Oetker", "Oetker", "dr. oetker"]).values()) == ["Dr. Oetker", "Oetker"]


def test_a_competitor_note_keeps_the_name(world):
    from battlemap.competition.services import competitor_note_set

    note = competitor_note_set(deal=world.cn_deal, name="Dr. Oetker", version=0, strengths="brand")
    assert note.name == "Dr. Oetker"
    again = competitor_note_set(
        deal=world.cn_deal, name="dr. oetker", version=note.version, strengths="price"
    )
    assert again.pk == note.pk


def test_paste_reads_a_name_with_its_courtesy_word_or_its_title_after_a_space():
    """A fresh reviewer: `猪八戒 女士` on its own line became the line above's organisation (no notice);
    `张伟 总经理 zw@a.cn` gave a person with no name and the title "张伟 总经理"; `李芳 lifang@x.cn` lost 李芳."""
    cases = {
        "孙悟空\t经理\n猪八戒 女士": [("孙悟空", "经理", ""), ("猪八戒", "", "")],
        "张伟 总经理 zw@a.cn": [("张伟", "总经理", "zw@a.cn")],
        "李芳 lifang@x.cn": [("李芳", "", "lifang@x.cn")],
        "邮箱：li@x.cn": [("", "", "li@x.cn")],
    }
    for text, people in cases.items():
        pasted = read_paste(text)
        assert [(p.name, p.title, p.email) for p in pasted.people] == people, text
        assert all(p.organisation == "" for p in pasted.people), text


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("张伟 (Zhang Wei)", "张伟"),
        ("李娜（Li Na）", "李娜"),
        ("欧阳娜娜 (Nana Ouyang)", "欧阳娜娜"),
        ("张伟先生 (Zhang Wei)", "张伟"),
        ("张伟（Wei Zhang）", "张伟"),
        ("欧阳娜娜 (Nana Ouyang)", "欧阳娜娜"),
        ("张伟（信息中心）", "张伟（信息中心）"),  # a department, not a romanisation: as written
        ("Zhang Wei (张伟)", "Zhang Wei (张伟)"),
        # Latin words that are not the name's pinyin tell people apart (a fresh reviewer: all became 张伟)
        ("张伟 (IT)", "张伟 (IT)"),
        ("张伟 (David)", "张伟 (David)"),
        ("刘洋 (Sales)", "刘洋 (Sales)"),
        ("张伟 (Do not contact)", "张伟 (Do not contact)"),
        ("张伟 (Zhang Wei Acme)", "张伟 (Zhang Wei Acme)"),
    ],
)
def test_a_romanisation_in_brackets_is_no_part_of_a_chinese_name(written, stored):
    """A mail trial: `张伟 (Zhang Wei)`, as Outlook shows a colleague, was kept whole and not matched to 张伟."""
    assert clean_name(written) == stored
    assert match_name(written) == match_name(stored)
    assert (match_name(written) == match_name("张伟")) == (stored == "张伟")
