"""An interview's map updates do what their text says, as a new user met them: a decision-factor rating changes
only the factors rated, on the deal's own scale; a person named in two interviews is added once; a title
after a dash, colon or in parentheses is the title; the guide's heading reads right for every buying role."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from battlemap.analysis.factor_scale import rated_weights
from battlemap.deals.services import deal_update
from battlemap.interactions.models import Interaction
from battlemap.people.models import Person
from battlemap.surveys.forms import named_line
from battlemap.surveys.models import Interview, Proposal
from battlemap.vocab import BUYING_ROLES
from tests import factories as f
from tests.surveys.helpers import interview_post, saved_interview

pytestmark = pytest.mark.django_db

TYPED = {"technology": 30, "compliance": 20, "price": 20, "service": 15, "risk": 15}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def _accept(client, proposal, **headers):
    url = reverse("proposal_decide", args=["guodian", proposal.interview_id, proposal.pk])
    return client.post(url, {"decision": "accept", "version": proposal.version}, **headers)


def test_a_factor_rating_changes_only_that_factor_on_the_deals_own_scale(owner_client, world):
    deal_update(deal=world.cn_deal, version=world.cn_deal.version, decision_factors=TYPED)
    response = owner_client.post(
        reverse("interview", args=["guodian"]), interview_post(world, factor_price="1")
    )
    assert response.status_code == 302, response.context["form"].errors
    detail = owner_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # the proposal says what accepting does: price from 20 to 20 × 1/3 ≈ 7, the other factors kept
    assert "Decision factors of the deal: price 20 → 7 (rated 1/5); the others unchanged" in detail
    proposal = Proposal.objects.get(kind="factors")
    assert _accept(owner_client, proposal).status_code == 302
    world.cn_deal.refresh_from_db()
    assert world.cn_deal.decision_factors == {**TYPED, "price": 7}
    api = owner_client.get(f"/api/deals/{world.cn_deal.pk}").json()
    assert api["decision_factors"] == {**TYPED, "price": 7}
    # once accepted, the page says what it did (not what it would do to the weights now)
    detail = owner_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "price 20 → 7 (rated 1/5); the others unchanged" in detail
    # kept in the deal's history with the interview as its reason
    last = world.cn_deal.history.first()
    assert last.decision_factors == {**TYPED, "price": 7} and "interview" in (
        last.history_change_reason or ""
    )


def test_without_typed_weights_the_ratings_are_the_weights():
    merged, changes = rated_weights({}, {"price": 1, "risk": 5}, most=100)
    assert merged == {"price": 1, "risk": 5} and [c.before for c in changes] == [None, None]
    # a 3 is the deal's average factor; a 5 is 5/3 of it, within the deal's largest weight
    merged, _changes = rated_weights({"price": 80, "brand": 20}, {"quality": 3, "risk": 5}, most=100)
    assert merged == {"price": 80, "brand": 20, "quality": 50, "risk": 83}
    merged, _changes = rated_weights({"price": 90, "brand": 90}, {"risk": 5}, most=100)
    assert merged["risk"] == 100


def test_a_person_named_in_two_interviews_is_added_once(owner_client, world):
    first = saved_interview(world, attitude="").proposals.get()
    second = saved_interview(world, attitude="").proposals.get()
    assert _accept(owner_client, first).status_code == 302
    zhao = Person.objects.get(account=world.cn, name="赵六")
    response = _accept(owner_client, second, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    page = response.content.decode()
    assert "Already on the map" in page and "赵六" in page and f"id {zhao.pk}" in page
    assert Person.objects.filter(account=world.cn, name="赵六").count() == 1
    second.refresh_from_db()
    assert second.state == "open"  # still there to dismiss
    # a third interview naming them proposes nothing: they are on the map
    assert not saved_interview(world, attitude="").proposals.exists()


def test_a_person_named_without_a_title_is_proposed_without_empty_parentheses(owner_client, world):
    untitled = saved_interview(world, named_people=[("钱八", "")], attitude="")
    url = reverse("interview_detail", args=["guodian", untitled.pk])
    page = re.sub(r"[\u2066-\u2069]", "", owner_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "Add 钱八 to the map" in page and "钱八 ()" not in page


@pytest.mark.parametrize(
    "line, name, title",
    [
        ("李四 — 采购经理", "李四", "采购经理"),
        ("李四——采购经理", "李四", "采购经理"),
        ("李四，采购经理", "李四", "采购经理"),
        ("李四：采购经理", "李四", "采购经理"),
        ("李四（采购经理）", "李四", "采购经理"),
        ("Mary-Jane Smith - Head of Purchasing", "Mary-Jane Smith", "Head of Purchasing"),
        ("Tom Lee – CFO", "Tom Lee", "CFO"),
        ("Tom Lee -- CFO", "Tom Lee", "CFO"),
        ("Tom Lee: CFO", "Tom Lee", "CFO"),
        ("Tom Lee (CFO)", "Tom Lee", "CFO"),
        ("Tom Lee, CFO, Europe", "Tom Lee", "CFO, Europe"),
        ("Mary-Jane Smith", "Mary-Jane Smith", ""),
        ("张伟（北京）", "张伟（北京）", ""),  # a place in brackets is no title, as in an imported name cell
    ],
)
def test_the_usual_separators_part_a_name_from_a_title(line, name, title):
    assert named_line(line) == (name, title)


def test_a_title_after_a_dash_is_the_title_in_both_languages(owner_client, world):
    lines = "李四 — 采购经理\n孙七（总工程师）"
    response = owner_client.post(
        reverse("interview", args=["guodian"]), interview_post(world, named_people=lines)
    )
    assert response.status_code == 302, response.context["form"].errors
    payloads = [p.payload for p in Proposal.objects.filter(kind="new_person")]
    assert payloads == [{"name": "李四", "title": "采购经理"}, {"name": "孙七", "title": "总工程师"}]
    jane = Person.objects.get(account=world.en, name="Jane Doe")
    english = {
        "person": jane.pk,
        "role": "influencer",
        "stage": "evaluation",
        "occurred_on": "2026-11-20",
        "q_goals_business": "Cut delivery times by a fifth",
        "named_people": "Tom Lee – Head of Purchasing\nMary-Jane Smith: CFO",
    }
    response = owner_client.post(reverse("interview", args=["northwind"]), english, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.context["form"].errors
    interview = Interview.objects.get(account=world.en)
    assert [p.payload for p in interview.proposals.all()] == [
        {"name": "Tom Lee", "title": "Head of Purchasing"},
        {"name": "Mary-Jane Smith", "title": "CFO"},
    ]
    detail = owner_client.get(
        reverse("interview_detail", args=["northwind", interview.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Add Tom Lee (Head of Purchasing) to the map" in re.sub(
        r"[\u2066-\u2069]", "", detail.content.decode()
    )


def test_the_guides_heading_reads_right_for_every_buying_role(owner_client, world):
    url = reverse("interview", args=["guodian"])
    for code in BUYING_ROLES.codes:
        page = owner_client.get(url, {"role": code, "stage": "evaluation"}, HTTP_ACCEPT_LANGUAGE="en")
        heading = re.search(r"<h2>(Questions for [^<]*)</h2>", page.content.decode())
        label = BUYING_ROLES.label(code, "en")
        assert heading and heading[1] == f"Questions for the {label} role, at the evaluation stage", code


def test_a_name_on_the_map_already_is_said_not_dropped_silently(owner_client, world):
    """王建国 is on the map: not proposed again, and the page says so naming who is there."""
    response = owner_client.post(
        reverse("interview", args=["guodian"]),
        interview_post(world, named_people="王建国, 总经理\n赵六, 财务总监"),
        follow=True,
    )
    assert [p.payload["name"] for p in Proposal.objects.filter(kind="new_person")] == ["赵六"]
    said = [str(m) for m in response.context["messages"]]
    with translation.override("zh-hans"):
        expected = gettext("%(name)s is on the map already (%(people)s): not proposed as a new person.") % {
            "name": "王建国",
            "people": "王建国",
        }
    assert expected in said


def test_a_decider_of_another_account_is_refused_and_nothing_is_saved(world):
    stranger = f.person(account=world.other, name="Eve")
    before = Interaction.objects.count()
    with pytest.raises(ValidationError) as refused:
        saved_interview(world, deciders=[stranger])
    assert set(refused.value.error_dict) == {"deciders"}
    assert Interaction.objects.count() == before and not Interview.objects.exists()
