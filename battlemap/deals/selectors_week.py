"""Reads for "This week" (the home page): what needs the user across every account they may see
(a manager: every account of his reps).

What moved this week — new, worse and resolved flags, stage moves, role and attitude changes, health
moves — comes from the analysis changes since a week ago (`maps.changes_since_many`, cached per
account and day, the same source as the "What changed" page), and the key people going stale from the
analysis coverage (`key`, `stale_soon`, `days_since_contact`; those never contacted apart): nothing here decides what is key,
stale, flagged or overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.analysis.flag_registry import AFTER_SALE_FLAGS
from battlemap.core.access import accounts_visible_to, managed_team_ids
from battlemap.core.dates import end_of_day
from battlemap.core.text import colleague_label
from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from battlemap.deals.selectors_changes import health_moves, role_moves
from battlemap.deals.selectors_pipeline import managed_accounts
from battlemap.maps import changes_since_many, key_people_summaries, severity_rank
from battlemap.people.models import Person
from battlemap.surveys.models import SurveyResponse

ACTION_HORIZON_DAYS = 7  # action items due within a week show up
CLOSE_HORIZON_DAYS = 30  # deals expected to close within a month
WEEK_DAYS = 7  # flags new or worse since this many days ago
# What else moved this week, by the name of its list in the analysis changes.
MOVES = ("stage_moves", "status_changes", "role_changes", "resolved_flags", "health")
MOVES_SHOWN = 50  # lines of each list shown (flags, stale key people, moves), then "and N more"
# (each account's What changed has them all)


@dataclass
class FlagLine:
    deal: Deal
    flag: dict  # {"code", "severity", "people", "reason", "action", …} from the analysis changes
    people: list[Person]
    worse: bool  # the flag existed last week with a lower severity


@dataclass
class ChangeLine:
    deal: Deal
    change: Any  # a row of the analysis changes (a list of MOVES: "stage_moves", "status_changes", …), or a JoinedDeal


@dataclass
class AnswerLine:
    account: Account  # the account answered about (a questionnaire may be for no deal)
    answer: dict  # a row of the changes' "survey_answers" (maps.answers.survey_answers)


@dataclass
class StaleLine:
    role: StakeholderRole
    days: int | None  # days since the last contact; None = never contacted
    stale: bool  # the analysis' `stale`: no contact within the team's stale_days


@dataclass
class MoveList:
    lines: list  # the first MOVES_SHOWN (ChangeLine, FlagLine, StaleLine or AnswerLine)
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.lines)


def my_action_items(*, user, accounts, today: date):
    """`user`'s open action items (`ActionItemQuerySet.still_open`: a won or lost deal's too) in the deals of
    `accounts`, due by `today` + ACTION_HORIZON_DAYS (overdue included), soonest first."""
    return (
        ActionItem.objects.still_open()
        .filter(deal__account__in=accounts, owner=user, due__lte=today + timedelta(days=ACTION_HORIZON_DAYS))
        .select_related("deal__account", "person")
        .order_by("due", "id")
    )


def _with_open_deals(accounts) -> list:
    return list(accounts.filter(deals__status="open").distinct())


def _moved_since(accounts, since: date) -> list:
    """The accounts with an open deal, with a deal written since the end of day `since` (a deal won, lost or
    reopened in the week shows though it was its account's last open deal), with a questionnaire answered
    since then (a won deal's customer now dissatisfied: the after-sale flags), or with the account itself edited
    since then (handed over: a prospect without an open deal is news to its new owner)."""
    after = end_of_day(since)
    written = Deal.history.filter(history_date__gt=after).values("account_id")
    # an account edited in the week: one handed over (no open deal: a leaver's prospect) is news to its new owner
    edited = Account.history.filter(history_date__gt=after).values("id")
    answered = SurveyResponse.objects.filter(answered_at__gt=after).values("account_id")
    return list(
        accounts.filter(
            Q(deals__status="open") | Q(pk__in=written) | Q(pk__in=answered) | Q(pk__in=edited)
        ).distinct()
    )


def week_changes(*, accounts, today: date) -> dict[int, dict]:
    """The analysis changes since a week ago of every account with an open deal or a deal written in
    the week (closed or reopened), {account id: changes}, read from the cache at once."""
    week_ago = today - timedelta(days=WEEK_DAYS)
    lists = ("new_flags", "worse_flags", "owner_changes", *MOVES, "survey_answers")
    return changes_since_many(accounts=_moved_since(accounts, week_ago), since=week_ago, lists=lists)


def week_analyses(*, accounts, today: date) -> tuple[dict[int, dict], list]:
    """What This week reads of the analysis of `accounts` (a queryset): the changes since a week ago
    (`week_changes`) and the (deal id, holder) pairs of the key people of open deals (`_key_holders`), each
    read from the cache at once and computed there when missing. The page calls it, and so does the worker's
    warm-up (`ops.warm`), so what is warmed is exactly what the page reads."""
    return week_changes(accounts=accounts, today=today), list(_key_holders(accounts))


def flag_changes(
    *, accounts, today: date, changes: dict[int, dict] | None = None, shown: int = MOVES_SHOWN
) -> MoveList:
    """Flags on open deals that are new since a week ago, or got more severe, and the after-sale flags
    (`AFTER_SALE_FLAGS`: a customer dissatisfied, a detractor at a loyal account) on won deals, most severe
    first: the first `shown` lines and how many in all. The changes of every account are read from the cache at
    once; the open deals, the deals shown and their people in one query each."""
    changes = week_changes(accounts=accounts, today=today) if changes is None else changes
    found = [
        (worse, flag)
        for result in changes.values()
        for worse, rows in ((False, result["new_flags"]), (True, result["worse_flags"]))
        for flag in rows
    ]
    status = dict(Deal.objects.filter(pk__in={f["deal"] for _w, f in found}).values_list("pk", "status"))
    found = [
        (worse, flag)
        for worse, flag in found
        if status.get(flag["deal"]) == "open"
        or (status.get(flag["deal"]) == "won" and flag["code"] in AFTER_SALE_FLAGS)
    ]
    found.sort(key=lambda pair: -severity_rank(pair[1]["severity"]))
    total, found = len(found), found[:shown]
    # with the account's owner: a manager reads whose deal each flag is on (a sales manager's trial)
    deals = Deal.objects.select_related("account__owner").in_bulk({f["deal"] for _w, f in found})
    people = Person.objects.in_bulk({pid for _w, f in found for pid in f["people"]})
    lines = [
        FlagLine(deals[flag["deal"]], flag, [people[i] for i in flag["people"] if i in people], worse)
        for worse, flag in found
    ]
    return MoveList(lines, total)


def week_moves(*, changes: dict[int, dict], since: date) -> dict[str, MoveList]:
    """Stage moves, deals closed or reopened, role and attitude changes, resolved flags, health moves and
    questionnaires answered ("survey_answers": AnswerLines, `_answer_lines`) of the week (`changes` since the end of `since`), each with its deal (one query for all of them),
    {list name: MoveList}; health and roles read as the What changed page reads them
    (`selectors_changes`): health where it moved (a new deal's first health too), and "joined" — a
    `ChangeLine` per deal people joined in the week, its change the `JoinedDeal` — apart from the role
    and attitude changes, those made after joining included."""
    rows = {name: [row for result in changes.values() for row in result.get(name, [])] for name in MOVES}
    rows["health"] = health_moves(rows["health"])
    roles = role_moves(rows["role_changes"], since=since)
    rows["role_changes"] = roles.changes
    shown = {name: found[:MOVES_SHOWN] for name, found in rows.items()}
    joined = roles.joined[:MOVES_SHOWN]
    deals = Deal.objects.select_related("account").in_bulk(
        {row["deal"] for found in shown.values() for row in found} | {j.deal for j in joined}
    )
    moves = {
        name: MoveList(
            [ChangeLine(deals[row["deal"]], row) for row in found if row["deal"] in deals], len(rows[name])
        )
        for name, found in shown.items()
    }
    moves["joined"] = MoveList(
        [ChangeLine(deals[j.deal], j) for j in joined if j.deal in deals], len(roles.joined)
    )
    moves["survey_answers"] = _answer_lines(changes)
    return moves


def handed_to(*, user, changes: dict[int, dict]) -> list[tuple[Account, dict]]:
    """The accounts handed to `user` in the week (`changes`: week_changes' owner changes, history.account_owner_changes),
    each with its last such change, newest first: a new owner learns what they took over (a director's trial: a
    handover was only on the account's timeline). The change's `before_label` names the previous owner as every
    list of colleagues does (`core.text.colleague_label`: "rep3 (deactivated)" once they left). Two queries."""
    rows = {
        pk: change
        for pk, result in changes.items()
        for change in result.get("owner_changes", [])
        if change["after"] == user.get_username()
    }
    accounts = Account.objects.in_bulk(list(rows))
    found = [(accounts[pk], rows[pk]) for pk in rows if pk in accounts and accounts[pk].owner_id == user.pk]
    names = {change["before"] for _account, change in found}
    users = {u.get_username(): u for u in get_user_model()._default_manager.filter(username__in=names)}
    found = [
        (
            account,
            {**change, "before_label": colleague_label(users.get(change["before"])) or change["before_name"]},
        )
        for account, change in found
    ]
    return sorted(found, key=lambda pair: pair[1]["at"], reverse=True)


def _answer_lines(changes: dict[int, dict]) -> MoveList:
    """The questionnaires answered in the week, newest first, each with its account (one query): a
    satisfaction survey is often for no deal."""
    found = sorted(
        ((pk, row) for pk, result in changes.items() for row in result.get("survey_answers", [])),
        key=lambda item: item[1]["at"],
        reverse=True,
    )
    accounts = Account.objects.in_bulk({pk for pk, _row in found[:MOVES_SHOWN]})
    lines = [AnswerLine(accounts[pk], row) for pk, row in found[:MOVES_SHOWN] if pk in accounts]
    return MoveList(lines, len(found))


def team_overdue_items(*, user, accounts, today: date):
    """A manager's reps' overdue open action items (`ActionItemQuerySet.still_open`: a won or lost deal's too)
    on the deals of his team's accounts (`managed_accounts`, the pipeline's "my reps'"; not his own items: those
    are in "my action items"); empty for anyone who manages no team."""
    if not managed_team_ids(user).exists():
        return ActionItem.objects.none()
    team_accounts = accounts.filter(managed_accounts(user))
    return (
        ActionItem.objects.still_open()
        .filter(deal__account__in=team_accounts, due__lt=today)
        .exclude(owner=user)
        .select_related("deal__account", "person", "owner")
        .order_by("due", "id")
    )


def _key_holders(accounts):
    """(deal id, holder {"person_id", "stale", "stale_soon", "days_since_contact"}) for every key person of
    every open deal (the analysis' `key`), read from a small cached summary for every account at once."""
    with_open = _with_open_deals(accounts)
    open_deals = set(Deal.objects.filter(account__in=with_open, status="open").values_list("pk", flat=True))
    for rows in key_people_summaries(accounts=with_open).values():
        for holder in rows:
            if holder["deal"] in open_deals:
                yield holder["deal"], holder


def stale_key_people(*, accounts, today: date, holders=None, shown: int = MOVES_SHOWN) -> MoveList:
    """Key people of open deals who are stale or going stale (the analysis' `stale_soon`: contacted, but
    long ago), longest without contact first; each person once: the first `shown` lines and how many
    in all."""
    holders = _key_holders(accounts) if holders is None else holders
    return _key_people_lines(holders, lambda holder: holder["stale_soon"], shown)


def never_contacted_key_people(*, accounts, holders=None, shown: int = MOVES_SHOWN) -> MoveList:
    """Key people of open deals never contacted (no `days_since_contact` in the analysis), each once."""
    holders = _key_holders(accounts) if holders is None else holders
    return _key_people_lines(holders, lambda holder: holder["days_since_contact"] is None, shown)


def _key_people_lines(holders, keep, shown: int) -> MoveList:
    """The key people `keep` chooses among (deal id, holder) pairs, each person once (his first deal),
    longest without contact first: the first `shown` as lines with their role and how many in all."""
    found: dict[int, tuple[int, int | None, bool]] = {}  # person id → (deal id, days, stale)
    for deal_id, holder in holders:
        if keep(holder) and holder["person_id"] not in found:
            found[holder["person_id"]] = (deal_id, holder["days_since_contact"], holder["stale"])
    ordered = sorted(found.items(), key=lambda item: -(item[1][1] if item[1][1] is not None else 10_000))
    first = dict(ordered[:shown])
    roles = {
        (r.deal_id, r.person_id): r
        for r in StakeholderRole.objects.filter(
            deal_id__in={deal for deal, _days, _stale in first.values()}, person_id__in=first
        ).select_related("person__account", "deal__account")
    }
    lines = [
        StaleLine(roles[(deal_id, pid)], days, stale)
        for pid, (deal_id, days, stale) in first.items()
        if (deal_id, pid) in roles
    ]
    return MoveList(lines, len(found))


def closing_soon(*, accounts, today: date):
    """Open deals of `accounts` expected to close by `today` + CLOSE_HORIZON_DAYS (a passed date included),
    soonest first."""
    return (
        Deal.objects.filter(
            account__in=accounts,
            status="open",
            expected_close__lte=today + timedelta(days=CLOSE_HORIZON_DAYS),
        )
        .select_related("account__owner")
        .order_by("expected_close")
    )


def week_agenda(*, user, today: date | None = None) -> dict:
    """This week (`/`) for `user` over the accounts they may see: {"today", "has_accounts", "action_items"
    (mine, my_action_items), "team_overdue" (my reps' overdue items, a manager's), "handed_to_me" (accounts
    handed to me in the week, `handed_to`), "flags" (new or worse
    since WEEK_DAYS ago, MoveList), "moves" (what moved in the week), "stale" and "never" (key people going
    stale / never contacted, MoveList of StaleLine), "watched" (any open deal has a key person), "closing"
    (closing_soon), "editable" (ids of the accounts `user` may edit)}. `today` defaults to the local day."""
    today = today or timezone.localdate()
    accounts = accounts_visible_to(user)
    # the changes of every account, read once (computing them caches today's analyses on the way)
    changes, holders = week_analyses(accounts=accounts, today=today)
    stale = stale_key_people(accounts=accounts, today=today, holders=holders)
    never = never_contacted_key_people(accounts=accounts, holders=holders)
    return {
        "today": today,
        "has_accounts": accounts.exists(),
        "action_items": my_action_items(user=user, accounts=accounts, today=today),
        "team_overdue": team_overdue_items(user=user, accounts=accounts, today=today),
        "handed_to_me": handed_to(user=user, changes=changes),
        "flags": flag_changes(accounts=accounts, today=today, changes=changes),
        "moves": week_moves(changes=changes, since=today - timedelta(days=WEEK_DAYS)),
        "stale": stale,
        "never": never,
        "watched": bool(holders),
        "closing": closing_soon(accounts=accounts, today=today),
        # where the user may log contact (a manager reviews his reps' accounts, he does not edit them)
        "editable": set(accounts_visible_to(user, "edit").values_list("pk", flat=True)),
    }
