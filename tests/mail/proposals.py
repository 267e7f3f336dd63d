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


def batch_outcome(account) -> tuple:  # noqa: ANN001
    """The map, the suggestions and the history rows an accept-all leaves (their reason without the batch's time):
    what the batch and accepting each line on its own must leave alike (also `bench/mail_accept.py`)."""
    from battlemap.deals.models import StakeholderRole

    managers = sorted(Person.objects.filter(account=account).values_list("pk", "reports_to_id"))
    roles = sorted(
        StakeholderRole.objects.filter(deal__account=account).values_list("deal_id", "person_id", "roles")
    )
    states = sorted(Suggestion.objects.filter(account=account).values_list("pk", "state"))
    # a role by its deal and person: a created row's id is not reused after a rollback on PostgreSQL
    keys = {Person: ("id",), StakeholderRole: ("deal_id", "person_id"), Suggestion: ("id",)}
    history = sorted(
        (model.__name__, tuple(row[:-2]), row[-2], row[-1].rsplit("#", 1)[0])
        for model, key in keys.items()
        for row in model.history.filter(history_change_reason__contains="batch").values_list(
            *key, "history_type", "history_change_reason"
        )
    )
    return managers, roles, states, history


def accept_each(account, user, percent: int) -> list[tuple[int, str]]:  # noqa: ANN001
    """Accept-all done the old way: `suggestion_accept` for each line from `percent`% up, in accept-all's order,
    each reading the account anew; (suggestion id, reason in words) of those left pending."""
    from django.db import transaction
    from django.utils import timezone

    from battlemap.core.reasons import reason as stored_reason
    from battlemap.mail.services.batches import BATCH_MARK, GUESS_ALONE
    from battlemap.mail.services.suggestions import BATCH_KINDS, SuggestionError, suggestion_accept

    reason = stored_reason(
        "batch", percent, user.get_username(), f"{BATCH_MARK}{timezone.now():%Y%m%d%H%M%S%f}"
    )
    chosen = Suggestion.objects.filter(
        account=account, state="pending", kind__in=BATCH_KINDS, probability__gte=percent / 100.0
    ).order_by("-probability", "id")
    skipped = []
    for suggestion in chosen:
        if any(e.get("code") == "low_confidence" for e in suggestion.evidence or ()):
            skipped.append((suggestion.pk, str(GUESS_ALONE)))
            continue
        try:
            with transaction.atomic():
                suggestion_accept(suggestion=suggestion, user=user, reason=reason, keep_manager=True)
        except SuggestionError as error:
            skipped.append((suggestion.pk, str(error)))
    return skipped


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
