"""The analysis cache: results per account, shared across processes (Django's cache: database or Redis).

A result is cached per account, kind (e.g. "analysis:zh") and day (staleness depends on the date),
together with two fingerprints: the newest history row of every map model overall, and on this
account's map (every save and delete writes one). A result is reused while nothing changed anywhere
(one cheap global check) or, failing that, while nothing changed on that account's map (checked in
one query per model for all the accounts asked). An edit on one map thus recomputes that map only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache as cache_once
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.core.dates import end_of_day

T = TypeVar("T")

# The least a result is kept; one about a day is kept until an hour past that day (`_lifetime`).
CACHE_SECONDS = 3600

# How each map model's history reaches its account. A model missing here still counts, through the
# newest history id over all accounts (correct, only less precise).
ACCOUNT_PATHS = {
    "accounts.account": "id",
    "accounts.orgunit": "account_id",
    "accounts.externalfactor": "account_id",
    "people.person": "account_id",
    "people.influencelink": "account_id",
    "people.dottedline": "person__account_id",
    "deals.deal": "account_id",
    "deals.stagechange": "deal__account_id",
    "deals.stakeholderrole": "deal__account_id",
    "deals.actionitem": "deal__account_id",
    "deals.coverage": "stakeholder__deal__account_id",
    "interactions.interaction": "account_id",
    "interactions.participant": "interaction__account_id",
    "interactions.ourparticipant": "interaction__account_id",
    "process.decisionbody": "account_id",
    "process.bodymember": "body__account_id",
    "process.bodyrole": "deal__account_id",
    "process.processstep": "deal__account_id",
    "process.stepperson": "step__deal__account_id",
    "surveys.questionnaire": "account_id",
    "surveys.surveylink": "questionnaire__account_id",
    "surveys.surveyresponse": "account_id",
    "surveys.interview": "account_id",
    "surveys.proposal": "interview__account_id",
    "competition.competitornote": "deal__account_id",
}
MAP_APPS = ("accounts", "people", "deals", "interactions", "process", "surveys", "competition")


# Besides the map, what the analysis or the map file reads: a team's warning thresholds, a team's slug
# (the map names the account's team). Any change to them recomputes every map.
SETTINGS_MODELS = ("teams.WarningSettings", "teams.Team")


@cache_once
def _historical_models() -> tuple[tuple[Any, Any], ...]:
    """(model, its historical model) of each fingerprinted model, looked up once: `Model.history` builds a new
    manager class at every access (django-simple-history's descriptor), 27 of them on every cached page."""
    return tuple((model, model.history.model) for model in fingerprinted_models())


def _history_managers() -> Iterator[tuple[Any, Any]]:
    for model, historical in _historical_models():
        yield model, historical._default_manager


def fingerprinted_models() -> list[Any]:
    """Every model whose saves and deletes change the fingerprints (the models of MAP_APPS and
    SETTINGS_MODELS that keep history): what the map, its analysis and the pages built from them read."""
    models = [m for app in MAP_APPS for m in apps.get_app_config(app).get_models()]
    models += [apps.get_model(label) for label in SETTINGS_MODELS]
    return [m for m in models if hasattr(getattr(m, "history", None), "model")]


def global_fingerprint() -> str:
    """The newest history id of each map model over all accounts, "-"-joined: one query of an index lookup per
    model (every page asks; 27 ORM aggregates cost a page 15 ms)."""
    with connection.cursor() as cursor:
        cursor.execute(_newest_history_ids_sql())
        return "-".join(str(newest or 0) for newest in cursor.fetchone())


@cache_once
def _newest_history_ids_sql() -> str:
    name = connection.ops.quote_name
    return "SELECT " + ", ".join(
        f"(SELECT MAX({name('history_id')}) FROM {name(historical._meta.db_table)})"
        for _model, historical in _historical_models()
    )


def map_fingerprints(account_ids: list[int], until: datetime | None = None) -> dict[int, str]:
    """Per account, the newest history id of each map model: any save or delete on that map changes it.
    With `until`, only the history recorded by then counts (an edit made later leaves it be; a
    back-dated one does not). One query per model, whatever the number of accounts."""
    return {pk: "-".join(map(str, p)) for pk, p in _per_account(account_ids, Max, until).items()}


def map_fingerprint(account: Account) -> str:
    """The account's `map_fingerprints`: equal at two moments when nothing on its map was saved or deleted
    between them."""
    return map_fingerprints([account.pk]).get(account.pk, "")


def map_history_counts(account_ids: list[int], until: datetime) -> dict[int, tuple[int, ...]]:
    """Per account, how many history rows of each map model were recorded by `until`. The rows recorded
    by an earlier moment are among them, so equal counts at two moments mean the same recorded map
    (back-dated rows included). One query per model, whatever the number of accounts."""
    return {pk: tuple(p) for pk, p in _per_account(account_ids, Count, until).items()}


def _per_account(account_ids: list[int], aggregate, until: datetime | None) -> dict[int, list[int]]:
    """Per account, `aggregate` (Max or Count) of the history ids of each map model (recorded by `until` when
    given), in the order of `_history_managers`; a model with no path to its account counts over all accounts.
    One query for the models with a path (`_per_account_sql`: 25 ORM queries cost 26 ms a call, most of it
    building them), one more per model without; accounts in batches of ACCOUNTS_PER_QUERY."""
    found: dict[tuple[int, int], int] = {}
    for start in range(0, len(account_ids), ACCOUNTS_PER_QUERY):
        batch = account_ids[start : start + ACCOUNTS_PER_QUERY]
        sql, models = _per_account_sql(aggregate.name, until is not None, len(batch))
        if not sql:  # the ORM's parameters were not as expected: a query per model
            found.update(_per_model_rows(batch, aggregate, until))
            continue
        params = ([_cutoff(until)] if until is not None else []) + batch
        with connection.cursor() as cursor:
            cursor.execute(sql, params * models)
            found.update({(position, pk): value for position, pk, value in cursor.fetchall()})
    parts: dict[int, list[int]] = {pk: [] for pk in account_ids}
    for position, (model, history) in enumerate(_history_managers()):
        if model._meta.label_lower in ACCOUNT_PATHS:
            for pk in account_ids:
                parts[pk].append(found.get((position, pk)) or 0)
            continue
        recorded = history.filter(history_date__lte=until) if until is not None else history
        total = recorded.aggregate(m=aggregate("history_id"))["m"] or 0
        for pk in account_ids:
            parts[pk].append(total)
    return parts


ACCOUNTS_PER_QUERY = 200  # 25 models × 200 ids: 5,000 parameters, far below SQLite's 32,766


def _path_queries(ids: list[int], aggregate, until: datetime | None) -> Iterator[tuple[int, Any]]:  # noqa: ANN001
    """(position, the ORM query `[history_date <= until AND] path IN (ids) GROUP BY path` → (account id,
    aggregate)) of each map model with a path to its account."""
    for position, (model, history) in enumerate(_history_managers()):
        path = ACCOUNT_PATHS.get(model._meta.label_lower)
        if path is None:
            continue
        recorded = history.filter(history_date__lte=until) if until is not None else history.all()
        yield (
            position,
            (
                recorded.filter(**{f"{path}__in": ids})
                .order_by()
                .values_list(path)
                .annotate(m=aggregate("history_id"))
                .values_list(path, "m")
            ),
        )


def _per_model_rows(ids: list[int], aggregate, until: datetime | None) -> dict[tuple[int, int], int]:  # noqa: ANN001
    return {
        (position, pk): value
        for position, query in _path_queries(ids, aggregate, until)
        for pk, value in query
    }


def _cutoff(until: datetime) -> Any:
    """`until` as the database takes it in a history_date filter (the ORM's own conversion)."""
    return Account.history.filter(history_date__lte=until).query.sql_with_params()[1][0]


@lru_cache(maxsize=64)
def _per_account_sql(aggregate: str, dated: bool, count: int) -> tuple[str, int]:
    """The one SQL of `_per_account` over the models with a path to their account, for `count` account ids:
    `_path_queries` compiled once with stand-in values, as (position, account id, aggregate) rows joined by
    UNION ALL; and how many models it holds, each taking [until,] then the ids as parameters — checked on the
    compiled queries ("", 0 when not so)."""
    ids = [-1 - n for n in range(count)]  # no account has a negative id
    stand_in = datetime(1901, 2, 3, 4, 5, 6, tzinfo=timezone.get_current_timezone()) if dated else None
    expected = ([_cutoff(stand_in)] if stand_in is not None else []) + ids
    pieces = []
    for position, query in _path_queries(ids, {"Max": Max, "Count": Count}[aggregate], stand_in):
        sql, params = query.query.sql_with_params()
        if list(params) != expected:
            return "", 0
        pieces.append(f"SELECT {position} AS position, sub.* FROM ({sql}) sub")
    return " UNION ALL ".join(pieces), len(pieces)


# While `cached_per_account` builds, the stamps of the accounts being built (see `cache_alongside`).
_building: ContextVar[dict[int, tuple[str, str, str]] | None] = ContextVar(
    "maps_cache_building", default=None
)


@cache_once
def code_stamp() -> str:
    """A digest of the code that makes the cached results (the analysis, the map layer, the vocabulary): an
    upgrade that changes it never reads a result cached by the code before it — the database cache outlives a
    restart, and a result of the old shape (a health breakdown without its `shown` points) showed blanks."""
    root = Path(__file__).resolve().parents[1]
    paths = sorted([*root.glob("analysis/*.py"), *root.glob("maps/*.py"), *root.glob("vocab/*.py")])
    return hashlib.sha256(b"".join(path.name.encode() + path.read_bytes() for path in paths)).hexdigest()[:12]


def _lifetime(day: str) -> int:
    """Seconds to keep a result about `day` (ISO date): until an hour past the end of that day, at least
    CACHE_SECONDS. Its key names the day, so it is never read after; within the day the fingerprints decide
    whether it is still good, so the results a worker warms before the day's first visit serve all day
    (ops/warm.py). Not fingerprinted, so seen up to that late: a user's new username (the map reads the
    username of a coverage's or an action item's user; renaming a user writes no map history)."""
    left = end_of_day(date.fromisoformat(day)) - timezone.now()
    return max(CACHE_SECONDS, int(left.total_seconds()) + CACHE_SECONDS)


def _key(account: Account, kind: str, day: str) -> str:
    # created_at tells apart accounts that reuse a primary key (a rebuilt database, a test run).
    return f"maps:{code_stamp()}:{kind}:{account.pk}:{account.created_at.timestamp()}:{day}"


def cache_alongside(accounts: list[Account], *, kind: str, results: dict[int, Any]) -> None:
    """Called from inside a `build_many` of `cached_per_account`: caches `results` {account id: result}
    under another `kind` too, with the stamps of what is being built, e.g. today's analysis, computed
    on the way to the changes since a day, so the page that shows both computes it once. Only for
    results about today's map (a build with `until` caches nothing alongside)."""
    stamps = _building.get() or {}
    entries = {
        _key(a, kind, stamps[a.pk][2]): (*stamps[a.pk][:2], results[a.pk])
        for a in accounts
        if a.pk in stamps and a.pk in results
    }
    if entries:
        cache.set_many(entries, _lifetime(next(iter(stamps.values()))[2]))


def cached_per_account(
    accounts: list[Account],
    *,
    kind: str,
    build: Callable[[Account], T] | None = None,
    build_many: Callable[[list[Account]], dict[int, T]] | None = None,
    day: str | None = None,
    timeout: int | None = None,
    until: datetime | None = None,
    current: str | None = None,
) -> dict[int, T]:
    """`build(account)` for each account, from the cache while that account's map has not changed.

    `kind` names what is cached, with every parameter the result depends on besides the account and
    the day (e.g. "analysis:zh"). `build_many(accounts)` -> {account id: result}, when given instead,
    builds every account missing from the cache in one call (a handful of queries for all of them).
    `day` (default: today) is the day the result depends on — a result about past days only (the
    pipeline's weekly health) names the last of them and may live longer (`timeout`, seconds; by default
    until an hour past `day`, `_lifetime`); with
    `until` (the end of that day), only the map as recorded by then decides whether it is still good.
    `current`: the `global_fingerprint()` when the caller has just read it (one page, several kinds).
    Returns {account id: result}.
    """
    day = day or timezone.localdate().isoformat()
    keys = {a.pk: _key(a, kind, day) for a in accounts}
    entries = cache.get_many(list(keys.values()))
    current = current or global_fingerprint()
    results: dict[int, T] = {}
    stale = []
    for account in accounts:
        entry = entries.get(keys[account.pk])
        if entry is not None and entry[0] == current:
            results[account.pk] = entry[2]
        else:
            stale.append(account)
    fingerprints = map_fingerprints([a.pk for a in stale], until) if stale else {}
    todo = []
    for account in stale:
        entry = entries.get(keys[account.pk])
        if entry is not None and entry[1] == fingerprints[account.pk]:
            results[account.pk] = entry[2]
        else:
            todo.append(account)
    if todo:
        token = _building.set(
            None if until is not None else {a.pk: (current, fingerprints[a.pk], day) for a in todo}
        )
        # The engine (numpy, scipy) loads on first use. The builds allocate millions of small objects and
        # make no reference cycles: with the collector running between accounts, it walked the growing
        # heap again and again (a third of a cold portfolio of 200 accounts).
        from battlemap.analysis.engine import paused_gc

        try:
            with paused_gc():
                if build_many is not None:
                    built = build_many(todo)
                else:
                    assert build is not None
                    built = {a.pk: build(a) for a in todo}
        finally:
            _building.reset(token)
        results.update((a.pk, built[a.pk]) for a in todo)
    if stale:
        cache.set_many(
            {keys[a.pk]: (current, fingerprints[a.pk], results[a.pk]) for a in stale},
            timeout if timeout is not None else _lifetime(day),
        )
    return results
