"""The deal as MEDDPICC and as a Blue Sheet: a page every viewer of the account can open, nobody else."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from battlemap.deals.models import Deal, StakeholderRole
from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("deal_qualification", args=[world.cn.slug, world.cn_deal.pk])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_owner_sees_every_element_and_the_buying_influences(owner_client, world):
    Deal.objects.filter(pk=world.cn_deal.pk).update(metrics="停机减少 30%", paper_process="总经理办公会审议")
    StakeholderRole.objects.filter(person=world.cn_boss).update(response_mode="growth")
    html = owner_client.get(_url(world)).content.decode()
    for label in ("量化指标", "经济决策者", "决策标准", "决策流程", "签约流程", "痛点", "内部支持者", "竞争"):
        assert label in html
    assert "停机减少 30%" in html and "总经理办公会审议" in html
    assert 'data-element="metrics"' in html and "q-confirmed" in html
    assert f'data-person="{world.cn_boss.pk}"' in html and "成长" in html and "经济型购买影响者" in html
    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert _url(world) in room  # the deal room links to it with the score


def test_teammate_and_manager_may_view_the_outsider_gets_404_and_anonymous_logs_in(world):
    assert _client(world.teammate).get(_url(world)).status_code == 200
    manager = _client(world.manager).get(_url(world))
    assert manager.status_code == 200 and "edit" not in manager.content.decode().split("bluesheet-title")[1]
    assert _client(world.outsider).get(_url(world)).status_code == 404
    anonymous = Client().get(_url(world))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_names_and_texts_render_as_text(owner_client, world):
    Person.objects.filter(pk=world.cn_boss.pk).update(name="<script>alert(1)</script>")
    Deal.objects.filter(pk=world.cn_deal.pk).update(metrics="<img src=x onerror=alert(1)>")
    html = owner_client.get(_url(world)).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html


def test_metrics_and_paper_process_are_edited_with_the_deal_and_response_mode_with_the_role(
    owner_client, world
):
    deal = world.cn_deal
    edit = reverse("deal_edit", args=[world.cn.slug, deal.pk])
    form = {"name": deal.name, "currency": "CNY", "version": deal.version}
    form |= {"metrics": "在线率 95%", "paper_process": "法务审核后签约"}
    assert owner_client.post(edit, form).status_code == 302
    deal.refresh_from_db()
    assert (deal.metrics, deal.paper_process) == ("在线率 95%", "法务审核后签约")
    role = deal.roles.get(person=world.cn_boss)
    url = reverse("deal_role", args=[world.cn.slug, deal.pk, world.cn_boss.pk])
    body = {"person": world.cn_boss.pk, "roles": ["decision_maker"], "attitude": "supporter", "influence": 5}
    body |= {"relationship": 2, "version": role.version, "response_mode": "overconfident"}
    assert owner_client.post(url, body).status_code == 302
    assert deal.roles.get(person=world.cn_boss).response_mode == "overconfident"
    refused = owner_client.post(url, body | {"response_mode": "sleepy", "version": role.version + 1})
    assert refused.status_code == 422 and "response_mode" in refused.content.decode()


def test_the_api_gives_the_qualification_with_the_deal_analysis(owner_client, world):
    (data,) = owner_client.get(f"/api/deals/{world.cn_deal.pk}/analysis").json()["deals"]
    assert [e["code"] for e in data["qualification"]["elements"]][:2] == ["metrics", "economic_buyer"]
    assert 0 <= data["qualification"]["score"] <= 100
    assert data["blue_sheet"][0]["kind"] == "economic"


@pytest.mark.parametrize(
    ("lang", "champion", "coach", "blue_sheet_coach"),
    [("zh-hans", "推荐者", "教练", "蓝表教练"), ("en", "champion", "coach", "Blue Sheet coach")],
)
def test_a_champion_on_the_blue_sheet_is_not_read_as_holding_the_coach_role(
    owner_client, world, lang, champion, coach, blue_sheet_coach
):
    """Blue Sheet's "Coach" was labelled 教练 / coach, the word of our buying role `coach`: a seller read
    "教练: 李明" and thought the champion 李明 held the coach role. The row now shows his buying roles
    (vocab's labels) beside a Blue Sheet part named apart from them."""
    li = Person.objects.get(account=world.cn, name="李明")
    StakeholderRole.objects.create(deal=world.cn_deal, person=li, roles=["champion"], attitude="supporter")
    html = owner_client.get(_url(world), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    row = html[html.index(f'data-person="{li.pk}"') :]
    row = row[: row.index("</tr>")]
    kind = row[row.index('class="card-inline blue-sheet-kind"') :]
    kind = kind[kind.index(">") + 1 : kind.index("</td>")]
    assert kind == blue_sheet_coach
    assert f">{champion}</span>" in row and f">{coach}<" not in row
