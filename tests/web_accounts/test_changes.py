"""The "What changed" page and its API: every list of maps.changes_since since a day, old → new."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.core.dates import end_of_day
from battlemap.deals.models import ActionItem, Deal, StageChange, StakeholderRole
from battlemap.interactions.models import Interaction, Participant
from battlemap.people.models import Person
from battlemap.users.services import token_create
from tests import factories as f

MAP_MODELS = (Account, Person, Deal, StageChange, StakeholderRole, ActionItem, Interaction, Participant)


def _backdate(days: int) -> None:
    """Pretend everything recorded so far was recorded `days` earlier."""
    for model in MAP_MODELS:
        model.history.update(history_date=F("history_date") - timedelta(days=days))


def _api_patch(user, path: str, body: dict):
    api = Client()
    secret = token_create(user=user, name="test").secret
    return api.patch(
        path,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


@pytest.fixture
def attitude_changed_yesterday(world):
    """The map as it stood three days ago; yesterday the owner turned the boss from neutral to supporter
    through the API (its history row dated yesterday)."""
    _backdate(3)
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    response = _api_patch(
        world.owner, f"/api/roles/{role.pk}", {"attitude": "supporter", "version": role.version}
    )
    assert response.status_code == 200, response.content
    newest = StakeholderRole.history.filter(id=role.pk).order_by("-history_id").first()
    StakeholderRole.history.filter(pk=newest.pk).update(history_date=timezone.now() - timedelta(days=1))
    return role


def _since(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def test_the_changes_page_lists_an_attitude_change_made_yesterday_with_old_and_new(
    client, world, attitude_changed_yesterday
):
    client.force_login(world.owner)
    client.post("/language/", {"language": "en", "next": "/"})
    response = client.get(reverse("account_changes", args=[world.cn.slug]), {"since": _since(2)})
    rows = response.context["changes"]["role_changes"]
    assert [(r["name"], r["field"], r["before"], r["after"]) for r in rows] == [
        ("王建国", "attitude", "neutral", "supporter")
    ]
    body = response.content.decode()
    assert '<span class="att att-neutral">neutral</span> →' in body
    assert '<span class="att att-supporter">supporter</span>' in body
    # after the change, nothing changed: since the end of its day shows no role change
    response = client.get(reverse("account_changes", args=[world.cn.slug]), {"since": _since(1)})
    assert response.context["changes"]["role_changes"] == []


def test_the_changes_page_speaks_chinese(client, world, attitude_changed_yesterday):
    client.force_login(world.owner)
    client.post("/language/", {"language": "zh-hans", "next": "/"})
    body = client.get(reverse("account_changes", args=[world.cn.slug]), {"since": _since(2)}).content.decode()
    assert '<span class="att att-neutral">中立</span> →' in body  # the vocabulary's labels
    assert '<span class="att att-supporter">支持</span>' in body


def _api_get(user, path: str):
    return Client().get(path, headers={"Authorization": f"Bearer {token_create(user=user, name='t').secret}"})


def test_the_api_gives_the_same_changes(world, attitude_changed_yesterday):
    api = Client()
    secret = token_create(user=world.owner, name="t").secret
    data = api.get(
        f"/api/accounts/{world.cn.slug}/what-changed?since={_since(2)}&lang=en",
        headers={"Authorization": f"Bearer {secret}"},
    ).json()
    assert [(r["before_label"], r["after_label"]) for r in data["role_changes"]] == [("neutral", "supporter")]
    deal = api.get(
        f"/api/deals/{world.cn_deal.pk}/what-changed?since={_since(2)}",
        headers={"Authorization": f"Bearer {secret}"},
    ).json()
    assert [r["after"] for r in deal["role_changes"]] == ["supporter"]


def test_stage_moves_flags_health_contacts_and_actions_show(owner_client, world):
    _backdate(3)
    li = world.cn.people.get(name="李明")
    f.role(deal=world.cn_deal, person=li, roles=["champion"], attitude="supporter", influence=4)
    StageChange.objects.create(deal=world.cn_deal, stage="purchase_decision", changed_on=timezone.localdate())
    Deal.objects.filter(pk=world.cn_deal.pk).update(stage="purchase_decision")
    world.cn_deal.refresh_from_db()
    world.cn_deal.save()  # a history row with the new stage
    f.interaction(account=world.cn, people=[world.cn_boss], deal=world.cn_deal, summary="技术交流会")
    f.action(
        deal=world.cn_deal,
        person=world.cn_boss,
        owner=world.owner,
        text="送 ROI 报告",
        due=timezone.localdate() - timedelta(days=2),
    )
    url = reverse("deal_changes", args=[world.cn.slug, world.cn_deal.pk])
    response = owner_client.get(url, {"since": _since(2)})
    changes = response.context["changes"]
    counts = re.findall(r'<h3 id="c-(\w+)">[^<]*<span class="count">(\d+)</span>', response.content.decode())
    assert dict(counts)["actions"] == "1" and dict(counts)["contacts"] == "1"
    assert [(m["before"], m["after"]) for m in changes["stage_moves"]] == [
        ("evaluation", "purchase_decision")
    ]
    assert ("李明", "roles", None, ["champion"]) in [
        (r["name"], r["field"], r["before"], r["after"]) for r in changes["role_changes"]
    ]
    assert "no_champion" in {flag["code"] for flag in changes["resolved_flags"]}
    assert [h["before"] != h["after"] for h in changes["health"]] == [True]
    assert [i["summary"] for i in changes["interactions"]] == ["技术交流会"]
    assert [a["text"] for a in changes["actions_overdue"]] == ["送 ROI 报告"]


def test_a_deal_opened_in_the_window_shows_its_people_joining_with_their_attitude(owner_client, world):
    _backdate(3)
    deal = f.deal(account=world.cn, name="二期扩容")
    f.role(deal=deal, person=world.cn.people.get(name="李明"), roles=["champion"], attitude="supporter")
    f.role(deal=deal, person=world.cn_boss, roles=["decision_maker"], attitude="unknown")
    owner_client.post("/language/", {"language": "en", "next": "/"})
    for url in (
        reverse("account_changes", args=[world.cn.slug]),
        reverse("deal_changes", args=[world.cn.slug, deal.pk]),
    ):
        response = owner_client.get(url, {"since": _since(2)})
        rows = [
            (r["name"], r["field"], r["before"], r["after"])
            for r in response.context["changes"]["role_changes"]
            if r["deal"] == deal.pk
        ]
        # an unknown attitude is no news: the boss shows with his role only
        assert rows == [
            ("李明", "roles", None, ["champion"]),
            ("李明", "attitude", None, "supporter"),
            ("王建国", "roles", None, ["decision_maker"]),
        ]
        roles = response.content.decode().split('id="role-changes"')[1].split("</ul>")[0]
        # the page: one line for the people who joined, with their roles (trial 23: a line per person and field)
        text = " ".join(re.sub(r"<[^>]+>", " ", roles).split())
        assert "2 people joined the deal" in text and "李明 (champion), 王建国 (decision maker)" in text


def test_teammate_and_manager_see_the_changes_outsider_gets_404(client, world):
    for user, status in ((world.teammate, 200), (world.manager, 200), (world.outsider, 404)):
        client.force_login(user)
        assert client.get(reverse("account_changes", args=[world.cn.slug])).status_code == status
        url = reverse("deal_changes", args=[world.cn.slug, world.cn_deal.pk])
        assert client.get(url).status_code == status


def test_anonymous_goes_to_login_from_the_deal_changes(client, world):
    response = client.get(reverse("deal_changes", args=[world.cn.slug, world.cn_deal.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_deal_of_another_account_is_404(owner_client, world):
    other = f.deal(account=world.en)
    assert owner_client.get(reverse("deal_changes", args=[world.cn.slug, other.pk])).status_code == 404


def test_a_bad_day_says_so_and_shows_the_last_week(owner_client, world):
    owner_client.post("/language/", {"language": "en", "next": "/"})
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for text in ("last tuesday", "2026-02-30", tomorrow):
        response = owner_client.get(reverse("account_changes", args=[world.cn.slug]), {"since": text})
        assert response.status_code == 200
        alert = response.content.decode().split('role="alert">')[1].split("</p>")[0]
        said = "2026-02 has 28 days" if text == "2026-02-30" else "up to today"  # as the forms say it
        assert text in alert and said in alert and "last 7 days" in alert
        assert response.context["since"] == timezone.localdate() - timedelta(days=7)


def test_the_what_changed_api_refuses_a_day_to_come_naming_since(world):
    secret = token_create(user=world.owner, name="t").secret
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for path in (
        f"/api/accounts/{world.cn.slug}/what-changed",
        f"/api/deals/{world.cn_deal.pk}/what-changed",
    ):
        for day in ("2099-01-01", tomorrow):
            response = Client().get(path, {"since": day}, headers={"Authorization": f"Bearer {secret}"})
            assert response.status_code == 422, (path, day)
            assert "since" in json.dumps(response.json()) and day in json.dumps(response.json())
        yesterday = _since(1)  # the latest day that has ended (today: test_changes_since_today)
        ok = Client().get(path, {"since": yesterday}, headers={"Authorization": f"Bearer {secret}"})
        assert ok.status_code == 200 and ok.json()["since"] == yesterday
    for field in ("as_of", "since"):  # the analysis route reads the map at or since a day too
        path = f"/api/accounts/{world.cn.slug}/analysis"
        response = Client().get(path, {field: "2099-01-01"}, headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == field


def _queries(client, url) -> int:
    client.get(url)  # warm the analysis cache: what is measured is the page over the cached changes
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_changes_page_reads_a_fixed_number_of_queries(owner_client, world):
    url = reverse("account_changes", args=[world.cn.slug]) + f"?since={_since(2)}"
    _backdate(3)
    f.interaction(account=world.cn, people=[world.cn_boss], deal=world.cn_deal, summary="首次拜访")
    # one person joined: the first values of those who joined are read in one query, however many they are
    f.role(deal=world.cn_deal, person=world.cn.people.get(name="李明"), roles=["user"], attitude="supporter")
    # one overdue item: its owner's name is read in one query, however many items and owners there are
    f.action(deal=world.cn_deal, owner=world.owner, text="跟进", due=timezone.localdate() - timedelta(days=1))
    few = _queries(owner_client, url)
    for n in range(15):
        person = f.person(account=world.cn, name=f"新人{n}", reports_to=world.cn_boss)
        f.role(deal=world.cn_deal, person=person, roles=["user"], attitude="supporter")
        f.interaction(account=world.cn, people=[person], deal=world.cn_deal, summary=f"拜访{n}")
        f.action(
            deal=world.cn_deal,
            person=person,
            owner=world.owner,
            text=f"跟进{n}",
            due=timezone.localdate() - timedelta(days=1),
        )
    many = _queries(owner_client, url)
    assert len(owner_client.get(url).context["changes"]["interactions"]) == 16
    assert many == few


def test_a_cold_changes_page_analyses_today_s_map_once(owner_client, world, monkeypatch):
    from django.core.cache import cache

    from battlemap.analysis import engine

    url = reverse("account_changes", args=[world.cn.slug]) + f"?since={_since(2)}"
    _backdate(3)
    assert owner_client.get(url).status_code == 200
    cache.clear()  # as after an edit: the page head's analysis and the changes both recomputed
    days = []
    real = engine.analyze
    monkeypatch.setattr(
        engine, "analyze", lambda snapshot, **kw: days.append(snapshot.today) or real(snapshot, **kw)
    )
    response = owner_client.get(url)
    assert response.status_code == 200 and response.context["view"]["deals"]
    today = timezone.localdate()
    assert sorted(days) == [today - timedelta(days=2), today]  # the day since, and today once


# --- the map as of a day -----------------------------------------------------------------------------


def test_the_map_as_of_a_day_shows_roles_then_and_marks_what_differs(
    client, world, attitude_changed_yesterday
):
    newcomer = f.person(account=world.cn, name="新来的赵总", reports_to=world.cn_boss)
    client.force_login(world.owner)
    client.post("/language/", {"language": "en", "next": "/"})
    url = reverse("account_as_of", args=[world.cn.slug])
    response = client.get(url, {"on": _since(2), "deal": world.cn_deal.pk})
    then = response.context["then"]
    boss = next(row for row in then["rows"] if row["id"] == world.cn_boss.pk)
    assert boss["attitude"] == "neutral" and ("attitude", "supporter") in boss["changes"]
    assert [p["name"] for p in then["added"]] == [newcomer.name]
    body = response.content.decode()
    assert "attitude today: supporter" in body and "新来的赵总" in body
    assert "no_champion" in {flag["code"] for flag in then["flags"]}
    assert 'data-act="link"' not in body and "read only" in body  # nothing to edit in the past


def test_the_map_before_the_account_existed_says_so(owner_client, world):
    response = owner_client.get(reverse("account_as_of", args=[world.cn.slug]), {"on": "2020-01-01"})
    assert response.status_code == 200 and response.context["then"] is None


def test_a_bad_or_future_day_is_refused_naming_it_and_shows_no_other_day_s_map(owner_client, world):
    owner_client.post("/language/", {"language": "en", "next": "/"})
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    month_ago = (timezone.localdate() - timedelta(days=30)).isoformat()
    for text in ("garbage", "2026-13-45", future, "2099-01-01", "1800-01-01"):
        response = owner_client.get(reverse("account_as_of", args=[world.cn.slug]), {"on": text})
        body = response.content.decode()
        assert response.status_code == 200
        alert = body.split('id="asof-error">')[1].split("</p>")[0]
        # the range as it is: 1800-01-01 is before today, and was refused as "not a day up to today"; a day
        # the calendar lacks, as the forms say it
        said = "a month is 01 to 12" if text == "2026-13-45" else "from 1900-01-01 up to today"
        assert text in alert and said in alert
        # neither a month ago's map nor "the account did not exist": the form, to pick another day
        assert month_ago not in body and 'id="asof-none"' not in body and 'id="asof-tree"' not in body
        assert 'id="asof-form"' in body


def test_the_map_as_of_without_a_day_shows_a_month_ago(owner_client, world):
    response = owner_client.get(reverse("account_as_of", args=[world.cn.slug]))
    assert response.context["day"] == timezone.localdate() - timedelta(days=30)
    assert 'role="alert"' not in response.content.decode()


def test_the_map_as_of_is_for_owner_teammate_and_manager_only(client, world):
    url = reverse("account_as_of", args=[world.cn.slug])
    for user, status in (
        (world.owner, 200),
        (world.teammate, 200),
        (world.manager, 200),
        (world.outsider, 404),
    ):
        client.force_login(user)
        assert client.get(url, {"on": _since(1)}).status_code == status
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_names_stay_text_on_the_map_as_of(owner_client, world):
    xss = "<img src=x onerror=alert(1)>"
    f.person(account=world.cn, name=xss, title=xss, reports_to=world.cn_boss)
    body = owner_client.get(
        reverse("account_as_of", args=[world.cn.slug]), {"on": _since(0)}
    ).content.decode()
    assert xss not in body and "&lt;img src=x onerror=alert(1)&gt;" in body


# --- the account timeline ----------------------------------------------------------------------------


def test_the_timeline_shows_role_attitude_and_stage_changes_old_to_new(owner_client, world):
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    role.attitude, role.roles = "supporter", ["decision_maker", "champion"]
    role.save()
    world.cn_deal.stage = "purchase_decision"
    world.cn_deal.save()
    StageChange.objects.create(
        deal=world.cn_deal, stage="evaluation", changed_on=timezone.localdate() - timedelta(days=9)
    )
    StageChange.objects.create(deal=world.cn_deal, stage="purchase_decision", changed_on=timezone.localdate())
    owner_client.post("/language/", {"language": "en", "next": "/"})
    body = " ".join(
        owner_client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode().split()
    )
    assert "物联网平台 · 王建国" in body
    assert "attitude: neutral → supporter" in body
    assert "buying roles: decision maker → decision maker, champion" in body
    assert "stage: evaluation → purchase decision" in body  # the deal's edit
    assert "物联网平台: evaluation → purchase decision" in body  # the stage move
    assert "changed: stage<" not in body


def test_the_deal_room_and_the_account_tabs_link_to_what_changed(owner_client, world):
    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert reverse("deal_changes", args=[world.cn.slug, world.cn_deal.pk]) in room
    org = owner_client.get(reverse("account", args=[world.cn.slug])).content.decode()
    assert reverse("account_changes", args=[world.cn.slug]) in org and 'id="asof-pick"' in org


def test_the_what_changed_api_for_teammate_manager_outsider_and_anonymous(world):
    paths = (f"/api/accounts/{world.cn.slug}/what-changed", f"/api/deals/{world.cn_deal.pk}/what-changed")
    for user, status in ((world.teammate, 200), (world.manager, 200), (world.outsider, 404)):
        secret = token_create(user=user, name="t").secret
        for path in paths:
            assert Client().get(path, headers={"Authorization": f"Bearer {secret}"}).status_code == status
    for path in paths:
        assert Client().get(path).status_code == 401


def test_without_a_day_the_changes_run_since_the_last_review(owner_client, world):
    from battlemap.reviews.services import mark_reviewed

    url = reverse("account_changes", args=[world.cn.slug])
    assert owner_client.get(url).context["since"] == timezone.localdate() - timedelta(
        days=7
    )  # never reviewed
    reviewed = timezone.localdate() - timedelta(days=20)
    mark_reviewed(account=world.cn, by=world.owner, on=reviewed)
    assert owner_client.get(url).context["since"] == end_of_day(reviewed)  # a mark dated back: its day's end
    assert owner_client.get(url, {"since": _since(3)}).context["since"] == timezone.localdate() - timedelta(
        days=3
    )


def test_the_accounts_lifecycle_links_and_outside_factors_are_in_what_changed(client, world):
    """A seller's trial moved the lifecycle 潜在 → 新客户, added six influence links and two outside factors: What
    changed said nothing of any of it."""
    from battlemap.accounts.models import ExternalFactor
    from battlemap.accounts.services import account_update
    from battlemap.accounts.services.factors import (
        external_factor_create,
        external_factor_delete,
        external_factor_update,
    )
    from battlemap.people.models import InfluenceLink
    from battlemap.people.services import influence_link_create, influence_link_delete

    cn = world.cn
    boss, other = world.cn_boss, f.person(account=cn, name="宋涛")
    old_link = influence_link_create(account=cn, source=other, target=boss, kind="advises")
    old_factor = external_factor_create(account=cn, kind="policy", description="信创目录")
    turned = external_factor_create(account=cn, kind="policy", description="集团统一采购", effect=1)
    for model in (*MAP_MODELS, InfluenceLink, ExternalFactor):
        model.history.update(history_date=F("history_date") - timedelta(days=3))
    account_update(account=cn, version=Account.objects.get(pk=cn.pk).version, lifecycle="at_risk")
    influence_link_delete(link=old_link)
    influence_link_create(account=cn, source=other, target=boss, kind="trusts", strength=3)
    external_factor_delete(factor=old_factor)
    external_factor_create(account=cn, kind="competitor", description="华为云降价 20%", effect=-2)
    kept_factor = ExternalFactor.objects.get(pk=turned.pk)
    external_factor_update(factor=kept_factor, version=kept_factor.version, effect=-1)  # turned against us

    client.force_login(world.owner)
    client.post("/language/", {"language": "zh-hans", "next": "/"})
    response = client.get(reverse("account_changes", args=[cn.slug]), {"since": _since(2)})
    changes = response.context["changes"]
    assert changes["lifecycle"]["after"] == "at_risk"
    assert [(k["source_name"], k["target_name"], k["kind"]) for k in changes["links_added"]] == [
        ("宋涛", "王建国", "trusts")
    ]
    assert [k["kind"] for k in changes["links_removed"]] == ["advises"]
    assert [x["description"] for x in changes["factors_added"]] == ["华为云降价 20%"]
    assert [x["description"] for x in changes["factors_removed"]] == ["信创目录"]
    assert [(x["description"], x["before"]["effect"], x["effect"]) for x in changes["factors_changed"]] == [
        ("集团统一采购", 1, -1)
    ]
    page = response.content.decode()
    assert "风险" in page.split('id="lifecycle-move"')[1].split("</li>")[0]
    assert '宋涛 → 王建国 <span class="muted">受其信任</span>' in page and "华为云降价 20%" in page
    assert "集团统一采购" in page and "1 → <strong>-1</strong>" in page
    data = _api_get(world.owner, f"/api/accounts/{cn.slug}/what-changed?since={_since(2)}&lang=en").json()
    assert (
        data["lifecycle"]["after_label"] == "at risk"
        and data["links_added"][0]["kind_label"] == "is trusted by"
    )
