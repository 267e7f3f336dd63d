"""An activity log's ID column is often a row number, counted again in each month's export or in a file merged
by hand: rows that share an ID but differ in date or people are different activities, kept both — the rule for
e-mails that reuse a Message-ID (`ingest_keys.unique_uid`). They were taken for a calendar's update ("1 meeting
ingested before has changed since … updated", the October visit gone) or, in one file, dropped as repeated."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from battlemap.interactions.models import Interaction
from battlemap.mail.models import MailItem
from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
HEADER = "ID,Date,From,To,Subject,Type\n"
OCTOBER = (
    "1,2026-10-12 10:00,sam@ourco.example,wang.fang@kehu.example,十月拜访王总,meeting\n"
    "2,2026-10-14 15:00,sam@ourco.example,li.qiang@kehu.example,十月电话李强,call\n"
)
NOVEMBER = (
    "1,2026-11-16 10:00,sam@ourco.example,chen.jing@kehu.example,十一月拜访陈静,meeting\n"
    "2,2026-11-18 15:00,sam@ourco.example,wang.fang@kehu.example,十一月电话王芳,call\n"
)
ALL = {
    ("十月拜访王总", "王芳"),
    ("十月电话李强", "李强"),
    ("十一月拜访陈静", "陈静"),
    ("十一月电话王芳", "王芳"),
}


@pytest.fixture
def account(world):
    kehu = f.account(owner=world.owner, slug="kehu", name="客户甲")
    for name, email in (("王芳", "wang.fang"), ("李强", "li.qiang"), ("陈静", "chen.jing")):
        f.person(account=kehu, name=name, email=f"{email}@kehu.example")
    return kehu


def _ingest(account, tmp_path, name: str, rows: str):
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return mail_ingest(account=account, paths=[path], our_domains=["ourco.example"], now=NOW)


def _activities(account) -> set[tuple[str, str]]:
    return {
        (i.summary, p.person.name)
        for i in Interaction.objects.filter(account=account)
        for p in i.participants.select_related("person")
    }


def test_next_months_log_with_the_same_row_numbers_adds_its_activities(account, tmp_path):
    _ingest(account, tmp_path, "activity_oct.csv", OCTOBER)
    november = _ingest(account, tmp_path, "activity_nov.csv", NOVEMBER)
    assert (november.new, november.updated, november.duplicates) == (2, 0, 0)
    assert "changed since" not in summary_of(november)
    assert _activities(account) == ALL  # the October visit to 王芳 is still there


def test_rows_of_one_file_sharing_an_id_are_all_ingested(account, tmp_path):
    report = _ingest(account, tmp_path, "activity_merged.csv", OCTOBER + NOVEMBER)
    assert (report.new, report.duplicates, report.skipped["duplicate"]) == (4, 0, 0)
    assert _activities(account) == ALL


def test_the_same_log_ingested_again_adds_nothing(account, tmp_path):
    _ingest(account, tmp_path, "activity_merged.csv", OCTOBER + NOVEMBER)
    again = _ingest(account, tmp_path, "activity_merged.csv", OCTOBER + NOVEMBER)
    assert (again.new, again.updated, again.duplicates) == (0, 0, 4)
    assert Interaction.objects.filter(account=account).count() == 4


def test_rows_stored_before_their_content_was_kept_are_still_known(account, tmp_path):
    _ingest(account, tmp_path, "activity_oct.csv", OCTOBER)
    MailItem.objects.filter(account=account).update(
        content_key=""
    )  # as an ingest before this rule stored them
    again = _ingest(account, tmp_path, "activity_oct.csv", OCTOBER)
    assert (again.new, again.duplicates) == (0, 2)
    november = _ingest(account, tmp_path, "activity_nov.csv", NOVEMBER)
    assert (november.new, november.updated) == (2, 0)
    assert _activities(account) == ALL
