"""A row reached through another row — a deal's role, action item, process step or body's role, a person's dotted
line, a role's coverage — that a colleague deleted answers 410 like a person does (`core.access.get_for`), not the
404 of "not yours" (a CRM sync could not tell the two apart); an outsider still gets 404. A deleted row is named as
its model names it, the rows deleted with it read from their history ("李明远 → 王建国", not an empty name)."""

from __future__ import annotations

import pytest

from battlemap.people.services import person_delete
from tests import factories as f

from .conftest import _client_for

pytestmark = pytest.mark.django_db


def _made(api, path: str, body: dict) -> int:
    answer = api.post(path, body)
    assert answer.status_code == 201, answer.json()
    return answer.json()["id"]


@pytest.fixture
def bob(world):
    return _client_for(world.teammate)


MODELS = {
    "roles": "stakeholder_role",
    "action-items": "action_item",
    "process-steps": "process_step",
    "body-roles": "body_role",
}


@pytest.mark.parametrize("item", MODELS)
def test_a_deals_part_deleted_alone_answers_410_to_every_call(owner_api, bob, world, item):
    deal = world.cn_deal
    body = {
        "roles": {"person": world.cn.people.get(name="李明").pk, "roles": ["user"]},
        "action-items": {"text": "Send the ROI case"},
        "process-steps": {"kind": "bidding"},
        "body-roles": {
            "body": _made(bob, f"/api/accounts/{world.cn.slug}/decision-bodies", {"name": "采购委员会"}),
            "roles": ["decision_maker"],
        },
    }[item]
    pk = _made(bob, f"/api/deals/{deal.pk}/{item}", body)
    assert bob.delete(f"/api/{item}/{pk}").status_code == 204
    for answer in (
        owner_api.get(f"/api/{item}/{pk}", headers={"Accept-Language": "en"}),
        owner_api.patch(f"/api/{item}/{pk}", {"version": 1}),
        owner_api.delete(f"/api/{item}/{pk}"),
    ):
        assert answer.status_code == 410, answer.json()
        assert answer.json()["deleted"]["model"] == MODELS[item]
        assert answer.json()["deleted"]["id"] == pk
        assert answer.json()["deleted"]["by"] == "bob"


def test_the_role_is_named_by_its_person_and_deal(owner_api, bob, world):
    role = world.cn_deal.roles.get(person=world.cn_boss)
    assert bob.delete(f"/api/roles/{role.pk}").status_code == 204
    answer = owner_api.get(f"/api/roles/{role.pk}", headers={"Accept-Language": "en"})
    assert answer.json()["deleted"]["name"] == "王建国 in 物联网平台"
    assert answer.json()["detail"].startswith("Stakeholder role 王建国 in 物联网平台 was deleted by bob at ")


@pytest.mark.parametrize("kind", ["dotted-lines", "coverage"])
def test_a_second_delete_of_a_dotted_line_or_coverage_answers_410(owner_api, bob, objs, kind):
    pk = objs.dotted.pk if kind == "dotted-lines" else objs.coverage.pk
    assert bob.delete(f"/api/{kind}/{pk}").status_code == 204
    answer = owner_api.delete(f"/api/{kind}/{pk}", headers={"Accept-Language": "en"})
    assert answer.status_code == 410
    model, name = {
        "dotted-lines": ("dotted_line", "李明 → 周总监"),
        "coverage": ("coverage", "alice → 王建国 in 物联网平台"),
    }[kind]
    assert answer.json()["deleted"]["model"] == model
    assert answer.json()["deleted"]["name"] == name  # not "DottedLine object (1)"


def test_a_role_that_went_with_its_deal_answers_410_too(owner_api, bob, world):
    role = world.cn_deal.roles.get(person=world.cn_boss)
    assert bob.delete(f"/api/deals/{world.cn_deal.pk}").status_code == 204
    answer = owner_api.get(f"/api/roles/{role.pk}", headers={"Accept-Language": "en"})
    assert answer.status_code == 410
    assert answer.json()["deleted"]["name"] == "王建国 in 物联网平台"


def test_coverage_that_went_with_its_deal_is_named_by_its_user_person_and_deal(owner_api, bob, objs, world):
    """A reviewer's trial: the coverage of a deleted deal's role answered `"name": ""` ("Coverage  was deleted…")."""
    assert bob.delete(f"/api/deals/{world.cn_deal.pk}").status_code == 204
    answer = owner_api.get(f"/api/coverage/{objs.coverage.pk}", headers={"Accept-Language": "en"})
    assert answer.status_code == 410
    assert answer.json()["deleted"]["name"] == "alice → 王建国 in 物联网平台"


def test_an_outsider_still_gets_404_for_a_deleted_role(outsider_api, bob, world):
    role = world.cn_deal.roles.get(person=world.cn_boss)
    assert bob.delete(f"/api/roles/{role.pk}").status_code == 204
    answer = outsider_api.get(f"/api/roles/{role.pk}")
    assert answer.status_code == 404
    assert "王建国" not in answer.content.decode()


def test_a_link_deleted_with_its_person_is_named_by_its_two_people(owner_api, world):
    li = f.person(account=world.cn, name="李明远")
    link = f.link(source=li, target=world.cn_boss, note="n")
    person_delete(person=li)
    for lang, sentence in (
        ("en", "Influence link 李明远 → 王建国 was deleted "),
        ("zh-hans", "影响关系 李明远 → 王建国 "),
    ):
        answer = owner_api.get(f"/api/influence-links/{link.pk}", headers={"Accept-Language": lang})
        assert answer.status_code == 410
        assert answer.json()["deleted"]["name"] == "李明远 → 王建国"
        assert answer.json()["detail"].startswith(sentence)
