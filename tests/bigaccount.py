"""A generated big account, written in bulk: used by the benchmarks in bench/ and by the tests that
check the exports and the pages of big accounts (1,000 people and more) (correctness only; speed stays in bench/).

`build(owner=..., people=2000, links=..., interactions=...)` gives a reporting tree (five direct reports
per manager), random influence links, three deals of 40 stakeholders each and interactions of one to
four customer participants, with Chinese names (some starting with "=" to check formula escaping).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from battlemap import vocab
from battlemap.accounts.models import Account
from battlemap.core.text import name_key
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.interactions.models import Interaction, Participant
from battlemap.people.models import InfluenceLink, Person

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文辉力"
TITLES = [
    "总经理",
    "副总经理",
    "总监",
    "部门经理",
    "主管",
    "工程师",
    "专员",
    "采购经理",
    "财务总监",
    "信息中心主任",
]


def build(
    *,
    owner,
    people: int = 2000,
    links: int | None = None,
    interactions: int | None = None,
    seed: int = 7,
    slug: str = "bench",
    deals: int = 3,
) -> Account:
    """Links default to 2 per person and interactions to 20 per person (2,000 people: 40k interactions);
    `deals` open deals (3 by default)."""
    deal_count = deals
    links = 2 * people if links is None else links
    interactions = 20 * people if interactions is None else interactions
    rnd = random.Random(seed)
    account = Account.objects.create(slug=slug, name="基准测试集团", owner=owner, lifecycle="growing")
    rows = []
    for i in range(people):
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2)))) + str(i)
        if i % 500 == 7:
            name = "=" + name
        rows.append(
            Person(
                account=account, name=name, name_key=name_key(name), title=rnd.choice(TITLES), status="active"
            )
        )
    for p in rows:
        if rnd.random() < 0.03:
            p.status, p.left_on = "left", timezone.now().date() - timedelta(days=30)
    Person.objects.bulk_create(rows, batch_size=2000)
    persons = list(Person.objects.filter(account=account).order_by("id"))
    for i, p in enumerate(persons[1:], start=1):
        p.reports_to_id = persons[(i - 1) // 5].id
    Person.objects.bulk_update(persons, ["reports_to"], batch_size=2000)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(links, people * (people - 1)):
        a, b = rnd.sample(persons, 2)
        pairs.add((a.id, b.id))
    InfluenceLink.objects.bulk_create(
        [
            InfluenceLink(
                account=account,
                source_id=a,
                target_id=b,
                kind=rnd.choice(vocab.LINK_KINDS),
                strength=rnd.randint(1, 3),
            )
            for a, b in sorted(pairs)
        ],
        batch_size=2000,
    )
    deals = Deal.objects.bulk_create(
        [
            Deal(account=account, name=f"商机{i}", stage=rnd.choice(vocab.STAGES), amount=1_000_000 * (3 - i))
            for i in range(deal_count)
        ]
    )
    roles = []
    for deal in deals:
        for p in rnd.sample(persons, min(40, people)):
            roles.append(
                StakeholderRole(
                    deal=deal,
                    person=p,
                    roles=[rnd.choice(vocab.ROLES)],
                    attitude=rnd.choice(vocab.ATTITUDES),
                    influence=rnd.randint(1, 5),
                    relationship=rnd.randint(0, 4),
                )
            )
    StakeholderRole.objects.bulk_create(roles)
    now = timezone.now()
    items = Interaction.objects.bulk_create(
        [
            Interaction(
                account=account,
                deal=rnd.choice(deals),
                kind=rnd.choice(vocab.INTERACTION_KINDS),
                occurred_at=now - timedelta(days=rnd.randint(0, 720), minutes=rnd.randint(0, 1440)),
                summary="会议纪要",
            )
            for _ in range(interactions)
        ],
        batch_size=2000,
    )
    parts = [
        Participant(interaction=item, person=p)
        for item in items
        for p in rnd.sample(persons, rnd.randint(1, 4))
    ]
    Participant.objects.bulk_create(parts, batch_size=2000)
    if connection.vendor == "postgresql":
        # Rows written inside a test's transaction are never seen by autovacuum: without statistics the
        # planner takes the tables for empty and joins 40k interactions to their participants row by row
        # (minutes). A real installation has them analysed within a minute of the commit.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return account
