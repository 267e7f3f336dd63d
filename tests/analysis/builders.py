"""Small hand-made snapshots: a healthy deal with no red flag, and helpers to spoil one detail."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from battlemap.analysis.types import (
    AccountInfo,
    ActionItemInfo,
    DealInfo,
    InfluenceLinkInfo,
    InteractionInfo,
    MapSnapshot,
    PersonInfo,
    StageChangeInfo,
    StakeholderInfo,
)

TODAY = date(2026, 11, 23)
WANG, LI, ZHANG, CHEN, ZHAO, SUN = 1, 2, 3, 4, 5, 6
DEAL = 10


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def healthy_snapshot() -> MapSnapshot:
    """One open deal at purchase decision (for 20 days, closing in a month, with a next step), every role
    held, everyone met lately, no red flag."""
    people = (
        PersonInfo(WANG, "王总", title="CEO", power=5, budget_control=5, personal_win="三年内上市"),
        PersonInfo(
            LI, "李工", title="CTO", reports_to=WANG, power=4, personal_win="Be seen as the moderniser"
        ),
        PersonInfo(ZHANG, "张经理", title="Procurement", reports_to=WANG),
        PersonInfo(CHEN, "陈主管", title="Operations lead", reports_to=LI),
        PersonInfo(
            ZHAO,
            "赵博士",
            title="Consultant",
            external=True,
            external_kind="consultant",
            organisation="设计院",
        ),
        PersonInfo(SUN, "孙秘书", title="Assistant", reports_to=WANG),
    )
    stakeholders = (
        StakeholderInfo(WANG, ("decision_maker",), attitude="supporter", influence=5, relationship=3),
        StakeholderInfo(LI, ("champion", "influencer"), attitude="advocate", influence=4, relationship=4),
        StakeholderInfo(ZHANG, ("purchaser",), attitude="neutral", influence=3, relationship=2),
        StakeholderInfo(CHEN, ("user",), attitude="supporter", influence=2, relationship=2),
        StakeholderInfo(ZHAO, ("influencer",), attitude="skeptic", influence=3, relationship=1),
    )
    deal = DealInfo(
        DEAL,
        "ERP 升级",
        stage="purchase_decision",
        stakeholders=stakeholders,
        competitors=("Acme",),
        customer_win="Cut month-end close to 3 days",
        our_win="Reference in retail",
        expected_close=TODAY + timedelta(days=30),
        stage_changes=(StageChangeInfo("purchase_decision", days_ago(20)),),
    )
    interactions = (
        InteractionInfo(100, days_ago(5), "meeting", (WANG, LI)),
        InteractionInfo(101, days_ago(10), "call", (ZHANG,)),
        InteractionInfo(102, days_ago(12), "visit", (CHEN, LI)),
        InteractionInfo(103, days_ago(20), "meeting", (ZHAO,)),
    )
    links = (
        InfluenceLinkInfo(ZHAO, WANG, "advises", 3),
        InfluenceLinkInfo(LI, WANG, "trusts", 2),
        InfluenceLinkInfo(CHEN, LI, "peer", 1),
    )
    return MapSnapshot(
        account=AccountInfo(1, "acme-retail", "华联零售"),
        today=TODAY,
        people=people,
        links=links,
        deals=(deal,),
        interactions=interactions,
        action_items=(ActionItemInfo(200, DEAL, "Send the contract draft", due=TODAY + timedelta(days=3)),),
    )


def with_stakeholder(snapshot: MapSnapshot, person_id: int, **changes: object) -> MapSnapshot:
    deal = snapshot.deals[0]
    roles = tuple(replace(sh, **changes) if sh.person_id == person_id else sh for sh in deal.stakeholders)
    return replace(snapshot, deals=(replace(deal, stakeholders=roles),))


def with_deal(snapshot: MapSnapshot, **changes: object) -> MapSnapshot:
    return replace(snapshot, deals=(replace(snapshot.deals[0], **changes),))


def with_person(snapshot: MapSnapshot, person_id: int, **changes: object) -> MapSnapshot:
    people = tuple(replace(p, **changes) if p.id == person_id else p for p in snapshot.people)
    return replace(snapshot, people=people)


def without_interactions_of(snapshot: MapSnapshot, person_id: int) -> MapSnapshot:
    kept = []
    for i in snapshot.interactions:
        rest = tuple(p for p in i.participants if p != person_id)
        if rest:
            kept.append(replace(i, participants=rest))
    return replace(snapshot, interactions=tuple(kept))


def org_chart(*rows: tuple[int, str, str, int | None]) -> tuple[PersonInfo, ...]:
    """The customer's people from (id, name, title, reports_to) rows."""
    return tuple(PersonInfo(pid, name, title=title, reports_to=boss) for pid, name, title, boss in rows)


def one_deal_map(
    account: tuple[str, str],
    people: tuple[PersonInfo, ...],
    stakeholders: tuple[StakeholderInfo, ...],
    *,
    deal: str,
    met: tuple[int, ...],
    met_on: date,
    links: tuple[InfluenceLinkInfo, ...] = (),
    **deal_fields: Any,
) -> MapSnapshot:
    """An account (slug, name) of `people` with one deal (7, `deal`, at evaluation, `deal_fields` besides) held by
    `stakeholders`, `links` drawn, and one meeting with `met` on `met_on`: the map a flag's or an advice's test
    spoils one detail of."""
    return MapSnapshot(
        AccountInfo(1, *account),
        TODAY,
        people=people,
        links=links,
        deals=(DealInfo(7, deal, stage="evaluation", stakeholders=stakeholders, **deal_fields),),
        interactions=(InteractionInfo(100, met_on, "meeting", met),),
    )
