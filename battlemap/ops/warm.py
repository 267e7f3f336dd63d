"""Keeping the analysis cache warm: `battlemap warm-cache`, and a `battlemap worker` while it has no task.

The pages over many accounts (This week, the portfolio, the pipeline) read each account's analysis from the
cache (maps/cache.py), keyed by the day and checked against the account's map. The first visit of a day, after
an upgrade (a new `code_stamp`) or after a change of a team's warning settings found every account cold: an
operator's trial measured This week at 4-7 s for a manager of 500 accounts and 18 s for the administrator of
2,001, and 25-173 s when six of them opened it at once. The warm-up computes those results before anyone
asks, through the very selectors the pages call, for every account and language: what is already cached and
still good costs a read (a few queries per batch), so a pass over a warm cache is cheap and may run often.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone, translation
from django.utils.translation import ngettext

from battlemap.accounts.models import Account

log = logging.getLogger("battlemap.worker")

WARM_BATCH = 25  # accounts per step: a worker's task waits for at most one step (well under a second each)


@dataclass
class WarmPass:
    accounts: int  # accounts gone over, in every language
    languages: tuple[str, ...]
    seconds: float
    stopped: bool = False  # `keep_going` said stop before the end


def warm_languages() -> tuple[str, ...]:
    """Every UI language, the installation's default first: a user who chose none gets the browser's."""
    codes = [code for code, _name in settings.LANGUAGES]
    return tuple(sorted(codes, key=lambda code: code != settings.LANGUAGE_CODE))


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), WARM_BATCH):
        yield ids[start : start + WARM_BATCH]


def warm_analysis_cache(
    *,
    account_ids: list[int] | None = None,
    languages: tuple[str, ...] | None = None,
    today: date | None = None,
    keep_going: Callable[[], bool] = lambda: True,
    progress: Callable[[int, int], None] | None = None,
) -> WarmPass:
    """Compute into the analysis cache, for each account (all, or `account_ids`) and each language (all UI
    languages by default), what This week (`deals.selectors_week.week_analyses`), the portfolio
    (`maps.account_summaries`) and the pipeline (`maps.deal_summaries`, `maps.health_trends`) read of it, in
    batches of WARM_BATCH accounts. Results cached and still good are read, not computed again.

    `keep_going()` is asked before each batch (a worker stops warming when a task arrives); `progress(done,
    total)` is told after each batch, counted in account-languages. A whole pass then deletes the cache's
    expired entries (the database cache keeps them otherwise: yesterday's analyses). Reads and cache writes
    only: nothing of any map is changed. Returns a WarmPass."""
    from battlemap.deals.selectors_week import week_analyses
    from battlemap.maps import account_summaries, deal_summaries, health_trends

    started = timezone.now()
    today = today or timezone.localdate()
    languages = languages or warm_languages()
    ids = (
        account_ids
        if account_ids is not None
        else list(Account.objects.order_by("pk").values_list("pk", flat=True))
    )
    total, done = len(ids) * len(languages), 0
    for code in languages:
        with translation.override(code):
            for batch in _batches(ids):
                if not keep_going():
                    return WarmPass(done // len(languages), languages, _since(started), stopped=True)
                accounts = Account.objects.filter(pk__in=batch)
                week_analyses(accounts=accounts, today=today)
                listed = list(accounts.order_by("pk"))
                account_summaries(accounts=listed)
                with_open = list(accounts.filter(deals__status="open").distinct().order_by("pk"))
                if with_open:
                    deal_summaries(accounts=with_open)
                    health_trends(accounts=with_open)
                done += len(batch)
                if progress is not None:
                    progress(done, total)
    delete_expired = getattr(cache, "delete_expired", None)  # the database cache's (core/cachedb.py)
    if delete_expired is not None:
        delete_expired()
    return WarmPass(len(ids), languages, _since(started))


def warm_said(done: WarmPass) -> str:
    """ "the analysis cache is warm: 65 accounts in zh-hans, en, 2.4 s", in the active language."""
    return ngettext(
        "the analysis cache is warm: %(accounts)d account in %(languages)s, %(seconds).1f s",
        "the analysis cache is warm: %(accounts)d accounts in %(languages)s, %(seconds).1f s",
        done.accounts,
    ) % {"accounts": done.accounts, "languages": ", ".join(done.languages), "seconds": done.seconds}


def _since(started) -> float:  # noqa: ANN001
    return (timezone.now() - started).total_seconds()


class Warmer(threading.Thread):
    """A worker's warm-up, beside its task loop: every ANALYSIS_WARM_MINUTES, while `idle()` says no task
    runs, one `warm_analysis_cache` pass; a task arriving stops the pass after its current batch, and the next
    pass starts again when the worker is idle. The first pass runs soon after the worker starts (after an
    upgrade every result is cold); passes over a warm cache cost a read."""

    def __init__(self, idle: Callable[[], bool], *, first_after: float = 5.0) -> None:
        super().__init__(name="warm-up", daemon=True)
        self.idle = idle
        self.first_after = first_after
        self.stopped = threading.Event()

    def run(self) -> None:
        wait = self.first_after
        try:
            while not self.stopped.wait(wait):
                wait = settings.ANALYSIS_WARM_MINUTES * 60
                if not self.idle():
                    wait = min(wait, 30.0)  # soon again: the task may be short
                    continue
                close_old_connections()  # a database restarted since the last pass: a fresh connection
                try:
                    done = warm_analysis_cache(keep_going=lambda: self.idle() and not self.stopped.is_set())
                except DatabaseError as exc:  # a locked or unreachable database: the next pass tries again
                    log.warning("could not warm the analysis cache: %s", exc)
                    continue
                except Exception:  # noqa: BLE001 - the warm-up must never stop the worker
                    log.exception("warming the analysis cache failed")
                    continue
                if done.stopped:
                    wait = min(wait, 30.0)
                    log.info(
                        ngettext(
                            "warming the analysis cache: stopped for a task after %(accounts)d account",
                            "warming the analysis cache: stopped for a task after %(accounts)d accounts",
                            done.accounts,
                        )
                        % {"accounts": done.accounts}
                    )
                else:
                    log.info(warm_said(done))
        finally:
            connection.close()
