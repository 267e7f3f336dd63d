"""The trial's 12-person hospital account (江南省人民医院, trial 23): the reporting tree, the titles and the
buying roles and attitudes of its deal as the tester's org chart page listed them."""

from __future__ import annotations

from battlemap.accounts.models import Account
from battlemap.process.models import BodyMember, BodyRole, DecisionBody
from tests import factories as f

# name, title, manager, roles, attitude, influence
PEOPLE = [
    ("陈建国", "党委书记", None, ["decision_maker"], "neutral", 5),
    ("刘志强", "院长", "陈建国", ["decision_maker"], "advocate", 5),
    ("王海燕", "副院长（分管信息化）", "刘志强", ["influencer", "champion"], "advocate", 4),
    ("钱红", "院办主任", "刘志强", ["gatekeeper"], "neutral", 3),
    ("郑伟", "医务处处长", "刘志强", ["user"], "supporter", 3),
    ("周强", "副院长（分管后勤与采购）", "刘志强", ["influencer"], "skeptic", 4),
    ("赵明", "信息中心主任", "王海燕", ["influencer", "user", "coach"], "supporter", 3),
    ("孙丽", "信息中心工程师", "赵明", ["user"], "neutral", 2),
    ("黄磊", "门诊部主任", "郑伟", ["user"], "skeptic", 2),
    ("林涛", "财务处处长", "周强", ["decision_maker", "influencer"], "supporter", 3),
    ("吴芳", "采购中心主任", "周强", ["purchaser"], "neutral", 3),
    ("张教授", "省卫健委信息化专家组成员", None, ["influencer"], "supporter", 3),
]

# name, kind, chair, members, buying roles in the deal
BODIES = [
    ("党委会", "party_committee", "陈建国", ["陈建国", "刘志强", "王海燕", "周强"], ["decision_maker"]),
    ("院长办公会", "executive_meeting", "刘志强", ["刘志强", "钱红", "王海燕", "周强"], ["influencer"]),
]


def hospital(owner) -> Account:
    """The hospital, its people, its two decision bodies and its deal 智慧医院HIS升级项目 (evaluation), owned by `owner`."""
    account = f.account(owner=owner, slug="jnsrmyy", name="江南省人民医院")
    deal = f.deal(account=account, name="智慧医院HIS升级项目", stage="evaluation")
    made = {}
    for name, title, boss, roles, attitude, influence in PEOPLE:
        made[name] = f.person(
            account=account,
            name=name,
            title=title,
            reports_to=made.get(boss),
            status="left" if name == "钱红" else "active",
        )
        f.role(deal=deal, person=made[name], roles=roles, attitude=attitude, influence=influence)
    for name, kind, chair, members, roles in BODIES:
        body = DecisionBody.objects.create(account=account, name=name, kind=kind, chair=made[chair])
        for member in members:
            BodyMember.objects.create(body=body, person=made[member])
        BodyRole.objects.create(deal=deal, body=body, roles=roles)
    return account
