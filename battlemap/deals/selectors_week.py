"""Reads for "This week" (the home page): what needs the user across every account they may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from battlemap.core.access import accounts_visible_to
from battlemap.deals.insight import account_insights
from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from battlemap.people.models import Person

ACTION_HORIZON_DAYS = 7  # action items due within a week show up
CLOSE_HORIZON_DAYS = 30  # deals expected to close within a month
STALE_AFTER_DAYS = 45  # DESIGN.md: engaged = an interaction in the last 45 days
STALE_WARNING_DAYS = 14  # warn two weeks before a key person goes stale
KEY_INFLUENCE = 4
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}


@dataclass
class FlagLine:
    deal: Deal
    flag: dict
    people: list[Person]
    worse: bool  # the flag existed last week with a lower severity


@dataclass
class StaleLine:
    role: StakeholderRole
    last_contact: datetime | None
    days: int | None


def my_action_items(*, user, accounts, today: date):
    return (
        ActionItem.objects.filter(
            deal__account__in=accounts,
            owner=user,
            done=False,
            due__lte=today + timedelta(days=ACTION_HORIZON_DAYS),
        )
        .select_related("deal__account", "person")
        .order_by("due", "id")
    )


def flag_changes(*, accounts, today: date) -> list[FlagLine]:
    """Flags on open deals that are new since a week ago, or got more severe."""
    week_ago = today - timedelta(days=7)
    lines = []
    for account in accounts.filter(deals__status="open").distinct():
        now, before = account_insights(account=account), account_insights(account=account, as_of=week_ago)
        people = {p.pk: p for p in account.people.all()}
        deals = {d.pk: d for d in account.deals.filter(status="open")}
        for deal_id, insight in now.items():
            if deal_id not in deals:
                continue
            old = {
                (f["code"], tuple(sorted(f["people"]))): f
                for f in (before[deal_id].flags if deal_id in before else [])
            }
            for flag in insight.flags:
                prior = old.get((flag["code"], tuple(sorted(flag["people"]))))
                worse = (
                    prior is not None and SEVERITY_RANK[flag["severity"]] > SEVERITY_RANK[prior["severity"]]
                )
                if prior is None or worse:
                    lines.append(
                        FlagLine(
                            deals[deal_id], flag, [people[i] for i in flag["people"] if i in people], worse
                        )
                    )
    lines.sort(key=lambda line: -SEVERITY_RANK[line.flag["severity"]])
    return lines


def stale_key_people(*, accounts, today: date) -> list[StaleLine]:
    """Key people of open deals with no contact for (45 − 14) days or more: stale soon, or already."""
    roles = StakeholderRole.objects.filter(
        deal__account__in=accounts, deal__status="open", person__status="active"
    ).select_related("person", "deal__account")
    key = [
        r
        for r in roles
        if "decision_maker" in r.roles or "champion" in r.roles or r.influence >= KEY_INFLUENCE
    ]
    last = dict(
        Person.objects.filter(pk__in={r.person_id for r in key})
        .annotate(last=Max("participations__interaction__occurred_at"))
        .values_list("pk", "last")
    )
    cutoff = STALE_AFTER_DAYS - STALE_WARNING_DAYS
    lines, seen = [], set()
    for role in key:
        contact = last.get(role.person_id)
        days = (today - timezone.localtime(contact).date()).days if contact else None
        if (days is None or days >= cutoff) and role.person_id not in seen:
            seen.add(role.person_id)
            lines.append(StaleLine(role, contact, days))
    lines.sort(key=lambda line: -(line.days if line.days is not None else 10_000))
    return lines


def closing_soon(*, accounts, today: date):
    return (
        Deal.objects.filter(
            account__in=accounts,
            status="open",
            expected_close__lte=today + timedelta(days=CLOSE_HORIZON_DAYS),
        )
        .select_related("account")
        .order_by("expected_close")
    )


def week_agenda(*, user, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    accounts = accounts_visible_to(user)
    return {
        "today": today,
        "action_items": my_action_items(user=user, accounts=accounts, today=today),
        "flag_lines": flag_changes(accounts=accounts, today=today),
        "stale": stale_key_people(accounts=accounts, today=today),
        "closing": closing_soon(accounts=accounts, today=today),
        "stale_after": STALE_AFTER_DAYS,
    }
