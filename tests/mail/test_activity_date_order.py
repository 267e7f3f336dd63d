"""A CSV activity log whose dates (03/11/2026) could be day or month first says in the summary — the
preview's dry run and the ingest alike — which order was read, with one of its dates and the day it became,
and why: the user's choice, a day over 12 in the file, or the only order that puts no activity in the
future (a tester's finding: a Salesforce Tasks export from the UK was read day first without a word)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import translation

from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
HEADER = "Id,Subject,ActivityDate,TaskSubtype,Owner.Email,Who.Email\r\n"
TASKS = (  # a Salesforce Tasks export in en-GB: 12/11/2026 month first would be 11 December, after NOW
    "00T5g00000Aa001,Call: budget follow-up,03/11/2026,Call,wang.qiang@ourco.example,zhou.min@hdny.example\r\n"
    "00T5g00000Aa002,Email: revised quote,09/11/2026,Email,wang.qiang@ourco.example,sun.yue@hdny.example\r\n"
    "00T5g00000Aa003,Call: legal review,12/11/2026,Call,wang.qiang@ourco.example,zhou.min@hdny.example\r\n"
)


@pytest.fixture
def account(world):
    hdny = f.account(owner=world.owner, slug="hdny", name="华东能源")
    f.person(account=hdny, name="周敏", email="zhou.min@hdny.example")
    return hdny


def _summary(account, tmp_path, rows: str, lang: str = "en", **kw) -> str:
    path = tmp_path / "sf_tasks.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    report = mail_ingest(
        account=account, paths=[path], our_domains=["ourco.example"], now=NOW, dry_run=True, **kw
    )
    with translation.override(lang):
        return summary_of(report)


def test_dates_read_day_first_as_the_only_order_without_future_activity_are_said_so(account, tmp_path):
    text = _summary(account, tmp_path, TASKS)
    assert (
        "Dates of sf_tasks.csv read day first (03/11/2026 is 2026-11-03): the only order that puts no activity "
        "in the future; if it is wrong, choose the order and ingest again."
    ) in text
    assert "sf_tasks.csv 的日期按日在前读取（03/11/2026 即 2026-11-03）" in _summary(
        account, tmp_path, TASKS, "zh-hans"
    )


def test_a_day_over_12_settles_the_order_and_a_chosen_order_is_named(account, tmp_path):
    settled = TASKS.replace("09/11/2026", "13/11/2026")
    assert "a date of the file has a day over 12, which settles it." in _summary(account, tmp_path, settled)
    chosen = _summary(account, tmp_path, TASKS, date_order="dmy")
    assert "read day first (03/11/2026 is 2026-11-03): the order chosen for the upload." in chosen


def test_iso_dates_need_no_word_on_the_order(account, tmp_path):
    iso = TASKS.replace("03/11/2026", "2026-11-03").replace("09/11/2026", "2026-11-09")
    iso = iso.replace("12/11/2026", "2026-11-12")
    assert "read day first" not in _summary(account, tmp_path, iso)
