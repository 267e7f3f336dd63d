"""A calendar exported again is read again: its newer version (a higher SEQUENCE, or the same SEQUENCE and a
later LAST-MODIFIED / DTSTAMP) updates the meeting; an older export read after it changes nothing and the
summary counts it as an older version. Files are written with icalendar, as Outlook exports them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.utils import translation

from battlemap.interactions.models import Interaction
from battlemap.io.mail.calendar import read_ics
from battlemap.mail.models import MailItem
from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of
from battlemap.maps import account_analysis
from tests import factories as f
from tests.mail.calendars import meeting_ics

OURS = ["ourco.example"]
NOW = datetime(2026, 11, 30, tzinfo=UTC)
UID = "040000008200E00074C5B7101A82E00800000000D0C1A2B3C4D5E601000000000000000010000000"
BEFORE = datetime(2026, 11, 2, 2, tzinfo=UTC)  # the first plan: Tuesday
MOVED = datetime(2026, 11, 3, 2, tzinfo=UTC)  # the update: moved to Wednesday, the chairman declines


def _account(world):
    account = f.account(owner=world.owner, slug="hdny", name="HDNY")
    deal = f.deal(account=account, name="IoT platform", stage="evaluation")
    chairman = f.person(account=account, name="Liu Jianguo", email="liu.jg@hdny.example", title="Chairman")
    f.person(account=account, name="Zhang Wei", email="zhang.wei@hdny.example", title="IT Director")
    f.role(deal=deal, person=chairman, roles=["decision_maker"])
    return account, deal


def _export(tmp_path: Path, name: str, *, first: bool, **version) -> Path:
    """The ROI review as exported before the update (`first`: the chairman accepted, on Tuesday) or after."""
    path = tmp_path / name
    path.write_bytes(
        meeting_ics(
            uid=UID,
            start=BEFORE if first else MOVED,
            attendees=[
                ("liu.jg@hdny.example", "Liu, Jianguo", "ACCEPTED" if first else "DECLINED"),
                ("zhang.wei@hdny.example", "Zhang, Wei", "ACCEPTED"),
            ],
            **version,
        )
    )
    return path


def _chairman_met(account, deal) -> bool:
    (analysis,) = account_analysis(account=account, lang="en", deal_id=deal.pk)["deals"]
    return "decision_maker_not_met" not in {flag["code"] for flag in analysis["flags"]}


def _ingest(account, *paths: Path):
    return mail_ingest(account=account, paths=list(paths), our_domains=OURS, now=NOW)


def _the_meeting_is_the_update(account, deal) -> None:
    assert not _chairman_met(account, deal)
    assert Interaction.objects.get(account=account, source_ref=UID).occurred_at == MOVED
    recipients = MailItem.objects.get(account=account, uid=UID).recipients
    assert ["liu.jg@hdny.example", "Liu, Jianguo", "declined"] in recipients


def test_an_older_export_read_after_the_newer_one_changes_nothing(world, tmp_path):
    account, deal = _account(world)
    old = _export(tmp_path, "monday.ics", first=True, sequence=0, modified=datetime(2026, 10, 26, tzinfo=UTC))
    new = _export(
        tmp_path, "friday.ics", first=False, sequence=1, modified=datetime(2026, 10, 30, tzinfo=UTC)
    )
    assert _ingest(account, new).new == 1
    report = _ingest(account, old)
    assert (report.new, report.duplicates, report.updated, report.skipped["older_version"]) == (0, 0, 0, 1)
    assert report.read == report.interactions + sum(report.skipped.values())
    assert "the newer one kept (1)" in summary_of(report)
    _the_meeting_is_the_update(account, deal)
    with translation.override("zh-hans"):
        assert "会议的旧版本（SEQUENCE 更低或 LAST-MODIFIED 更早），已保留较新的版本（1 条）" in summary_of(
            report
        )


def test_with_the_same_sequence_the_later_last_modified_or_dtstamp_wins(world, tmp_path):
    account, deal = _account(world)
    early, late = datetime(2026, 10, 26, 8, tzinfo=UTC), datetime(2026, 10, 26, 9, tzinfo=UTC)
    _ingest(account, _export(tmp_path, "late.ics", first=False, sequence=2, modified=late))
    report = _ingest(account, _export(tmp_path, "early.ics", first=True, sequence=2, modified=early))
    assert (report.updated, report.skipped["older_version"]) == (0, 1)
    _the_meeting_is_the_update(account, deal)
    # without LAST-MODIFIED, DTSTAMP decides: a later stamp is a newer version, and updates the meeting
    report = _ingest(
        account, _export(tmp_path, "later.ics", first=True, sequence=2, stamp=late.replace(hour=10))
    )
    assert (report.updated, report.skipped["older_version"]) == (1, 0)
    assert _chairman_met(account, deal)


def test_a_higher_sequence_read_later_still_updates(world, tmp_path):
    account, deal = _account(world)
    _ingest(account, _export(tmp_path, "v0.ics", first=True, sequence=0))
    assert _chairman_met(account, deal)
    report = _ingest(account, _export(tmp_path, "v1.ics", first=False, sequence=1))
    assert (report.updated, report.skipped["older_version"]) == (1, 0)
    _the_meeting_is_the_update(account, deal)


def test_both_exports_in_one_ingest_keep_the_newer_whatever_their_order(world, tmp_path):
    for order in ("old first", "new first"):
        account, deal = _account(world)
        old = _export(tmp_path, "a.ics", first=True, sequence=0)
        new = _export(tmp_path, "b.ics", first=False, sequence=1)
        report = _ingest(account, *((old, new) if order == "old first" else (new, old)))
        assert (report.new, report.skipped["older_version"]) == (1, 1), order
        _the_meeting_is_the_update(account, deal)
        account.delete()


def test_an_older_cancellation_does_not_withdraw_the_newer_meeting(world, tmp_path):
    account, deal = _account(world)
    _ingest(account, _export(tmp_path, "v2.ics", first=False, sequence=2))
    cancel = _export(tmp_path, "cancel.ics", first=True, sequence=1, method="CANCEL", status="CANCELLED")
    report = _ingest(account, cancel)
    assert (report.withdrawn, report.skipped["cancelled"], report.skipped["older_version"]) == (0, 0, 1)
    _the_meeting_is_the_update(account, deal)
    cancel = _export(tmp_path, "cancel.ics", first=False, sequence=3, method="CANCEL", status="CANCELLED")
    assert _ingest(account, cancel).withdrawn == 1  # a newer cancellation does
    assert not MailItem.objects.filter(account=account, uid=UID).exists()


def test_a_meeting_stored_before_versions_were_kept_takes_the_next_reading_and_its_version(world, tmp_path):
    account, deal = _account(world)
    _ingest(account, _export(tmp_path, "v0.ics", first=True, sequence=0))
    MailItem.objects.filter(account=account).update(sequence=None, revised_at=None)  # as stored before
    report = _ingest(account, _export(tmp_path, "v1.ics", first=False, sequence=1))
    assert report.updated == 1
    assert MailItem.objects.get(account=account, uid=UID).sequence == 1
    report = _ingest(account, _export(tmp_path, "v0.ics", first=True, sequence=0))
    assert (report.updated, report.skipped["older_version"]) == (0, 1)
    _the_meeting_is_the_update(account, deal)


def test_the_parser_reads_the_version_of_each_event(tmp_path):
    modified, stamp = datetime(2026, 10, 30, 8, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC)
    both = tmp_path / "both.ics"
    both.write_bytes(
        meeting_ics(uid="a", start=BEFORE, attendees=[], sequence=4, modified=modified, stamp=stamp)
    )
    (meeting,) = read_ics(both, now=NOW)
    assert (meeting.sequence, meeting.revised_at) == (4, modified)  # LAST-MODIFIED before DTSTAMP
    bare = tmp_path / "bare.ics"
    bare.write_bytes(meeting_ics(uid="b", start=BEFORE, attendees=[], sequence=None, stamp=stamp))
    (meeting,) = read_ics(bare, now=NOW)
    assert (meeting.sequence, meeting.revised_at) == (0, stamp)  # no SEQUENCE: 0, as RFC 5545 says


def test_a_stored_meeting_read_twice_in_one_version_is_counted_twice_among_the_skipped(world, tmp_path):
    account, _deal = _account(world)
    _ingest(account, _export(tmp_path, "v1.ics", first=False, sequence=1))
    (tmp_path / "copy").mkdir()
    copy = _export(tmp_path / "copy", "v1.ics", first=False, sequence=1)  # the same export, saved twice
    report = _ingest(account, tmp_path / "v1.ics", copy)
    assert (report.read, report.duplicates, report.skipped["duplicate"], report.updated) == (2, 2, 2, 0)
    assert report.read == report.interactions + sum(report.skipped.values())


def test_a_newer_version_of_a_meeting_is_new_mail_to_the_cached_inference(world, tmp_path):
    from battlemap.mail.cache import mail_stamp

    account, _ = _account(world)
    _ingest(
        account,
        _export(tmp_path, "mon.ics", first=True, sequence=0, modified=datetime(2026, 10, 26, tzinfo=UTC)),
    )
    before = mail_stamp(account)
    report = _ingest(
        account,
        _export(tmp_path, "fri.ics", first=False, sequence=1, modified=datetime(2026, 10, 30, tzinfo=UTC)),
    )
    assert report.updated == 1 and MailItem.objects.filter(account=account).count() == 1
    assert mail_stamp(account) != before  # the inference cached on the first reading is not reused


def test_an_all_day_event_moved_to_a_time_is_no_longer_all_day(world, tmp_path):
    """A workshop first planned for a whole day, then given a time in a later export: the meeting is at that time,
    not all day at 09:00 (an interaction's all-day mark follows its calendar's newer version)."""
    from datetime import date

    account, _deal = _account(world)
    people = [("zhang.wei@hdny.example", "Zhang, Wei", "ACCEPTED")]
    whole_day = tmp_path / "first.ics"
    whole_day.write_bytes(meeting_ics(uid=UID, start=date(2026, 11, 2), attendees=people, sequence=0))
    timed = tmp_path / "moved.ics"
    timed.write_bytes(meeting_ics(uid=UID, start=MOVED, attendees=people, sequence=1))
    _ingest(account, whole_day)
    assert Interaction.objects.get(account=account).all_day is True
    _ingest(account, timed)
    meeting = Interaction.objects.get(account=account)
    assert meeting.all_day is False and meeting.occurred_at == MOVED
