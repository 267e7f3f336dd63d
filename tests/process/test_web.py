"""The pages of decision bodies and the deal room's purchase process: the four checks for every
mutating view (owner works, also through htmx; outsider 404; bad input names the field; anonymous to
login), and what the pages show, in both languages, with names as text."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.people.models import Person
from battlemap.process import services
from battlemap.process.models import BodyRole, DecisionBody, ProcessStep
from tests.web_deals.mutations import Mutation

pytestmark = pytest.mark.django_db


def _li(w):
    return Person.objects.get(account=w.cn, name="李明")


def _party(w):
    return DecisionBody.objects.filter(account=w.cn, name="党委会").first() or services.body_create(
        account=w.cn, name="党委会", kind="party_committee", chair=w.cn_boss
    )


def _party_role(w):
    return BodyRole.objects.filter(deal=w.cn_deal).first() or services.body_role_create(
        deal=w.cn_deal, body=_party(w), roles=["decision_maker"], note="前置研究"
    )


def _step(w):
    return ProcessStep.objects.filter(deal=w.cn_deal).first() or services.step_create(
        deal=w.cn_deal, kind="budget"
    )


def _deal_url(name, *more):
    return lambda w: reverse(name, args=[w.cn.slug, w.cn_deal.pk, *(m(w) for m in more)])


MUTATIONS = [
    Mutation(
        "body_new",
        lambda w: reverse("body_new", args=[w.cn.slug]),
        lambda w: {
            "name": "总经理办公会",
            "kind": "executive_meeting",
            "decision_rule": "chair_decides",
            "chair": w.cn_boss.pk,
            "members": [_li(w).pk],
            "meets": "每周一",
            "next_meeting": "2027-01-04",
        },
        lambda w: {"name": "总经理办公会", "kind": "parliament", "decision_rule": "majority"},
        "kind",
        lambda w: (
            DecisionBody.objects.filter(account=w.cn, name="总经理办公会", members__person__name="李明")
            .filter(members__person=w.cn_boss)
            .exists()
        ),
    ),
    Mutation(
        "body_edit",
        lambda w: reverse("body", args=[w.cn.slug, _party(w).pk]),
        lambda w: {
            "name": "党委会",
            "kind": "party_committee",
            "decision_rule": "consensus",
            "chair": w.cn_boss.pk,
            "members": [_li(w).pk],
            "version": _party(w).version,
        },
        lambda w: {
            "name": "党委会",
            "kind": "party_committee",
            "decision_rule": "consensus",
            "next_meeting": "明天",
            "version": _party(w).version,
        },
        "next_meeting",
        lambda w: DecisionBody.objects.filter(pk=_party(w).pk, decision_rule="consensus").exists(),
    ),
    Mutation(
        "body_delete",
        lambda w: reverse("body_delete", args=[w.cn.slug, _party(w).pk]),
        lambda w: {"version": _party(w).version},
        lambda w: {"version": 99},
        "",
        lambda w: not DecisionBody.objects.filter(account=w.cn, name="党委会").exists(),
    ),
    Mutation(
        "deal_body_role",
        _deal_url("deal_body_role"),
        lambda w: {"body": _party(w).pk, "roles": ["decision_maker"], "note": "前置研究", "version": 0},
        lambda w: {"body": _party(w).pk, "roles": ["emperor"], "version": 0},
        "roles",
        lambda w: BodyRole.objects.filter(
            deal=w.cn_deal, body__name="党委会", roles=["decision_maker"]
        ).exists(),
    ),
    Mutation(
        "deal_body_role_edit",
        lambda w: reverse("deal_body_role_edit", args=[w.cn.slug, w.cn_deal.pk, _party_role(w).body_id]),
        lambda w: {
            "roles": ["decision_maker", "gatekeeper"],
            "note": "一票否决",
            "version": _party_role(w).version,
        },
        lambda w: {"roles": ["emperor"], "version": _party_role(w).version},
        "roles",
        lambda w: BodyRole.objects.filter(
            deal=w.cn_deal, body__name="党委会", roles=["decision_maker", "gatekeeper"], note="一票否决"
        ).exists(),
    ),
    Mutation(
        "deal_body_role_remove",
        lambda w: reverse(
            "deal_body_role_remove",
            args=[
                w.cn.slug,
                w.cn_deal.pk,
                (
                    BodyRole.objects.filter(deal=w.cn_deal).first()
                    or services.body_role_create(deal=w.cn_deal, body=_party(w), roles=["decision_maker"])
                ).body_id,
            ],
        ),
        lambda w: {"version": BodyRole.objects.get(deal=w.cn_deal).version},
        lambda w: {"version": 99},
        "",
        lambda w: not BodyRole.objects.filter(deal=w.cn_deal).exists(),
    ),
    Mutation(
        "deal_step_new",
        _deal_url("deal_step_new"),
        lambda w: {
            "kind": "tender_notice",
            "name": "",
            "planned_on": "2027-03-01",
            "body": _party(w).pk,
            "people": [_li(w).pk],
        },
        lambda w: {"kind": "tender_notice", "planned_on": "三月"},
        "planned_on",
        lambda w: ProcessStep.objects.filter(
            deal=w.cn_deal,
            kind="tender_notice",
            planned_on=date(2027, 3, 1),
            responsible__person__name="李明",
        ).exists(),
    ),
    Mutation(
        "deal_steps_template",
        _deal_url("deal_steps_template"),
        lambda w: {"template": "rfp"},
        lambda w: {"template": "auction"},
        "template",
        lambda w: (
            list(ProcessStep.objects.filter(deal=w.cn_deal).values_list("kind", flat=True))
            == ["rfi", "rfp", "shortlist", "contract"]
        ),
    ),
    Mutation(
        "deal_step_edit",
        lambda w: reverse("deal_step", args=[w.cn.slug, w.cn_deal.pk, _step(w).pk]),
        lambda w: {
            "kind": "budget",
            "status": "done",
            "done_on": "2026-11-01",
            "documents": "https://example.cn/预算批复.pdf",
            "version": _step(w).version,
        },
        lambda w: {
            "kind": "budget",
            "status": "planned",
            "done_on": "2026-11-01",
            "version": _step(w).version,
        },
        "done_on",
        lambda w: ProcessStep.objects.filter(
            pk=_step(w).pk, status="done", done_on=date(2026, 11, 1)
        ).exists(),
    ),
    Mutation(
        "deal_step_delete",
        lambda w: reverse("deal_step_delete", args=[w.cn.slug, w.cn_deal.pk, _step(w).pk]),
        lambda w: {"version": _step(w).version},
        lambda w: {"version": 99},
        "",
        lambda w: not ProcessStep.objects.filter(deal=w.cn_deal).exists(),
    ),
]
IDS = [m.name for m in MUTATIONS]


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_it_works_for_the_owner(client, world, m):
    client.force_login(world.owner)
    response = client.post(m.url(world), m.good(world))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert m.changed(world)


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_it_works_through_htmx_too(client, world, m):
    client.force_login(world.owner)
    response = client.post(m.url(world), m.good(world), HTTP_HX_REQUEST="true")
    assert response.status_code in (200, 204)
    assert m.changed(world)
    if response.status_code == 200:
        assert "<html" not in response.content.decode()


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_outsider_gets_404(client, world, m):
    url, data = m.url(world), m.good(world)
    client.force_login(world.outsider)
    assert client.post(url, data).status_code == 404
    assert not m.changed(world)


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_it_names_the_field_on_bad_input(client, world, m):
    client.force_login(world.owner)
    response = client.post(m.url(world), m.bad(world))
    html = response.content.decode()
    assert response.status_code in (409, 422), html[:2000]
    assert not m.changed(world)
    if m.bad_field:
        block = re.search(
            rf'<(?:div|fieldset) class="[^"]*has-error[^"]*" id="field-{m.bad_field}">(.*?)id="field-',
            html + 'id="field-',
            re.S,
        )
        assert block, f"no error shown next to {m.bad_field}"
        assert 'class="errorlist"' in block.group(1)
    else:
        assert "This record was changed" in html or "他人" in html or "其他人" in html


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_anonymous_is_sent_to_login(client, world, m):
    url, data = m.url(world), m.good(world)
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not m.changed(world)


def test_a_manager_views_the_bodies_but_cannot_change_them(client, world):
    _party(world)
    client.force_login(world.manager)
    page = client.get(reverse("bodies", args=[world.cn.slug]))
    assert page.status_code == 200 and "党委会" in page.content.decode()
    client.force_login(world.outsider)
    assert client.get(reverse("bodies", args=[world.cn.slug])).status_code == 404
    assert client.get(reverse("body", args=[world.cn.slug, _party(world).pk])).status_code == 404


def test_the_pages_show_bodies_and_the_process_in_both_languages_with_names_as_text(client, world):
    body = services.body_create(
        account=world.cn, name="<script>alert(1)</script>委员会", kind="bid_committee", chair=world.cn_boss
    )
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    services.steps_from_template(deal=world.cn_deal, template="tender")
    client.force_login(world.owner)
    for lang, words in (
        ("zh-hans", ("采购流程", "立项", "评标委员会", "决策者")),
        ("en", ("Purchase process", "project approval", "bid evaluation committee", "decision maker")),
    ):
        client.cookies["django_language"] = lang
        with translation.override(lang):
            room = client.get(
                reverse("deal", args=[world.cn.slug, world.cn_deal.pk]), HTTP_ACCEPT_LANGUAGE=lang
            )
            listing = client.get(reverse("bodies", args=[world.cn.slug]), HTTP_ACCEPT_LANGUAGE=lang)
        html = room.content.decode() + listing.content.decode()
        for word in words:
            assert word in html, (lang, word)
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


HAN = re.compile("[\u4e00-\u9fff]")


def test_the_empty_pages_say_it_in_english_to_an_english_user(world, client):
    """No Chinese left in the English hints (a tester saw "Add the 党委会, …" and "(立项 → 合同, …)")."""
    client.force_login(world.owner)
    english = {"Accept-Language": "en"}
    bodies = client.get(reverse("bodies", args=[world.cn.slug]), headers=english).content.decode()
    hint = re.search(r'id="no-bodies">(.*?)</p>', bodies, re.S).group(1)
    assert "party committee" in hint and not HAN.search(hint)
    room = client.get(
        reverse("deal", args=[world.cn.slug, world.cn_deal.pk]), headers=english
    ).content.decode()
    steps = re.search(r"No steps yet:.*?</td>", room, re.S).group(0)
    assert "project approval → contract" in steps and not HAN.search(steps)
    chinese = client.get(reverse("bodies", args=[world.cn.slug]), headers={"Accept-Language": "zh-hans"})
    assert "党委会" in re.search(r'id="no-bodies">(.*?)</p>', chinese.content.decode(), re.S).group(1)


def test_the_room_marks_a_step_overdue_and_one_planned_before_an_earlier_step(client, world):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    services.step_create(
        deal=world.cn_deal, kind="project_approval", status="done", planned_on=today - timedelta(40)
    )
    services.step_create(deal=world.cn_deal, kind="tender_notice", planned_on=today + timedelta(27))
    services.step_create(
        deal=world.cn_deal, kind="bidding", planned_on=today - timedelta(61)
    )  # before the notice
    services.step_create(deal=world.cn_deal, kind="contract", planned_on=today + timedelta(90))
    client.force_login(world.owner)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    rows = re.findall(r'<tr class="step-[^"]*" data-kind="([^"]+)">(.*?)</tr>', html, re.S)
    marks = {kind: ("已逾期" in row, "早于前一步" in row) for kind, row in rows}
    assert marks == {
        "project_approval": (False, False),  # done: not overdue however old
        "tender_notice": (False, False),
        "bidding": (True, True),  # planned for a day gone by, and before the tender notice
        "contract": (False, False),
    }
