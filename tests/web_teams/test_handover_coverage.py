"""A handover gives the new owner the account with its open deals as the old owner worked them: their open action
items and who covers each stakeholder (docs/security.md, "A seller who leaves"). A trial handed a leaver's account
over and the role's coverage still named the leaver (`GET /api/roles/<id>/coverage`): nobody on the deal knew the
decision maker was theirs to call."""

from __future__ import annotations

import pytest

from battlemap.accounts.services.handover import account_handover
from battlemap.deals.models import Coverage
from battlemap.users.services import user_deactivate
from tests import factories as f
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


def test_a_handover_gives_the_new_owner_the_old_owners_coverage_on_open_deals(world):
    boss_role = world.cn_deal.roles.get(person=world.cn_boss)
    Coverage.objects.create(stakeholder=boss_role, user=world.owner)
    li = world.cn.people.get(name="李明")
    li_role = f.role(deal=world.cn_deal, person=li, roles=["user"])
    Coverage.objects.create(stakeholder=li_role, user=world.owner)
    Coverage.objects.create(stakeholder=li_role, user=world.teammate)  # bob covers him already
    won = f.deal(account=world.cn, name="一期", status="won")
    Coverage.objects.create(stakeholder=f.role(deal=won, person=world.cn_boss), user=world.owner)
    user_deactivate(user=world.owner)

    account_handover(account=world.cn, to=world.teammate, note="alice left")

    api = _client_for(world.teammate)
    assert [c["user"] for c in api.get(f"/api/roles/{boss_role.pk}/coverage").json()] == ["bob"]
    assert [c["user"] for c in api.get(f"/api/roles/{li_role.pk}/coverage").json()] == ["bob"]  # once
    # a closed deal's record stays as it was: who covered the boss when it was won
    assert Coverage.objects.get(stakeholder__deal=won).user == world.owner
    history = Coverage.history.filter(stakeholder=boss_role).first()
    assert history.history_change_reason == "alice left"
