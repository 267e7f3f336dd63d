"""Suggestions a test can decide in bulk: two reporting lines and a decision maker for the Chinese account."""

from __future__ import annotations

from battlemap.mail.models import Suggestion
from battlemap.people.models import Person
from tests import factories as f


def propose_lines(world):  # noqa: ANN001, ANN201
    """(world, 李明, 赵磊, [李明 → 王建国 at 90%, 赵磊 decision maker at 85%, 赵磊 → 李明 at 40%])."""
    li = Person.objects.get(account=world.cn, name="李明")
    li.reports_to = None
    li.email = "li.ming@guodian.example"
    li.save()
    world.cn_boss.email = "wang@guodian.example"
    world.cn_boss.save()
    zhao = f.person(account=world.cn, name="赵磊", email="zhao@guodian.example")
    made = [
        Suggestion.objects.create(
            account=world.cn, kind="reports_to", email=li.email, name="李明", value="wang@guodian.example",
            probability=0.9,
        ),
        Suggestion.objects.create(
            account=world.cn, kind="decision_maker", email="zhao@guodian.example", name="赵磊",
            value=str(world.cn_deal.pk), probability=0.85,
        ),
        Suggestion.objects.create(
            account=world.cn, kind="reports_to", email="zhao@guodian.example", name="赵磊",
            value=li.email, probability=0.4,
        ),
    ]  # fmt: skip
    return world, li, zhao, made


def org_csv(org, path):  # noqa: ANN001, ANN201
    """A generated organisation's mail as an interaction CSV at `path` (the ingest path), returned."""
    from battlemap.io.mail.activity_csv import write_activity_csv

    rows = (
        {"message_id": r.uid, "date": r.occurred_at.isoformat(), "from": r.sender.email,
         "to": "; ".join(a.email for a in r.to), "cc": "", "subject": r.subject, "kind": "email"}
        for r in org.records
    )  # fmt: skip
    write_activity_csv(path, rows)
    return path
