"""Pages of a big account stay usable (a 30,000-person import): the people list comes in pages with its
search and status filter kept in the links, and the meeting form lists only the chosen people and
searches the account for the others (the thresholds are lowered here instead of making thousands of
people; bench/bigpages.py measures the real sizes)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from battlemap.deals.models import StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.people import forms as people_forms
from battlemap.people import views as people_views
from tests import factories as f

pytestmark = pytest.mark.django_db


def _table(page: str, table: str = "people-table") -> str:
    return page.split(f'id="{table}"')[1].split("</table>")[0]


@pytest.fixture
def four(world, client):
    """The Chinese account with four people, by pinyin: 陈四, 李明, 王建国, 张三 (张三 has left); pages in English."""
    client.cookies["django_language"] = "en"
    f.person(account=world.cn, name="陈四", title="工程师")
    f.person(account=world.cn, name="张三", title="专员", status="left")
    return world


def test_page_two_of_people_shows_the_next_people(owner_client, four, monkeypatch):
    monkeypatch.setattr(people_views, "PEOPLE_PAGE", 2)
    url = reverse("people", args=[four.cn.slug])
    first = owner_client.get(url).content.decode()
    assert "陈四" in _table(first) and "王建国</a>" not in _table(first)
    assert "1–2 of 4 people" in first and "Page 1 of 2" in first
    second = owner_client.get(url, {"page": 2}).content.decode()
    assert "王建国</a>" in _table(second) and "张三" in _table(second) and "陈四" not in _table(second)
    assert "3–4 of 4 people" in second


def test_search_and_status_are_kept_across_pages(owner_client, four, monkeypatch):
    monkeypatch.setattr(people_views, "PEOPLE_PAGE", 1)
    url = reverse("people", args=[four.cn.slug])
    found = owner_client.get(url, {"q": "wang"}).content.decode()  # pinyin finds 王建国
    assert "王建国" in _table(found) and "李明" not in _table(found) and "1–1 of 1 person" in found
    active = owner_client.get(url, {"status": "active"}).content.decode()
    assert "of 3 people" in active and "?status=active&amp;page=2" in active
    assert "张三" not in _table(owner_client.get(url, {"status": "active", "page": 3}).content.decode())
    nobody = owner_client.get(url, {"q": "nobody-here"}).content.decode()
    assert "Nobody matches." in nobody


def test_a_big_account_adds_links_on_their_own_page(owner_client, four, monkeypatch):
    monkeypatch.setattr(people_views, "LINK_FORM_LIMIT", 3)
    page = owner_client.get(reverse("people", args=[four.cn.slug])).content.decode()
    assert reverse("link_new", args=[four.cn.slug]) in page and 'name="source"' not in page


def test_the_people_list_is_for_the_account_team_only(client, four):
    url = reverse("people", args=[four.cn.slug])
    assert client.get(url).status_code == 302
    client.force_login(four.outsider)
    assert client.get(url, {"page": 2}).status_code == 404


def test_a_big_meeting_form_lists_the_chosen_and_searches_the_rest(owner_client, four, monkeypatch):
    monkeypatch.setattr(people_forms, "PICKER_LIMIT", 1)
    li = four.cn.people.get(name="李明")
    url = reverse("interaction_new", args=[four.cn.slug])
    page = owner_client.get(url, {"deal": four.cn_deal.pk}).content.decode()
    assert "This account has 3 active people" in page  # 张三 has left
    chosen = page.split('id="participants-chosen"')[1].split("</tbody>")[0]
    assert "王建国" in chosen and "李明" not in chosen  # the deal's stakeholder, not everyone
    search = reverse("interaction_people", args=[four.cn.slug])
    found = owner_client.get(search, {"q": "liming", "deal": four.cn_deal.pk}).content.decode()
    assert f'value="{li.pk}"' in found and f'name="attitude_{li.pk}"' in found and "陈四" not in found
    assert "Nobody of this account matches." in owner_client.get(search, {"q": "zzz"}).content.decode()
    data = {
        "occurred_at": "2026-11-25",
        "occurred_time": "15:00",
        "kind": "visit",
        "deal": four.cn_deal.pk,
        "people": [li.pk],
        f"attitude_{li.pk}": "advocate",
        "our_people": [four.owner.pk],
        "summary": "大客户会议",
    }
    assert owner_client.post(url, data).status_code == 302
    meeting = Interaction.objects.get(summary="大客户会议")
    assert list(meeting.participants.values_list("person__name", flat=True)) == ["李明"]
    assert StakeholderRole.objects.get(deal=four.cn_deal, person=li).attitude == "advocate"


def test_a_big_meeting_form_names_the_field_of_bad_input(owner_client, four, monkeypatch):
    monkeypatch.setattr(people_forms, "PICKER_LIMIT", 1)
    url = reverse("interaction_new", args=[four.cn.slug])
    other = four.en.people.get()
    data = {"occurred_at": "2026-11-25", "occurred_time": "15:00", "kind": "visit", "people": [other.pk]}
    response = owner_client.post(url, data)
    assert response.status_code == 422 and 'id="field-people"' in response.content.decode()
    assert not Interaction.objects.exists()


def test_the_people_search_is_for_the_account_team_only(client, four):
    url = reverse("interaction_people", args=[four.cn.slug])
    assert client.get(url, {"q": "li"}).status_code == 302
    client.force_login(four.outsider)
    assert client.get(url, {"q": "li"}).status_code == 404


def test_a_found_name_renders_as_text(owner_client, four):
    f.person(account=four.cn, name="<script>alert(1)</script>")
    found = owner_client.get(reverse("interaction_people", args=[four.cn.slug]), {"q": "script"})
    assert "<script>alert" not in found.content.decode() and "&lt;script&gt;" in found.content.decode()


def test_the_account_page_lists_its_key_people_and_says_how_many_are_not(owner_client, four, monkeypatch):
    from battlemap.accounts import views as account_views

    monkeypatch.setattr(account_views, "ORG_ROWS", 2)
    page = owner_client.get(
        reverse("account", args=[four.cn.slug]), {"deal": four.cn_deal.pk}
    ).content.decode()
    table = _table(page, "org-table")
    assert table.count("data-person=") == 2 and "王建国" in table  # the deal's stakeholder is kept
    note = page.split('id="people-hidden"')[1].split("</p>")[0]
    assert "2 more people are not listed here" in note and reverse("people", args=[four.cn.slug]) in note


def test_the_circle_draws_its_key_people_and_says_how_many_are_not(owner_client, four, monkeypatch):
    from battlemap.accounts import views as account_views

    monkeypatch.setattr(account_views, "CIRCLE_PEOPLE", 1)
    page = owner_client.get(reverse("account_circle", args=[four.cn.slug]), {"deal": four.cn_deal.pk})
    page = page.content.decode()
    assert "3 more people are not drawn" in page.split('id="circle-hidden"')[1].split("</p>")[0]
    rings = _table(page, "circle-table")
    assert "王建国" in rings and "李明" not in rings and "陈四" not in rings and "more" in rings


def test_the_chart_of_a_big_account_holds_the_top_and_the_deal_and_says_how_many_are_not(
    owner_client, four, monkeypatch
):
    from battlemap.accounts import map_selectors
    from battlemap.accounts import views as account_views

    monkeypatch.setattr(map_selectors, "GRAPH_PEOPLE", 2)
    monkeypatch.setattr(account_views, "GRAPH_PEOPLE", 2)
    chen = four.cn.people.get(name="陈四")
    f.role(deal=four.cn_deal, person=chen, roles=["user"], attitude="neutral", influence=2)
    args = {"deal": four.cn_deal.pk}
    graph = owner_client.get(reverse("account_graph", args=[four.cn.slug]), args).json()
    names = {n["data"]["name"] for n in graph["nodes"] if n["data"].get("pid")}
    assert names == {"王建国", "陈四"} and graph["hidden"] == 2  # the deal's two stakeholders
    cards = {n["data"]["id"] for n in graph["nodes"]}
    assert all(e["data"]["source"] in cards and e["data"]["target"] in cards for e in graph["edges"])
    page = owner_client.get(reverse("account", args=[four.cn.slug]), args).content.decode()
    assert "2 more people are not in it" in page.split('id="chart-hidden"')[1].split("</p>")[0]


def test_the_chart_keeps_the_top_levels_of_the_tree_first():
    from battlemap.accounts.map_selectors import chart_people

    tree = [(1, None), (2, 1), (3, 1), (4, 2), (5, 4), (6, 3)]
    assert chart_people(tree, set(), 3) == {1, 2, 3}
    assert chart_people(tree, {5}, 4) == {5, 4, 2, 1}  # a stakeholder deep down comes with their managers
    assert chart_people(tree, set(), 10) == {1, 2, 3, 4, 5, 6}


def test_a_person_on_the_people_list_shows_department_and_roles_in_open_deals(owner_client, four):
    """The card of a person on a phone shows the same cells: department, and per open deal the role badges
    and the attitude (a closed deal's part is history, not shown); a page costs the same queries however
    many people have parts."""
    wang = four.cn.people.get(name="王建国")
    wang.org_unit = f.org_unit(account=four.cn, name="总经理办公室")
    wang.save()
    StakeholderRole.objects.filter(deal=four.cn_deal, person=wang).update(attitude="supporter")
    closed = f.deal(account=four.cn, name="旧项目", status="lost")
    f.role(deal=closed, person=wang, roles=["coach"])
    url = reverse("people", args=[four.cn.slug])
    owner_client.get(url)  # the session's first request
    with CaptureQueriesContext(connection) as one:
        page = owner_client.get(url).content.decode()
    row = _table(page).split(">王建国</a>")[1].split("</tr>")[0]
    assert "总经理办公室" in row and ">decision maker<" in row and "att-supporter" in row
    assert "物联网平台" in row  # which deal, for the reader (title, screen readers)
    assert ">coach<" not in row and "旧项目" not in row
    for person in four.cn.people.exclude(pk=wang.pk):
        f.role(deal=four.cn_deal, person=person, roles=["user"])
    owner_client.get(url)
    with CaptureQueriesContext(connection) as many:
        owner_client.get(url)
    assert len(many) == len(one)
