"""The analysis cache kept warm (ops/warm.py): the first visit of a day, or after an upgrade, computes nothing
where the worker (or `battlemap warm-cache`) went before it, and shows what a cold page shows."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.analysis import engine
from battlemap.maps import cache as maps_cache
from battlemap.ops import warm
from battlemap.ops.warm import warm_analysis_cache
from tests.ops.helpers import bm, env_for, migrated, worker, worker_logs

pytestmark = pytest.mark.django_db

_TOKEN = re.compile(rb"[A-Za-z0-9]{64}")  # a page's CSRF token, new on each page


def _counting_analyses(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = engine.analyze

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "analyze", counted)
    return calls


@pytest.mark.parametrize("url", ["/", "/accounts/", "/deals/"])
def test_after_the_warm_up_the_pages_over_many_accounts_compute_no_analysis(world, client, monkeypatch, url):
    client.force_login(world.manager)
    cache.clear()
    cold = client.get(url)
    assert cold.status_code == 200
    cache.clear()  # a new day, an upgrade: every result gone

    done = warm_analysis_cache()

    assert done.accounts == Account.objects.count() and not done.stopped
    assert set(done.languages) == {"zh-hans", "en"}
    calls = _counting_analyses(monkeypatch)
    warmed = client.get(url)
    assert calls == []  # read from the cache, nothing computed
    assert _TOKEN.sub(b"", warmed.content) == _TOKEN.sub(b"", cold.content)


def test_the_warm_up_serves_both_languages(world, client, monkeypatch):
    warm_analysis_cache()
    calls = _counting_analyses(monkeypatch)
    client.force_login(world.manager)
    for language in ("en", "zh-hans"):
        client.cookies["django_language"] = language
        assert client.get("/").status_code == 200
    assert calls == []


def test_an_edit_after_the_warm_up_is_seen_and_only_its_account_is_computed(world, client, monkeypatch):
    warm_analysis_cache()
    world.cn_deal.name = "物联网平台二期"
    world.cn_deal.save()
    calls = _counting_analyses(monkeypatch)
    client.force_login(world.manager)
    page = client.get("/deals/")
    assert "物联网平台二期" in page.content.decode()
    assert calls  # the edited account computed again …
    calls.clear()
    client.get("/deals/")
    assert calls == []  # … once


def test_a_pass_stops_between_batches_when_a_task_arrives(world, monkeypatch):
    monkeypatch.setattr(warm, "WARM_BATCH", 1)
    asked = []

    def keep_going() -> bool:
        asked.append(1)
        return len(asked) == 1  # a task arrives after the first batch

    done = warm_analysis_cache(keep_going=keep_going)
    assert done.stopped
    assert done.accounts == 0  # not one account done in every language yet
    calls = _counting_analyses(monkeypatch)
    warm_analysis_cache(account_ids=[Account.objects.order_by("pk").first().pk], languages=("zh-hans",))
    assert calls == []  # the batch before the stop is in the cache


def test_results_warmed_early_in_the_day_are_still_kept_late_in_it(world, monkeypatch):
    """A result about today is kept until an hour past midnight (it was an hour: a morning's warm-up was gone
    by noon)."""
    kept: list[int] = []
    real = cache.set_many

    def set_many(entries, timeout=None, **kwargs):
        kept.append(timeout)
        return real(entries, timeout, **kwargs)

    monkeypatch.setattr(maps_cache.cache, "set_many", set_many)
    early = timezone.localtime().replace(hour=0, minute=5, second=0, microsecond=0)
    monkeypatch.setattr(maps_cache.timezone, "now", lambda: early)
    monkeypatch.setattr(maps_cache.timezone, "localdate", lambda: early.date())
    warm_analysis_cache(languages=("en",), today=early.date())
    past_midnight = timedelta(days=1, hours=1) - timedelta(minutes=5, microseconds=1)
    today_keys = [timeout for timeout in kept if timeout != 8 * 24 * 3600]  # the 8-week trend keeps its week
    assert today_keys and all(timeout == int(past_midnight.total_seconds()) for timeout in today_keys)


def test_warm_cache_command_names_an_unknown_account(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nope"):
        call_command("warm-cache", "nope")


def test_the_warm_cache_command_warms_the_named_accounts(world, monkeypatch, capsys):
    call_command("warm-cache", "guodian", verbosity=0)
    assert "1" in capsys.readouterr().out
    calls = _counting_analyses(monkeypatch)
    warm_analysis_cache(account_ids=[world.cn.pk])
    assert calls == []
    warm_analysis_cache(account_ids=[world.en.pk], languages=("en",))
    assert calls  # not named: still cold


def _analysis_entries(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT COUNT(*) FROM battlemap_cache WHERE cache_key LIKE '%maps:%:analysis:%'"
        ).fetchone()[0]


@pytest.mark.sqlite_run
def test_an_idle_worker_warms_the_cache_on_its_own(tmp_path):
    env = env_for(tmp_path, ANALYSIS_WARM_MINUTES="15")
    migrated(env)
    bm(env, "demo")
    database = tmp_path / "battlemap.sqlite3"
    assert _analysis_entries(database) == 0
    process = worker(env)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "analysis cache is warm" not in worker_logs(env):
            time.sleep(0.5)
        assert "analysis cache is warm" in worker_logs(env), worker_logs(env)
    finally:
        process.terminate()
        process.wait(timeout=120)  # it ends its task first: slow on a loaded machine
    accounts = len(bm(env, "accounts").stdout.splitlines())
    assert accounts >= 2
    assert _analysis_entries(database) == 2 * accounts  # every account, in both languages
