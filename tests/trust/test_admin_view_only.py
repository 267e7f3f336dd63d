"""The Django admin is for users, login lockouts and for looking: every map and app record is view-only
there (changes go through the app's services: validation, audit, history reasons, stage changes)."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from battlemap.deals.models import Deal, StageChange, StakeholderRole
from battlemap.teams.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db

# what the admin is the documented place for (README, docs/web.md): users, Axes lockouts, auth groups;
# anything else registered (ours, or a library's such as the task queue's results) is for looking
EDITABLE = {"auth.User", "auth.Group"}
EDITABLE_APPS = {"axes"}


@pytest.fixture
def root(client):
    root = f.user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    return root


def _url(name, *args):
    return reverse(f"admin:{name}", args=args)


def test_every_app_model_is_view_only_in_the_admin(root):
    request = RequestFactory().get("/admin/")
    request.user = root
    checked = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        if label in EDITABLE or model._meta.app_label in EDITABLE_APPS:
            continue
        checked.append(label)
        assert model_admin.has_view_permission(request), label
        assert not model_admin.has_add_permission(request), label
        assert not model_admin.has_change_permission(request), label
        assert not model_admin.has_delete_permission(request), label
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_add_permission(request, None), (label, inline)
            assert not inline.has_change_permission(request), (label, inline)
            assert not inline.has_delete_permission(request), (label, inline)
    assert {
        "deals.Deal",
        "deals.StageChange",
        "people.Person",
        "teams.Membership",
        "intel.Suggestion",
    } <= set(checked)


def test_a_stage_change_in_the_admin_is_refused_and_changes_nothing(world, client, root):
    deal = world.cn_deal
    stages = StageChange.objects.count()
    url = _url("deals_deal_change", deal.pk)
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # read-only, no Save
    post = {
        "name": deal.name,
        "account": world.cn.pk,
        "stage": "negotiation",
        "status": "open",
        "_save": "Save",
    }
    assert client.post(url, post).status_code == 403
    deal.refresh_from_db()
    assert deal.stage == "evaluation" and StageChange.objects.count() == stages


def test_adding_or_deleting_map_records_in_the_admin_is_refused(world, client, root):
    roles = StakeholderRole.objects.count()
    add = client.post(
        _url("deals_stakeholderrole_add"),
        {"person": world.cn_boss.pk, "deal": world.cn_deal.pk, "roles": "user"},
    )
    assert add.status_code == 403 and StakeholderRole.objects.count() == roles
    assert client.get(_url("people_person_add")).status_code == 403
    assert client.post(_url("deals_deal_delete", world.cn_deal.pk), {"post": "yes"}).status_code == 403
    bulk = client.post(
        _url("deals_deal_changelist"), {"action": "delete_selected", "_selected_action": [world.cn_deal.pk]}
    )
    assert bulk.status_code in (200, 302)  # the action does not exist: nothing happens
    assert Deal.objects.filter(pk=world.cn_deal.pk).exists()


def test_lists_pages_and_history_still_open(world, client, root):
    deal = world.cn_deal
    for url in (
        _url("deals_deal_changelist"),
        _url("deals_deal_change", deal.pk),
        _url("deals_deal_history", deal.pk),
        _url("people_person_changelist"),
        _url("teams_team_change", world.team.pk),
        _url("teams_membership_changelist"),
        _url("intel_suggestion_changelist"),
    ):
        assert client.get(url).status_code == 200, url


def test_a_history_revert_in_the_admin_is_refused(world, client, root):
    deal = world.cn_deal
    first = deal.history.earliest()
    deal.name = "Renamed in the app"
    deal.save()
    url = reverse("admin:deals_deal_simple_history", args=[deal.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200 and first.name in page.content.decode()  # an old version can be looked at…
    assert (
        'name="name"' not in page.content.decode() and 'name="stage"' not in page.content.decode()
    )  # …not edited
    assert (
        client.post(url, {"name": first.name, "account": world.cn.pk, "stage": deal.stage}).status_code == 403
    )
    deal.refresh_from_db()
    assert deal.name == "Renamed in the app"


def test_the_team_page_in_the_admin_shows_members_read_only(world, client, root):
    page = client.get(_url("teams_team_change", world.team.pk)).content.decode()
    assert "alice" in page and "memberships-0-role" not in page  # no editable inline row
    members = Membership.objects.count()
    response = client.post(
        _url("teams_team_change", world.team.pk),
        {"name": "east", "slug": "east", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 403 and Membership.objects.count() == members


def test_users_are_still_added_in_the_admin(world, client, root):
    assert client.get(_url("auth_user_add")).status_code == 200
    zh = client.get(_url("auth_user_add"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "先填写用户名和密码" in zh and "After you" not in zh  # Django's own sentence has no zh translation
    assert client.get(_url("axes_accessattempt_changelist")).status_code == 200


def _icon(client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, url
    found = re.findall(r'<link rel="icon" href="([^"]+)"', page.content.decode())
    assert len(found) == 1, url
    return found[0]


def test_the_admin_pages_show_the_app_s_icon_and_it_answers(world, client):
    icons = {_icon(client, reverse("admin:login"))}
    client.force_login(f.user("root", is_superuser=True, is_staff=True))
    icons |= {_icon(client, u) for u in (_url("index"), _url("deals_deal_change", world.cn_deal.pk))}
    icons.add(_icon(client, "/"))  # the app's own pages name the same icon
    assert len(icons) == 1
    icon = icons.pop()
    response = client.get(icon)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(response.streaming_content)
    # a browser asks for /favicon.ico where no page names an icon (the API's JSON): it finds the same one
    client.logout()
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == icon


@pytest.mark.parametrize(
    "language, shown",
    [
        ("zh-hans", ["客户", "商机", "人员", "登录限制", "登录尝试", "后台任务"]),
        ("en", ["Accounts", "Deals", "People", "Login throttling", "Access attempts", "Background tasks"]),
    ],
)
def test_the_admin_index_names_every_app_in_the_users_language(client, root, language, shown):
    # a tester: the Chinese admin's sidebar read ACCOUNTS, AXES, DEALS, INTERACTIONS, PEOPLE, "Access attempts"
    html = client.get("/admin/", headers={"Accept-Language": language}).content.decode()
    apps = re.findall(r"<caption>\s*<a[^>]*>([^<]+)</a>", html)
    models = re.findall(r'<th scope="row"[^>]*>\s*<a[^>]*>([^<]+)</a>', html)
    assert len(apps) >= 10 and all(name in apps + models for name in shown), (apps, models)
    if language == "zh-hans":  # nothing left in English but the letters API
        english = [n for n in apps + models if re.search("[A-Za-z]{3}", n.replace("API", ""))]
        assert english == []
