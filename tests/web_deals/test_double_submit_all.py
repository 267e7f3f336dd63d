"""Every web create form carries a one-time token (once.web.guarded): sent twice (a double click, a
second tab, a replayed POST), it makes one record, and the second POST is sent where the first went.
The account, person, deal and interaction forms are in test_double_submit.py."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from battlemap.accounts.models import Account, ExternalFactor
from battlemap.comments.models import Comment
from battlemap.competition.models import CompetitorNote
from battlemap.deals.models import ActionItem, StakeholderRole
from battlemap.mail.models import IngestRun
from battlemap.once.models import FormToken
from battlemap.people.models import InfluenceLink, Person
from battlemap.process import services as process_services
from battlemap.process.models import BodyRole, DecisionBody, ProcessStep
from battlemap.reviews.models import Review
from battlemap.surveys.models import Interview
from battlemap.teams.models import Membership, Team
from battlemap.training.models import Case as TrainingCase
from tests import factories as f
from tests.inference import archives
from tests.io.files import CHINESE, csv_bytes

pytestmark = pytest.mark.django_db


def _li(w) -> Person:
    return Person.objects.get(account=w.cn, name="李明")


def _room(w) -> str:
    return reverse("deal", args=[w.cn.slug, w.cn_deal.pk])


def _deal_url(name: str) -> Callable:
    return lambda w: reverse(name, args=[w.cn.slug, w.cn_deal.pk])


def _party(w) -> DecisionBody:
    return DecisionBody.objects.filter(account=w.cn, name="党委会").first() or process_services.body_create(
        account=w.cn, name="党委会", kind="party_committee", chair=w.cn_boss
    )


def _map_file(w) -> SimpleUploadedFile:
    from battlemap.io.mapformat import export_map

    data = export_map(w.cn)
    data["account"]["slug"] = "guodian-copy"
    return SimpleUploadedFile("map.json", json.dumps(data, ensure_ascii=False).encode(), "application/json")


@dataclass
class Form:
    name: str
    page: Callable  # world -> the page that shows the form
    post: Callable  # world -> where the form posts
    body: Callable  # world -> good POST data (called for each POST: uploads are read once)
    count: Callable  # world -> how many of what it creates there are
    who: str = "owner"  # owner | manager (of the team east) | admin
    setup: Callable = lambda w: None


FORMS = [
    Form(
        "action item",
        _room,
        _deal_url("deal_action_new"),
        lambda w: {"text": "约王总看演示", "person": w.cn_boss.pk, "due": "2026-11-27"},
        lambda w: ActionItem.objects.filter(deal=w.cn_deal, text="约王总看演示").count(),
    ),
    Form(
        "stakeholder role (deal room)",
        _deal_url("deal_role_new"),
        _deal_url("deal_role_new"),
        lambda w: {
            "person": _li(w).pk,
            "roles": ["user"],
            "attitude": "supporter",
            "influence": 3,
            "relationship": 3,
            "version": 0,
        },
        lambda w: StakeholderRole.objects.filter(deal=w.cn_deal, person__name="李明").count(),
    ),
    Form(
        "stakeholder role (person page)",
        lambda w: reverse("person", args=[w.cn.slug, _li(w).pk]),
        lambda w: reverse("person_deal_add", args=[w.cn.slug, _li(w).pk]),
        lambda w: {"deal": w.cn_deal.pk, "attitude": "supporter", "influence": 3},
        lambda w: StakeholderRole.objects.filter(deal=w.cn_deal, person__name="李明").count(),
    ),
    Form(
        "influence link",
        lambda w: reverse("link_new", args=[w.cn.slug]),
        lambda w: reverse("link_new", args=[w.cn.slug]),
        lambda w: {"source": _li(w).pk, "target": w.cn_boss.pk, "kind": "advises", "strength": 3},
        lambda w: InfluenceLink.objects.filter(account=w.cn).count(),
    ),
    Form(
        "decision body",
        lambda w: reverse("body_new", args=[w.cn.slug]),
        lambda w: reverse("body_new", args=[w.cn.slug]),
        lambda w: {"name": "总经理办公会", "kind": "executive_meeting", "decision_rule": "chair_decides"},
        lambda w: DecisionBody.objects.filter(account=w.cn, name="总经理办公会").count(),
    ),
    Form(
        "decision body's role in a deal",
        _room,
        _deal_url("deal_body_role"),
        lambda w: {"body": _party(w).pk, "roles": ["decision_maker"], "note": "前置研究", "version": 0},
        lambda w: BodyRole.objects.filter(deal=w.cn_deal).count(),
        setup=_party,
    ),
    Form(
        "process step",
        _room,
        _deal_url("deal_step_new"),
        lambda w: {"kind": "tender_notice", "planned_on": "2027-03-01"},
        lambda w: ProcessStep.objects.filter(deal=w.cn_deal).count(),
    ),
    Form(
        "process steps from a template",
        _room,
        _deal_url("deal_steps_template"),
        lambda w: {"template": "rfp"},
        lambda w: ProcessStep.objects.filter(deal=w.cn_deal).count() // 4,  # the template's four steps
    ),
    Form(
        "external factor",
        lambda w: reverse("account_circle", args=[w.cn.slug]),
        # the circle shows the account's deal: its form posts with it, to answer with the circle of that deal
        lambda w: reverse("account_factor_add", args=[w.cn.slug]) + f"?deal={w.cn_deal.pk}",
        lambda w: {"kind": "policy", "description": "双碳政策", "effect": 1},
        lambda w: ExternalFactor.objects.filter(account=w.cn).count(),
    ),
    Form(
        "comment (a note on a deal)",
        _room,
        lambda w: reverse("comment_add", args=[w.cn.slug]),
        lambda w: {"body": "王总说预算要到明年", "deal": w.cn_deal.pk},
        lambda w: Comment.objects.filter(account=w.cn).count(),
    ),
    Form(
        "competitor",
        _deal_url("deal_competitors"),
        _deal_url("deal_competitors"),
        lambda w: {"name": "华为云", "version": 0, "strengths": "价格低", "weaknesses": "", "offer": ""},
        lambda w: CompetitorNote.objects.filter(deal=w.cn_deal).count(),
    ),
    Form(
        "review mark",
        lambda w: reverse("account_reviews", args=[w.cn.slug]),
        lambda w: reverse("account_reviews", args=[w.cn.slug]),
        lambda w: {"reviewed_on": "2026-11-30"},
        lambda w: Review.objects.filter(account=w.cn).count(),
    ),
    Form(
        "interview",
        lambda w: reverse("interview", args=[w.cn.slug]),
        lambda w: reverse("interview", args=[w.cn.slug]),
        lambda w: {
            "person": w.cn_boss.pk,
            "deal": w.cn_deal.pk,
            "role": "decision_maker",
            "stage": "evaluation",
            "occurred_on": "2026-11-20",
            "q_goals_business": "集团要求三年内设备在线率 95%",
            "attitude": "supporter",
        },
        lambda w: Interview.objects.filter(account=w.cn).count(),
    ),
    Form(
        "mail upload",
        lambda w: reverse("mail", args=[w.cn.slug]),
        lambda w: reverse("mail_upload", args=[w.cn.slug]),
        lambda w: {"files": SimpleUploadedFile("会议.ics", archives.ICS.encode())},
        lambda w: IngestRun.objects.filter(account=w.cn).count(),
    ),
    Form(
        "map import",
        lambda w: reverse("account_import"),
        lambda w: reverse("account_import"),
        lambda w: {"file": _map_file(w)},
        lambda w: Account.objects.filter(slug="guodian-copy").count(),
    ),
    Form(
        "team",
        lambda w: reverse("teams"),
        lambda w: reverse("teams"),
        lambda w: {"name": "华南大客户部", "slug": "south"},
        lambda w: Team.objects.filter(slug="south").count(),
        who="admin",
    ),
    Form(
        "team member",
        lambda w: reverse("team_detail", args=["east"]),
        lambda w: reverse("team_detail", args=["east"]),
        lambda w: {"username": "dave", "role": "member"},
        lambda w: Membership.objects.filter(team__slug="east", user__username="dave").count(),
        who="manager",
        setup=lambda w: f.user("dave"),
    ),
    Form(
        "training case",
        lambda w: reverse("training_case_new"),
        lambda w: reverse("training_case_new"),
        lambda w: {"deal": w.cn_deal.pk},
        lambda w: TrainingCase.objects.count(),
        who="manager",
        setup=lambda w: type(w.cn_deal).objects.filter(pk=w.cn_deal.pk).update(status="won"),
    ),
]


def _token_of_form(html: str, action: str, page: str) -> str:
    """The one-time token inside the page's form that posts to `action` (a form without an action
    posts to its page)."""
    for form in re.finditer(r"<form\b([^>]*)>(.*?)</form>", html, re.S):
        found = re.search(r'action="([^"]*)"', form.group(1))
        if (found.group(1) if found else page) != action:
            continue
        token = re.search(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]+)">', form.group(2))
        if token:
            return token.group(1)
    raise AssertionError(f"no form posting to {action} carries a one-time token")


@pytest.mark.parametrize("form", FORMS, ids=[x.name for x in FORMS])
def test_a_create_form_sent_twice_makes_one_record(client, world, form):
    form.setup(world)
    users = {"owner": world.owner, "manager": world.manager, "admin": f.user("root", is_superuser=True)}
    client.force_login(users[form.who])
    page, post = form.page(world), form.post(world)
    opened = client.get(page)
    assert opened.status_code == 200
    token = _token_of_form(opened.content.decode(), post, page)
    before = form.count(world)
    first = client.post(post, {**form.body(world), "form_token": token})
    assert first.status_code == 302, first.content.decode()[:2000]
    assert form.count(world) == before + 1
    second = client.post(post, {**form.body(world), "form_token": token})  # the double click
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert form.count(world) == before + 1
    assert FormToken.objects.filter(token=token, result_url=first["Location"]).exists()


def test_an_htmx_create_answered_in_place_sends_its_replay_to_the_room(owner_client, world):
    """The deal room adds an action item in place (the fresh room partial, 200): the same form sent
    again is told to load the room, and the fresh partial's forms carry new tokens."""
    url = reverse("deal_action_new", args=[world.cn.slug, world.cn_deal.pk])
    token = _token_of_form(owner_client.get(_room(world)).content.decode(), url, _room(world))
    body = {"text": "约王总看演示", "form_token": token}
    first = owner_client.post(url, body, headers={"HX-Request": "true"})
    assert first.status_code == 200 and "约王总看演示" in first.content.decode()
    fresh = _token_of_form(first.content.decode(), url, _room(world))
    assert fresh != token
    again = owner_client.post(url, body, headers={"HX-Request": "true"})
    assert again.status_code == 204 and again["HX-Redirect"] == _room(world)
    assert ActionItem.objects.filter(text="约王总看演示").count() == 1
    # the next item from the fresh form is a new one, and so is a step from the room's other form
    assert (
        owner_client.post(url, {**body, "form_token": fresh}, headers={"HX-Request": "true"}).status_code
        == 200
    )
    assert ActionItem.objects.filter(text="约王总看演示").count() == 2
    factor_url = reverse("account_factor_add", args=[world.cn.slug])
    factor = {"kind": "policy", "description": "双碳政策", "effect": 1, "form_token": "tok_" + "f" * 28}
    assert owner_client.post(factor_url, factor, headers={"HX-Request": "true"}).status_code == 200
    replay = owner_client.post(factor_url, factor, headers={"HX-Request": "true"})
    assert replay["HX-Redirect"] == reverse("account_circle", args=[world.cn.slug])
    assert ExternalFactor.objects.filter(account=world.cn).count() == 1


def test_the_guarded_forms_still_refuse_outsiders_and_anonymous(client, world):
    body = {"text": "x", "form_token": "tok_" + "c" * 28}
    url = reverse("deal_action_new", args=[world.cn.slug, world.cn_deal.pk])
    anonymous = client.post(url, body)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(world.outsider)
    assert client.post(url, body).status_code == 404
    assert client.post(reverse("body_new", args=[world.cn.slug]), {"name": "x", **body}).status_code == 404
    assert not FormToken.objects.exists() and not ActionItem.objects.filter(text="x").exists()


def test_a_spreadsheet_import_confirmed_twice_imports_once(owner_client, world):
    """The import's confirm form (after the preview) sent twice: the people are added once, and the
    second POST is sent to the account's people (the first answered with its summary in place)."""
    url = reverse("io:import", args=[world.cn.slug])
    upload = io.BytesIO(csv_bytes(CHINESE, "gb18030"))
    upload.name = "people.csv"
    preview = owner_client.post(url, {"file": upload})
    confirm = reverse("io:import_confirm", args=[world.cn.slug])
    token = _token_of_form(preview.content.decode(), confirm, url)
    body = {**preview.context["form"], "form_token": token}
    assert owner_client.post(confirm, body).status_code == 200
    added = Person.objects.filter(account=world.cn).count()
    again = owner_client.post(confirm, body)
    assert again.status_code == 302 and again["Location"] == reverse("people", args=[world.cn.slug])
    assert Person.objects.filter(account=world.cn).count() == added
