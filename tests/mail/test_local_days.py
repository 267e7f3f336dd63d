"""The days mail ingest reads and says are the installation's (TIME_ZONE, Asia/Shanghai in the tests), the day
the map shows an item on, not UTC's: a message sent at 07:30 in Shanghai on 1 December is 23:30 UTC on
30 November. `--since 2026-12-01` dropped it as "dated before --since", and a recurring meeting cut at 23:30 UTC
was "read up to" the day before the one its last occurrence shows on."""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from battlemap.io.mail.records import RepeatsCut
from battlemap.mail.models import MailItem
from battlemap.mail.services.ingest_summary import repeats_cut_text

pytestmark = pytest.mark.django_db


def _message(number: int, sent: str) -> str:
    return (
        f"From sender@example Mon Nov 30 00:00:00 2026\n"
        "From: =?utf-8?b?546L5bu65Zu9?= <wang.jianguo@guodian.example>\n"
        "To: Alice Seller <alice@ours.example>\n"
        f"Date: {sent}\n"
        f"Subject: Item {number}\n"
        f"Message-ID: <{number}@guodian.example>\n"
        "\n"
        "Hello.\n\n"
    )


def test_since_is_the_installations_day_not_utcs(world, tmp_path, settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    mbox = tmp_path / "mail.mbox"
    mbox.write_text(
        _message(1, "Mon, 30 Nov 2026 15:00:00 +0000")  # 23:00 in Shanghai on 30 November: before
        + _message(2, "Mon, 30 Nov 2026 23:30:00 +0000")  # 07:30 in Shanghai on 1 December: kept
        + _message(3, "Tue, 01 Dec 2026 07:45:00 +0800"),  # the same day written in Shanghai's offset
        encoding="utf-8",
    )
    out = StringIO()
    with translation.override("en"):
        call_command(
            "mail-ingest", str(mbox), "--account", world.cn.slug, "--our-domain", "ours.example",
            "--since", "2026-12-01", stdout=out, stderr=StringIO(),
        )  # fmt: skip
    assert sorted(MailItem.objects.values_list("subject", flat=True)) == ["Item 2", "Item 3"]
    assert "dated before --since (1)" in out.getvalue()


def test_a_cut_meeting_is_read_up_to_its_last_days_in_the_installations_zone():
    cut = RepeatsCut(bound="looked_at", limit=200_000, last=datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
    with translation.override("en"):
        [sentence] = repeats_cut_text({"Sync": cut})
    assert sentence.endswith("“Sync”: read up to 2026-12-01.")
