"""The training world: the shared test world, alice's won deal on the Chinese account with people whose
names, e-mails and phones must never reach a case, and a case made from it for the team."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import factories as f
from tests.api.conftest import Api as JsonApi
from tests.api.conftest import _client_for

SCENARIO = "energy-iot-tender"


def Api(user=None):  # noqa: N802 - reads like the client it returns
    """A JSON API client for `user` (a token of their own), or anonymous (tests/api's client)."""
    return _client_for(user) if user else JsonApi(Client())


SECRETS = {
    "names": ["王建国", "李明", "赵秘书长", "Jane Roe"],
    "emails": ["wangjg@guodian.example.cn", "li.ming@guodian.example.cn", "jane.roe@partner.example.com"],
    "phones": ["13800138000", "+86 21 5555 0188"],
}


@pytest.fixture
def won_deal(world):
    """A won deal on alice's account: the decision maker, a champion with notes naming others, an outside
    adviser, a link, and meetings whose notes carry names, e-mails and phones."""
    cn = world.cn
    boss, li = world.cn_boss, cn.people.get(name="李明")
    boss.email, boss.phone = SECRETS["emails"][0], SECRETS["phones"][0]
    boss.save()
    li.email, li.phone = SECRETS["emails"][1], SECRETS["phones"][1]
    li.concerns = "李明担心王建国不批预算；有事打 13800138000 或发 wangjg@guodian.example.cn"
    li.save()
    sec = f.person(account=cn, name="赵秘书长", title="办公室主任", reports_to=boss)
    adviser = f.person(
        account=cn,
        name="Jane Roe",
        title="Partner",
        external=True,
        external_kind="consultant",
        organisation="Roe Consulting",
        email=SECRETS["emails"][2],
    )
    deal = f.deal(account=cn, name="国电数据中台", stage="purchase_decision", competitors=["华通科技"])
    f.role(deal=deal, person=boss, roles=["decision_maker"], attitude="supporter", influence=5)
    f.role(
        deal=deal,
        person=li,
        roles=["champion", "user"],
        attitude="advocate",
        influence=3,
        personal_win="李明想升任副总，Jane Roe 也支持",
    )
    f.role(deal=deal, person=adviser, roles=["influencer"], attitude="neutral", influence=4)
    f.link(source=adviser, target=boss, kind="advises", note="Jane Roe 每月给王建国汇报")
    f.interaction(
        account=cn,
        people=[boss, li, sec],
        deal=deal,
        summary="与王建国、李明、赵秘书长开会；Jane Roe 电话 +86 21 5555 0188，国电智慧能源集团 确认预算",
    )
    deal.status = "won"
    deal.save()
    return deal


@pytest.fixture
def case(world, won_deal):
    from battlemap.training.cases import case_from_deal
    from battlemap.training.services import case_create

    title, data = case_from_deal(deal=won_deal)
    return case_create(made_by=world.manager, team=world.team, title=title, outcome="won", data=data)
