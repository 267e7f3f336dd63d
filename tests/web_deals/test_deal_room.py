"""The deal room: flags that react to the map, coverage grid, health, help for roles, history, XSS."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db
XSS = "<img src=x onerror=alert(1)>"


def _room(client, world):
    return client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()


def test_it_shows_flags_that_change_when_a_champion_is_named(owner_client, world):
    assert 'data-code="no_champion"' in _room(owner_client, world)
    li = Person.objects.get(name="李明")
    owner_client.post(
        reverse("deal_role_new", args=[world.cn.slug, world.cn_deal.pk]),
        {
            "person": li.pk,
            "roles": ["champion"],
            "attitude": "supporter",
            "influence": 3,
            "relationship": 2,
            "version": 0,
        },
    )
    assert 'data-code="no_champion"' not in _room(owner_client, world)


def test_it_flags_an_unmet_decision_maker_until_we_meet_them(owner_client, world):
    assert 'data-code="decision_maker_not_met"' in _room(owner_client, world)
    f.interaction(account=world.cn, people=[world.cn_boss], kind="visit")
    assert 'data-code="decision_maker_not_met"' not in _room(owner_client, world)


def test_the_coverage_grid_marks_each_role_a_person_holds(owner_client, world):
    html = _room(owner_client, world)
    html = html[html.index('class="grid coverage') :]
    row = html[html.index("王建国</a>") :]
    row = row[: row.index("</tr>")]
    assert row.count('class="cell held') == 1  # decision maker only
    assert 'data-role="决策者"' in row  # a phone's card names the role held


def test_the_coverage_grid_says_each_persons_department_beside_the_title(owner_client, world):
    """A seller's trial: four people read "主任" on the phone's coverage cards, nothing telling them apart."""
    boss = world.cn_boss
    boss.org_unit = f.org_unit(account=world.cn, name="总经理办公室")
    boss.save()
    html = _room(owner_client, world)
    row = html[html.index('class="grid coverage') :]
    row = row[row.index("王建国</a>") :]
    assert f'<small class="muted name">{boss.title} · 总经理办公室</small>' in row[: row.index("</tr>")]


def test_the_role_form_explains_each_role_and_attitude(owner_client, world):
    html = owner_client.get(
        reverse("deal_role", args=[world.cn.slug, world.cn_deal.pk, world.cn_boss.pk])
    ).content.decode()
    assert html.count('class="choice') >= 13  # 7 roles + 6 attitudes, each with its help
    assert "ROI" in html or "投资回报" in html  # what a decision maker cares about


def test_the_history_panel_shows_who_changed_what(owner_client, world):
    owner_client.post(
        reverse("deal_stage", args=[world.cn.slug, world.cn_deal.pk]),
        {"stage": "purchase_decision", "version": world.cn_deal.version},
    )
    html = _room(owner_client, world)
    history = html[html.index('id="history-title"') :]
    assert "alice" in history
    assert 'class="old">' in history and 'class="new">' in history


def test_a_person_page_shows_field_diffs(owner_client, world):
    li = Person.objects.get(name="李明")
    owner_client.post(
        reverse("person", args=[world.cn.slug, li.pk]),
        {"name": "李明", "title": "CIO", "status": "active", "version": li.version},
    )
    html = owner_client.get(reverse("person", args=[world.cn.slug, li.pk])).content.decode()
    history = html[html.index('id="history-title"') :]
    assert "信息中心主任</td>" in history and "CIO</td>" in history


def test_names_with_markup_are_text_everywhere(owner_client, world):
    evil = f.person(account=world.cn, name=XSS, title=XSS)
    f.role(deal=world.cn_deal, person=evil, roles=["champion"], attitude="opponent", influence=5)
    f.action(
        deal=world.cn_deal, text=XSS, person=evil, owner=world.owner, due=world.cn_deal.created_at.date()
    )
    pages = [
        reverse("deal", args=[world.cn.slug, world.cn_deal.pk]),
        reverse("person", args=[world.cn.slug, evil.pk]),
        reverse("people", args=[world.cn.slug]),
        reverse("home"),
        reverse("deal_role", args=[world.cn.slug, world.cn_deal.pk, evil.pk]),
        reverse("interaction_new", args=[world.cn.slug]),
    ]
    for url in pages:
        html = owner_client.get(url).content.decode()
        assert XSS not in html, url
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, url


def test_outsider_gets_404_on_every_page(client, world):
    client.force_login(world.outsider)
    for url in [
        reverse("deal", args=[world.cn.slug, world.cn_deal.pk]),
        reverse("person", args=[world.cn.slug, world.cn_boss.pk]),
        reverse("people", args=[world.cn.slug]),
        reverse("deal_role", args=[world.cn.slug, world.cn_deal.pk, world.cn_boss.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_a_deal_of_one_account_is_not_reachable_through_another(owner_client, world):
    assert owner_client.get(reverse("deal", args=[world.en.slug, world.cn_deal.pk])).status_code == 404
