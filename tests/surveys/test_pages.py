"""The seller's pages and API routes: the owner works, an outsider gets 404 everywhere, bad input names
the field, anonymous goes to login (401 on the API) — except the public questionnaire link."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from battlemap.interactions.models import Interaction
from battlemap.people.models import Person
from battlemap.surveys.models import Interview, Proposal, SurveyLink
from battlemap.users.services import token_create
from tests.surveys.helpers import interview_post, saved_interview, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def _pages(world):
    """(method, url, data) of every page of the app on the Chinese account."""
    ((link, _url),) = send(world, [world.cn_boss])
    interview = saved_interview(world)
    proposal = interview.proposals.first()
    return [
        ("get", reverse("surveys", args=["guodian"]), None),
        (
            "post",
            reverse("survey_send", args=["guodian"]),
            {"kind": "satisfaction", "people": [world.cn_boss.pk], "language": "en", "days": 14},
        ),
        ("post", reverse("survey_link_revoke", args=["guodian", link.pk]), {}),
        ("get", reverse("interview", args=["guodian"]), None),
        ("get", reverse("interview_detail", args=["guodian", interview.pk]), None),
        (
            "post",
            reverse("proposal_decide", args=["guodian", interview.pk, proposal.pk]),
            {"decision": "dismiss", "version": proposal.version},
        ),
    ]


def test_outsider_gets_404_on_every_page(client, world):
    client.force_login(world.outsider)
    for method, url, data in _pages(world):
        assert getattr(client, method)(url, data).status_code == 404, url
    assert SurveyLink.objects.get().state == "open"


def test_anonymous_goes_to_login_on_every_page_but_the_public_link(client, world):
    for method, url, data in _pages(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    ((_link, public),) = send(world, [world.cn_boss])
    assert client.get(public).status_code == 200


def test_a_manager_sees_the_questionnaires_but_cannot_send(client, world):
    client.force_login(world.manager)
    assert client.get(reverse("surveys", args=["guodian"])).status_code == 200
    data = {"kind": "satisfaction", "people": [world.cn_boss.pk], "language": "en", "days": 14}
    assert client.post(reverse("survey_send", args=["guodian"]), data).status_code == 403


def test_the_owner_sends_and_sees_each_link_once(owner_client, world):
    data = {
        "kind": "decision_factors",
        "deal": world.cn_deal.pk,
        "people": [world.cn_boss.pk],
        "language": "zh-hans",
        "days": 7,
    }
    response = owner_client.post(reverse("survey_send", args=["guodian"]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/q/" in html and "王建国" in html
    link = SurveyLink.objects.get()
    assert (link.expires_at - link.created_at).days in (6, 7) and link.questionnaire.deal == world.cn_deal
    # the list shows the state, never the link again
    listing = owner_client.get(reverse("surveys", args=["guodian"])).content.decode()
    assert "/q/" not in listing and "有效至" in listing


def test_a_send_posted_twice_makes_one_link(owner_client, world):
    """A team's trial: the send form was the one create form without the one-time token; a double click (or a
    second tab) made a second open link for the same customer contact."""
    page = owner_client.get(reverse("surveys", args=["guodian"])).content.decode()
    form = page.split('class="sendform"')[1].split("</form>")[0]
    token = re.search(r'name="form_token" value="([A-Za-z0-9_-]+)"', form)[1]
    data = {"kind": "decision_factors", "deal": world.cn_deal.pk, "people": [world.cn_boss.pk],
            "language": "zh-hans", "days": 7, "form_token": token}  # fmt: skip
    first = owner_client.post(reverse("survey_send", args=["guodian"]), data)
    assert first.status_code == 200 and "/q/" in first.content.decode()
    second = owner_client.post(reverse("survey_send", args=["guodian"]), data)
    assert second.status_code == 302 and second["Location"] == reverse("surveys", args=["guodian"])
    assert SurveyLink.objects.count() == 1


def test_sending_bad_input_names_the_field(owner_client, world):
    other = Person.objects.get(account=world.en)
    for data, field in (
        ({"kind": "satisfaction", "people": [], "language": "en", "days": 14}, "people"),
        ({"kind": "satisfaction", "people": [other.pk], "language": "en", "days": 14}, "people"),
        ({"kind": "gossip", "people": [world.cn_boss.pk], "language": "en", "days": 14}, "kind"),
        ({"kind": "satisfaction", "people": [world.cn_boss.pk], "language": "fr", "days": 14}, "language"),
        ({"kind": "satisfaction", "people": [world.cn_boss.pk], "language": "en", "days": 400}, "days"),
    ):
        response = owner_client.post(reverse("survey_send", args=["guodian"]), data)
        assert response.status_code == 422, data
        assert field in response.context["form"].errors, (field, response.context["form"].errors)
    assert not SurveyLink.objects.exists()


@pytest.mark.parametrize(
    ("lang", "says", "not_says"),
    [
        ("zh-hans", "请至少选择一位调查对象。", "这个字段是必填项。"),
        ("en", "Choose at least one person to ask.", "This field is required."),
    ],
    ids=["zh-hans", "en"],
)
def test_making_links_with_nobody_ticked_asks_for_a_person(owner_client, world, lang, says, not_says):
    """A seller pressed 生成链接 with nobody ticked and read the generic "这个字段是必填项。" under 发送给."""
    data = {"kind": "satisfaction", "language": "zh-hans", "days": 14}
    response = owner_client.post(reverse("survey_send", args=["guodian"]), data, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 422
    errors = response.content.decode().split('class="people"')[1].split("</fieldset>")[0]
    assert says in errors and not_says not in errors


def test_the_owner_revokes_a_link(owner_client, world):
    ((link, url),) = send(world, [world.cn_boss])
    response = owner_client.post(reverse("survey_link_revoke", args=["guodian", link.pk]))
    assert response.status_code == 302
    assert owner_client.get(url).status_code == 410


def test_names_with_script_render_as_text(owner_client, world):
    world.cn_boss.name = "<script>alert(1)</script>"
    world.cn_boss.save()
    send(world, [world.cn_boss])
    html = owner_client.get(reverse("surveys", args=["guodian"])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


# --- interviews -------------------------------------------------------------------------------------


def _interview_post(world, **changes):
    data = {
        "q_people_decides": "党委会拍板，财务总监赵六可以否决",
        "named_people": "赵六, 财务总监\n王建国, 总经理",
        "deciders": [Person.objects.get(account=world.cn, name="李明").pk],
        "attitude": "supporter",
        "factor_price": "3",
        "factor_compliance": "5",
    }
    return interview_post(world, **{**data, **changes})


def test_the_guide_asks_by_role_and_stage(owner_client, world):
    url = reverse("interview", args=["guodian"])
    page = owner_client.get(url, {"person": world.cn_boss.pk, "deal": world.cn_deal.pk}).content.decode()
    # the boss is the deal's decision maker, the deal is at evaluation: both shape the questions
    assert "多大的回报" in page and "如何比较各个方案" in page
    gatekeeper = owner_client.get(url, {"role": "gatekeeper", "stage": "purchase_decision"}).content.decode()
    assert "技术或合规标准" in gatekeeper and "签合同之前" in gatekeeper


def test_a_first_visit_to_the_guide_says_nothing_is_missing_and_starts_at_the_deals_stage(
    owner_client, world
):
    page = owner_client.get(reverse("interview", args=["guodian"])).content.decode()
    assert "这个字段是必填项" not in page and "This field is required" not in page
    # the account's one open deal is at evaluation: its questions, not those of need recognition
    assert "如何比较各个方案" in page
    assert re.search(r'<option value="evaluation" selected>', page)


def test_an_interview_is_saved_as_an_interaction_and_its_updates_are_accepted_through_the_services(
    owner_client, world
):
    response = owner_client.post(reverse("interview", args=["guodian"]), _interview_post(world))
    assert response.status_code == 302, response.context["form"].errors
    interview = Interview.objects.get()
    interaction = interview.interaction
    assert interaction.kind == "interview" and interaction.deal == world.cn_deal
    assert "党委会拍板" in interaction.summary and "最终由谁拍板" in interaction.summary
    kinds = sorted(p.kind for p in interview.proposals.all())
    assert kinds == ["attitude", "decides", "factors", "new_person"]  # 王建国 is on the map already
    detail = owner_client.get(response["Location"]).content.decode()
    assert "将 赵六（财务总监）加入作战地图" in detail
    for proposal in interview.proposals.all():
        url = reverse("proposal_decide", args=["guodian", interview.pk, proposal.pk])
        assert owner_client.post(url, {"decision": "accept", "version": proposal.version}).status_code == 302
    assert Person.objects.filter(account=world.cn, name="赵六", title="财务总监").exists()
    li = Person.objects.get(account=world.cn, name="李明")
    assert "decision_maker" in world.cn_deal.roles.get(person=li).roles
    assert world.cn_deal.roles.get(person=world.cn_boss).attitude == "supporter"
    world.cn_deal.refresh_from_db()
    assert world.cn_deal.decision_factors == {"price": 3, "compliance": 5}
    assert set(Proposal.objects.values_list("state", flat=True)) == {"accepted"}
    # accepted once: a second accept is refused, naming why
    proposal = Proposal.objects.first()
    url = reverse("proposal_decide", args=["guodian", interview.pk, proposal.pk])
    assert owner_client.post(url, {"decision": "accept", "version": proposal.version}).status_code == 422


def test_interview_bad_input_names_the_field(owner_client, world):
    url = reverse("interview", args=["guodian"])
    empty = {k: v for k, v in _interview_post(world).items() if not k.startswith("q_")}
    response = owner_client.post(url, empty)
    assert response.status_code == 422 and "q_goals_business" in response.context["form"].errors
    no_deal = _interview_post(world, deal="")
    response = owner_client.post(url, no_deal)
    assert response.status_code == 422 and "deal" in response.context["form"].errors
    response = owner_client.post(url, _interview_post(world, factor_price="9"))
    assert response.status_code == 422 and "factor_price" in response.context["form"].errors
    assert not Interaction.objects.filter(kind="interview").exists()


def test_a_proposal_decision_must_be_accept_or_dismiss(owner_client, world):
    interview = saved_interview(world)
    proposal = interview.proposals.first()
    url = reverse("proposal_decide", args=["guodian", interview.pk, proposal.pk])
    response = owner_client.post(url, {"decision": "maybe", "version": proposal.version})
    assert response.status_code == 422 and "decision" in response.context["errors"]


# --- the API ----------------------------------------------------------------------------------------


def _api(client, user):
    secret = token_create(user=user, name="t").secret
    return lambda method, path, body=None: getattr(client, method)(
        path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )


def _routes(world):
    ((link, _url),) = send(world, [world.cn_boss])
    return [
        ("get", "/api/accounts/guodian/questionnaires", None, 200),
        (
            "post",
            "/api/accounts/guodian/questionnaires",
            {"kind": "satisfaction", "people": [world.cn_boss.pk], "language": "en"},
            201,
        ),
        ("post", f"/api/survey-links/{link.pk}/revoke", None, 200),
        ("get", "/api/accounts/guodian/interview-guide?role=coach&stage=evaluation", None, 200),
    ]


def test_api_owner_works_outsider_404_anonymous_401(client, world):
    owner, outsider = _api(client, world.owner), _api(client, world.outsider)
    for method, path, body, ok in _routes(world):
        assert outsider(method, path, body).status_code == 404, path
        assert getattr(client, method)(path, body, content_type="application/json").status_code == 401, path
        response = owner(method, path, body)
        assert response.status_code == ok, (path, response.content)
    sent = owner(
        "post",
        "/api/accounts/guodian/questionnaires",
        {"kind": "decision_factors", "people": [world.cn_boss.pk]},
    )
    url = sent.json()["links"][0]["url"]
    assert "/q/" in url and client.get(url).status_code == 200
    listing = owner("get", "/api/accounts/guodian/questionnaires").json()["items"]
    assert "/q/" not in str(listing) and {link["state"] for q in listing for link in q["links"]} >= {
        "open",
        "revoked",
    }


def test_api_bad_input_names_the_field(client, world):
    owner = _api(client, world.owner)
    other = Person.objects.get(account=world.en)
    for body, field in (
        ({"kind": "satisfaction", "people": [other.pk]}, "people"),
        ({"kind": "satisfaction", "people": [world.cn_boss.pk], "days": 0}, "days"),
        ({"kind": "gossip", "people": [world.cn_boss.pk]}, "kind"),
    ):
        response = owner("post", "/api/accounts/guodian/questionnaires", body)
        assert response.status_code == 422, body
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    response = owner("get", "/api/accounts/guodian/interview-guide?role=boss&stage=evaluation")
    assert response.status_code == 422 and "role" in [e["field"] for e in response.json()["errors"]]


def test_a_person_named_with_a_name_too_long_for_the_map_is_refused_when_the_interview_is_saved(
    owner_client, world
):
    long_name = "赵" * 300
    post = _interview_post(world, named_people=f"王五, 主任\n{long_name}, 财务总监")
    response = owner_client.post(reverse("interview", args=["guodian"]), post)
    assert response.status_code == 422
    (error,) = response.context["form"].errors["named_people"]
    assert (
        error.startswith("第 2 行，") and "200" in error and "300" in error
    )  # the line, the field, the limit
    assert not Interview.objects.exists() and not Proposal.objects.exists()


def test_answers_too_long_to_keep_as_the_interviews_summary_are_refused_at_the_first_question(
    owner_client, world
):
    from battlemap.surveys.guides import guide

    questions = guide("decision_maker", "evaluation")
    assert len(questions) * 4000 > 20_000  # every answer as long as the form takes
    post = _interview_post(world) | {f"q_{q.code}": "长" * 4000 for q in questions}
    response = owner_client.post(reverse("interview", args=["guodian"]), post)
    assert response.status_code == 422
    (error,) = response.context["form"].errors[f"q_{questions[0].code}"]
    assert "20000" in error
    assert not Interview.objects.exists() and not Interaction.objects.exists()
