"""A role that already exists is named by the refusal, so that an integrator changes it instead of guessing (an
integrator's trial: only e-mail and CRM-id duplicates named the existing record)."""

from __future__ import annotations

import pytest

from battlemap.deals.models import StakeholderRole
from battlemap.process.models import BodyRole, DecisionBody

pytestmark = pytest.mark.django_db


def test_a_second_role_for_a_person_names_the_first(world, owner_api):
    existing = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    response = owner_api.post(
        f"/api/deals/{world.cn_deal.pk}/roles", {"person": world.cn_boss.pk, "roles": ["user"]},
        headers={"Accept-Language": "en"},
    )  # fmt: skip
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "person" and f"(role {existing.pk})" in error["message"]
    assert owner_api.get(f"/api/roles/{existing.pk}").status_code == 200  # the address to change it


def test_a_second_role_for_a_body_names_the_first(world, owner_api):
    body = DecisionBody.objects.create(account=world.cn, name="党委会", kind="party_committee")
    first = BodyRole.objects.create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    response = owner_api.post(
        f"/api/deals/{world.cn_deal.pk}/body-roles", {"body": body.pk, "roles": ["influencer"]},
        headers={"Accept-Language": "en"},
    )  # fmt: skip
    assert response.status_code == 422 and f"(role {first.pk})" in response.content.decode()
