"""What changed on an account's map and in its analysis since a day or a moment (a review's): the
analysis then against the analysis now, with the deals' status moves (docs/analysis.md, "changes").
Access must have been checked by the caller (core.access)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Min
from django.utils import timezone

from battlemap import analysis as engine
from battlemap.accounts.models import Account
from battlemap.analysis.types import MapSnapshot
from battlemap.audit.selectors import map_loads
from battlemap.core.dates import end_of_day

from .analysis import (
    MAP_VIEW,
    _analyze,
    _analyze_many,
    _key_people,
    _map_view,
    _read_in,
    analysis_language,
    analysis_settings,
    analysis_settings_many,
)
from .answers import survey_answers
from .cache import cache_alongside, cached_per_account
from .history import account_owner_changes, deal_status_changes, deal_term_changes, people_present
from .snapshot import build_snapshot, build_snapshots, day_of, moment_of


def _changes(account: Account, lang: str, since: date | datetime, until: date | None) -> dict[str, Any]:
    after = _analyze(account, lang, until)
    try:
        with _read_in(lang):
            earlier = build_snapshot(account=account, as_of=since)
    except ValueError:  # the account did not exist yet: everything is new
        earlier = MapSnapshot(account=after.snapshot.account, today=day_of(since))
    earlier_analysis = engine.analyze(earlier, settings=analysis_settings(account), lang=lang)
    start, end = moment_of(since), end_of_day(until) if until is not None else None
    present = people_present(account_ids=[account.pk], since=start, until=end).get(account.pk, set())
    changes = engine.changes_between(earlier_analysis, after, present=present)
    result = engine.changes_json(changes, after.lang)
    status_then = {d.id: d.status for d in earlier.deals}
    reads = _window_reads([account.pk], start, end, status_then, lang)
    return _with_outcomes(result, since, reads[account.pk])


def _window_reads(
    account_ids: list[int], start: datetime, end: datetime | None, status_then: dict[int, str], lang: str
) -> dict[int, dict[str, list]]:
    """Per account, what the window holds besides the two analyses, read from history and the stored rows (a
    handful of queries for all the accounts): {"status_changes" (history.deal_status_changes), "deal_terms"
    (history.deal_term_changes), "owner_changes" (history.account_owner_changes: a handover), "survey_answers"
    (answers.survey_answers)}. `status_then`: each deal's status at `start` (the earlier map's)."""
    window = {"account_ids": account_ids, "since": start, "until": end}
    found = {
        "status_changes": deal_status_changes(**window, status_then=status_then, lang=lang),
        "deal_terms": deal_term_changes(**window),
        "owner_changes": account_owner_changes(**window),
        "survey_answers": survey_answers(**window, lang=lang),
    }
    return {pk: {key: rows.get(pk, []) for key, rows in found.items()} for pk in account_ids}


def _with_outcomes(result: dict[str, Any], since: date | datetime, reads: dict[str, list]) -> dict[str, Any]:
    """The engine's changes with the window's reads of the account (`_window_reads`: the deals' status moves, amounts
    and expected closes changed, owner changes, questionnaires answered) and, when the window starts at a moment (a
    review's time), that moment as "since"."""
    result.update(reads)
    if isinstance(since, datetime):
        result["since"] = timezone.localtime(since).isoformat(timespec="seconds")
    return result


def changes_since(
    *,
    account: Account,
    since: date | datetime,
    until: date | None = None,
    lang: str | None = None,
    deal_id: int | None = None,
) -> dict[str, Any]:
    """What changed in the map and its analysis between the end of day `since` (or the moment `since`,
    an aware datetime: a review's time) and `until` (default: now): {"since", "until", "new_flags": [{"deal", "deal_name", "code", "title", "people", "severity",
    "reason", "action"}], "resolved_flags", "worse_flags", "health": [{"deal", "name", "before",
    "after"}], "people_added", "people_left", "people_rerated", "stage_moves": [{"deal", "name",
    "before", "after", "before_label", "after_label"}], "role_changes": [{"deal", "deal_name",
    "person", "name", "field": roles / attitude / influence, "before", "after", "before_label",
    "after_label"}], "interactions": [{"id", "on", "kind", "kind_label", "deal", "summary",
    "people"}], "actions_done", "actions_overdue": [{"id", "deal", "text", "person", "due", "owner"}],
    "status_changes": [{"deal", "name", "before", "after", "before_label", "after_label", "change":
    closed / reopened, "at", "when", "by", "reason", "lost_to"}], "deal_terms": [{"deal", "name", "field":
    amount / expected_close, "before", "after"}]} — every status move in the window from the deals' history
    (a deal lost and reopened shows both, with when and by whom), and each deal whose amount or expected close
    is not what it was.

    Up to now it is cached like the analysis. `deal_id` keeps what concerns that deal (its flags,
    health, stage, roles, interactions and action items; people added or left stay, being the
    account's). An account that did not exist yet at `since` counts as all new — but one loaded from a map file
    since then counts from the end of the load (`loaded_in_window`: "loaded": True, "since" that moment); raises
    ValueError("as_of: …") when it did not exist yet at `until`.
    """
    code = analysis_language(lang)
    if until is not None:
        loaded = loaded_in_window([account], since).get(account.pk)
        result = _changes(account, code, loaded or since, until) | ({"loaded": True} if loaded else {})
    else:
        result = changes_since_many(accounts=[account], since=since, lang=code)[account.pk]
    return result if deal_id is None else _deal_changes(result, deal_id)


# The lists of a changes result whose rows name a deal (under "deal").
_DEAL_LISTS = (
    "new_flags",
    "resolved_flags",
    "worse_flags",
    "health",
    "stage_moves",
    "role_changes",
    "interactions",
    "actions_done",
    "actions_overdue",
    "status_changes",
    "deal_terms",
    "survey_answers",
)


def _deal_changes(result: dict[str, Any], deal_id: int) -> dict[str, Any]:
    kept = {name: [row for row in result[name] if row["deal"] == deal_id] for name in _DEAL_LISTS}
    return {**result, **kept, "deal": deal_id}


def _changes_many(accounts: list[Account], lang: str, since: date | datetime) -> dict[int, dict[str, Any]]:
    """`_changes` up to now of many accounts, reading their maps today and as of `since` in one query
    per table for all of them. Today's analyses are cached on the way (`cache_alongside`): the page
    that shows the analysis beside the changes does not compute it again."""
    settings = analysis_settings_many(accounts)
    afters = _analyze_many(accounts, lang, settings=settings)
    today = {pk: engine.analysis_json(a) for pk, a in afters.items()}
    cache_alongside(accounts, kind=f"analysis:{lang}", results=today)
    cache_alongside(
        accounts, kind=f"key-people:{lang}", results={pk: _key_people(r) for pk, r in today.items()}
    )
    cache_alongside(
        accounts, kind=f"{MAP_VIEW}:{lang}", results={pk: _map_view(r) for pk, r in today.items()}
    )
    with _read_in(lang):
        earlier = build_snapshots(accounts=accounts, as_of=since)
    ids = [a.pk for a in accounts]
    present = people_present(account_ids=ids, since=moment_of(since), until=None)
    status_then = {d.id: d.status for snapshot in earlier.values() for d in snapshot.deals}
    reads = _window_reads(ids, moment_of(since), None, status_then, lang)
    out = {}
    for account in accounts:
        after = afters[account.pk]
        # an account that did not exist yet at `since`: everything is new
        before = earlier.get(account.pk) or MapSnapshot(account=after.snapshot.account, today=day_of(since))
        earlier_analysis = engine.analyze(before, settings=settings[account.pk], lang=lang)
        changes = engine.changes_between(earlier_analysis, after, present=present.get(account.pk, ()))
        result = engine.changes_json(changes, after.lang)
        out[account.pk] = _with_outcomes(result, since, reads[account.pk])
    return out


def loaded_in_window(accounts: list[Account], since: date | datetime) -> dict[int, datetime]:
    """{account id: the moment its map finished loading from a file} of those of `accounts` whose record began after
    `since` by a map file loaded then (`audit.selectors.map_loads`): what the file held is the recording, not news —
    every person and deal "added" —, so their window starts at the end of the load (the review deck's page 1 says
    the same of a deal: "recorded that day, nothing earlier to compare"). A replayed map (the demo's, its history
    back-dated) began before its load: its story counts."""
    start = moment_of(since)
    loads = {pk: at for pk, at in map_loads(account_ids=[a.pk for a in accounts]).items() if at > start}
    if not loads:
        return {}
    began = Account.history.filter(id__in=list(loads)).values("id").annotate(at=Min("history_date"))
    return {row["id"]: loads[row["id"]] for row in began if row["at"] > start}


def changes_since_many(
    *,
    accounts: list[Account],
    since: date | datetime,
    lang: str | None = None,
    lists: tuple[str, ...] | None = None,
) -> dict[int, dict[str, Any]]:
    """`changes_since` up to now for many accounts, {account id: changes}: cached per account and day,
    read from the cache in a handful of queries whatever the number of accounts ("This week"); those
    missing are computed together, in a handful of queries too. `lists` keeps only those lists of each
    result (besides "since" and "until"), cached so: a page over hundreds of accounts then reads only
    what it shows. An account loaded from a map file after `since` counts from the end of the load
    (`loaded_in_window`), its result marked "loaded": True, its "since" that moment."""
    accounts = list(accounts)
    loaded = loaded_in_window(accounts, since)
    out = _changes_since_many([a for a in accounts if a.pk not in loaded], since, lang, lists)
    for account in accounts:
        if account.pk in loaded:
            result = _changes_since_many([account], loaded[account.pk], lang, lists)[account.pk]
            out[account.pk] = {**result, "loaded": True}
    return out


def _changes_since_many(
    accounts: list[Account], since: date | datetime, lang: str | None, lists: tuple[str, ...] | None
) -> dict[int, dict[str, Any]]:
    if not accounts:
        return {}
    code = analysis_language(lang)
    # 6: with the deals' status moves and terms, the owner changes, the survey answers
    kind = f"changes6:{code}:{since.isoformat()}"
    if lists is None:
        return cached_per_account(
            accounts, kind=kind, build_many=lambda todo: _changes_many(todo, code, since)
        )
    keep = ("since", "until", *lists)

    def build_many(todo: list[Account]) -> dict[int, dict[str, Any]]:
        return {
            pk: {key: result[key] for key in keep} for pk, result in _changes_many(todo, code, since).items()
        }

    return cached_per_account(accounts, kind=f"{kind}:{','.join(lists)}", build_many=build_many)
