"""Nothing new is recorded about a person whose data was erased (a team's trial: a colleague's deal-room form and
meeting form, opened before `person-erase`, then gave the "Erased person" placeholder a role and a lunch whose
summary named them); what they took part in before stays as it was."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from battlemap.deals.services import stakeholder_role_create
from battlemap.interactions.services import interaction_create, interaction_update
from battlemap.people.services.erase import person_erase
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def erased(world):
    person = f.person(account=world.cn, name="Erase Me")
    meeting = f.interaction(account=world.cn, people=[person, world.cn_boss])
    return person_erase(person=person), meeting


def test_an_erased_person_takes_no_new_part_in_a_deal(world, erased):
    placeholder, _meeting = erased
    with override("en"), pytest.raises(ValidationError) as refused:
        stakeholder_role_create(deal=world.cn_deal, person=placeholder, roles=["user"])
    assert "erased on their request" in refused.value.message_dict["person"][0]


def test_an_erased_person_joins_no_new_meeting_but_old_ones_keep_them(world, erased):
    placeholder, meeting = erased
    yesterday = timezone.now() - timedelta(days=1)
    with override("zh-hans"), pytest.raises(ValidationError) as refused:
        interaction_create(
            account=world.cn, kind="meeting", occurred_at=yesterday, participants=[placeholder],
            summary="Lunch: he told us about the budget",
        )  # fmt: skip
    assert "已按本人要求删除" in refused.value.message_dict["participants"][0]
    # an earlier meeting they took part in is edited as before, them still in it
    edited = interaction_update(
        interaction=meeting, version=meeting.version, participants=[placeholder, world.cn_boss],
        summary="Kick-off",
    )  # fmt: skip
    assert set(edited.participants.values_list("person_id", flat=True)) == {placeholder.pk, world.cn_boss.pk}
