"""Zones written after GMT or UTC mean what people mean: `GMT+8` / `UTC+8` / `GMT+08:00` are China, `GMT-5` is
New York (tester: an activity log and an .eml in that form were stored 16 hours off — a 09:00 meeting in
Shanghai shown the next day at 01:00 — because dateutil reads them with POSIX's reversed sign). One rule for mail
headers and activity logs (`header_dates.parse_date`). Zone names: in a mail header RFC 5322's (CST is US Central);
an activity log names none but UTC/GMT — `09:00 CST` there is refused, naming the row, never guessed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from battlemap.interactions.models import Interaction
from battlemap.mail.models import MailItem
from battlemap.mail.services import IngestError, mail_ingest
from tests import factories as f
from tests.mail.liu import ingest_with_liu

pytestmark = pytest.mark.django_db


def _eml(folder, subject: str, date: str):  # noqa: ANN001, ANN202
    path = folder / "m.eml"
    path.write_text(
        f"From: Liu <liujg@t.example>\nTo: sam@ourco.example\nSubject: {subject}\nDate: {date}\n"
        f"Message-ID: <{subject}@t.example>\n\nhi\n",
        encoding="utf-8",
    )
    return path


def _stored(world) -> dict[str, datetime]:  # noqa: ANN001
    return {m.subject: m.occurred_at.astimezone(UTC) for m in MailItem.objects.filter(account=world.en)}


def test_gmt_and_utc_offsets_in_an_activity_log_are_east_of_greenwich(world, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "date,from,to,subject,kind\n"
        "2026-11-09 09:00 GMT+08:00,sam@ourco.example,liujg@t.example,a,email\n"
        "2026-11-10 09:00 UTC+8,sam@ourco.example,liujg@t.example,b,email\n"
        "2026-11-14 09:00 GMT-5,sam@ourco.example,liujg@t.example,c,email\n"
        "2026-11-15 09:00 UTC-05:00,sam@ourco.example,liujg@t.example,d,email\n"
        "2026-11-16 09:00 +0800,sam@ourco.example,liujg@t.example,e,email\n",
        encoding="utf-8",
    )
    ingest_with_liu(world, path)
    assert _stored(world) == {
        "a": datetime(2026, 11, 9, 1, 0, tzinfo=UTC),
        "b": datetime(2026, 11, 10, 1, 0, tzinfo=UTC),
        "c": datetime(2026, 11, 14, 14, 0, tzinfo=UTC),
        "d": datetime(2026, 11, 15, 14, 0, tzinfo=UTC),
        "e": datetime(2026, 11, 16, 1, 0, tzinfo=UTC),
    }
    days = sorted(i.occurred_at.astimezone(UTC).day for i in Interaction.objects.filter(account=world.en))
    assert days == [9, 10, 14, 15, 16]


def test_an_evening_activity_at_gmt_plus_8_is_not_in_the_future(world, tmp_path):
    """Read as GMT−8 it was 16 hours later, past `now`, and the whole log was refused."""
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    in_shanghai = an_hour_ago + timedelta(hours=8)
    path = tmp_path / "log.csv"
    path.write_text(
        "date,from,to,subject,kind\n"
        f"{in_shanghai:%Y-%m-%d %H:%M} GMT+8,sam@ourco.example,liujg@t.example,just now,call\n",
        encoding="utf-8",
    )
    f.person(account=world.en, name="Liu Jianguo", email="liujg@t.example")
    mail_ingest(account=world.en, paths=[path], our_domains=["ourco.example"], customer_domains=["t.example"])
    assert list(_stored(world)) == ["just now"]


@pytest.mark.parametrize(
    "date",
    [
        "2026-11-04 09:00:00 GMT+08:00",
        "Wed, 4 Nov 2026 09:00:00 GMT+0800",
        "Wed Nov 04 09:00:00 GMT+08:00 2026",
    ],
)
def test_an_eml_dated_gmt_plus_8_is_stored_at_its_moment(world, tmp_path, date):
    ingest_with_liu(world, _eml(tmp_path, "gmt", date))
    assert _stored(world) == {"gmt": datetime(2026, 11, 4, 1, 0, tzinfo=UTC)}


def test_cst_in_the_rfc_form_of_a_mail_header_is_us_central_as_rfc_5322_defines_it(world, tmp_path):
    ingest_with_liu(world, _eml(tmp_path, "cst", "Wed, 4 Nov 2026 09:00:00 CST"))
    assert _stored(world) == {"cst": datetime(2026, 11, 4, 15, 0, tzinfo=UTC)}


@pytest.mark.parametrize(
    "date", ["Wed Nov 04 09:00:00 CST 2026", "2026-11-04 09:00:00 CST", "Wed Nov 04 09:00:00 GMT+08:00 2026"]
)
def test_a_zone_name_in_a_form_no_standard_defines_is_the_installations_zone(world, tmp_path, settings, date):
    """Java's Date.toString() on a server in Shanghai writes CST for China: read in TIME_ZONE, not 14 hours
    off as US Central; GMT+08:00 there is its offset."""
    settings.TIME_ZONE = "Asia/Shanghai"
    ingest_with_liu(world, _eml(tmp_path, "cst", date))
    assert _stored(world) == {"cst": datetime(2026, 11, 4, 1, 0, tzinfo=UTC)}


def test_a_zone_name_in_an_activity_log_is_refused_naming_the_row(world, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "date,from,to,subject,kind\n"
        "2026-11-12 09:00 GMT+8,sam@ourco.example,liujg@t.example,a,email\n"
        "2026-11-13 09:00 CST,sam@ourco.example,liujg@t.example,b,email\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError) as refused:
        ingest_with_liu(world, path)
    message = str(refused.value)
    assert "row 3" in message and "'2026-11-13 09:00 CST'" in message and "09:00+08:00" in message
    assert not MailItem.objects.filter(account=world.en).exists()
