"""A day and a moment are written by one rule (battlemap/formats: SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT)
in the installation's time zone, wherever a user reads one: the pages, the exports, the admin, the commands.
One moment late on a UTC evening is the next morning in Shanghai, so a copy that writes UTC shows the day
before."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from battlemap.audit.models import AuditEntry
from battlemap.core.dates import day_text, moment_text
from battlemap.interactions.models import Interaction
from tests import factories as f
from tests.exports import web_export

# 2026-12-04 23:52 UTC: 2026-12-05 07:52 in Shanghai
MOMENT = datetime(2026, 12, 4, 23, 52, tzinfo=UTC)
LOCAL, DAY, UTC_DAY = "2026-12-05 07:52", "2026-12-05", "2026-12-04"
ROOT = Path(__file__).resolve().parents[2] / "battlemap"


@pytest.fixture
def shanghai():
    with timezone.override(ZoneInfo("Asia/Shanghai")):
        yield


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_template_and_python_write_a_moment_alike(shanghai, lang):
    with translation.override(lang):
        shown = Template('{{ m|date:"SHORT_DATETIME_FORMAT" }}|{{ m|date:"SHORT_DATE_FORMAT" }}')
        assert shown.render(Context({"m": MOMENT})) == f"{LOCAL}|{DAY}"
        assert (moment_text(MOMENT), day_text(MOMENT)) == (LOCAL, DAY)


def test_the_admin_and_a_record_name_say_the_local_time(shanghai):
    """The audit log's entry in the admin was titled by its UTC time (2026-12-04 23:52 for a change made at
    07:52 Shanghai time), and an interaction was named by its UTC day."""
    entry = AuditEntry(at=MOMENT, actor_name="alice", action="export", account_slug="guodian")
    assert str(entry).startswith(LOCAL)
    assert str(Interaction(kind="meeting", occurred_at=MOMENT)).endswith(DAY)


@pytest.mark.django_db
def test_the_timeline_the_deal_room_and_the_xlsx_show_one_moment(owner_client, world, shanghai):
    import openpyxl

    f.interaction(account=world.cn, deal=world.cn_deal, people=[world.cn_boss], occurred_at=MOMENT)
    timeline = owner_client.get(f"/accounts/{world.cn.slug}/timeline/").content.decode()
    assert f">{LOCAL}</time>" in timeline
    room = owner_client.get(f"/accounts/{world.cn.slug}/deals/{world.cn_deal.pk}/").content.decode()
    assert f"<time>{DAY}</time>" in room
    book = openpyxl.load_workbook(
        io.BytesIO(web_export(owner_client, world.cn.slug, "xlsx", lang="en").content)
    )
    cells = [
        c for ws in book for row in ws.iter_rows() for c in row if c.value == datetime(2026, 12, 5, 7, 52)
    ]
    assert cells, "the meeting's local time is in the workbook"
    assert {c.number_format for c in cells} == {"yyyy-mm-dd hh:mm"}  # read as the pages write it


def test_no_template_or_module_writes_its_own_copy_of_the_rule():
    """A day or moment a user reads is written by the rule, not a copy: in a template `|date:"Y-m-d"`
    (double quotes) is text shown; `|date:'Y-m-d'` (single quotes) is ISO for a URL, a form's value or a
    `<time datetime>`, and stays. In Python, strftime("%Y-%m-%d %H:%M") and f"{x:%Y-%m-%d}" are copies."""
    copies = []
    for path in ROOT.rglob("*.html"):
        if "node_modules" not in path.parts and re.search(r'\|date:"[^"]*Y-m-d', path.read_text()):
            copies.append(str(path.relative_to(ROOT)))
    for path in ROOT.rglob("*.py"):
        text = path.read_text()
        if re.search(
            r'strftime\("%Y-%m-%d(?: %H:%M)?"\)|:%Y-%m-%d(?: %H:%M)?\}|date_format\([^)]*"Y-m-d', text
        ):
            copies.append(str(path.relative_to(ROOT)))
    assert copies == []
