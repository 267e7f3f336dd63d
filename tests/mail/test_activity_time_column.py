"""An activity log with the time of day in a column of its own (`日期,时间,…`, `Date,Time,…`, as a hand-kept
sheet has it): each row is at its time — it was read as an all-day row at 09:00, the time column ignored. A time
cell that is no time refuses the file naming its row and column."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from battlemap.interactions.models import Interaction
from battlemap.mail.services import IngestError, mail_ingest
from battlemap.mail.services.ingest import ingest_error_message
from tests import factories as f

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")
CHINESE = (
    "日期,时间,我方人员邮箱,客户邮箱,主题,类型\n"
    "2026-11-10,14:30,sam@ourco.example,wang.fang@kehu.example,方案汇报,会议\n"
    "2026-11-11,09:15,sam@ourco.example,li.qiang@kehu.example,电话沟通,电话\n"
)
ENGLISH = (
    "Date,Time,From,To,Subject,Type\n"
    "2026-11-10,14:30,sam@ourco.example,wang.fang@kehu.example,Demo,meeting\n"
    "11/12/2026,9:00 AM,sam@ourco.example,li.qiang@kehu.example,Call,call\n"
    "2026-11-13,,sam@ourco.example,li.qiang@kehu.example,Lunch,meeting\n"
)


@pytest.fixture
def account(world, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    kehu = f.account(owner=world.owner, slug="kehu", name="客户甲")
    f.person(account=kehu, name="王芳", email="wang.fang@kehu.example")
    f.person(account=kehu, name="李强", email="li.qiang@kehu.example")
    return kehu


def _ingest(account, tmp_path, text: str):
    path = tmp_path / "activity.csv"
    path.write_text(text, encoding="utf-8")
    return mail_ingest(account=account, paths=[path], our_domains=["ourco.example"], now=NOW)


def _times(account) -> dict[str, tuple[str, bool]]:
    return {
        i.summary: (i.occurred_at.astimezone(SHANGHAI).strftime("%m-%d %H:%M"), i.all_day)
        for i in Interaction.objects.filter(account=account)
    }


def test_a_chinese_log_with_a_time_column_puts_each_activity_at_its_time(account, tmp_path):
    _ingest(account, tmp_path, CHINESE)
    assert _times(account) == {"方案汇报": ("11-10 14:30", False), "电话沟通": ("11-11 09:15", False)}


def test_a_chinese_log_with_hour_words_in_the_time_column_and_in_the_date(account, tmp_path):
    """Times as a Chinese hand-kept sheet writes them (下午2点半, 上午9点, 14点30分) were refused as no time."""
    text = CHINESE.replace("14:30", "下午2点半").replace("09:15", "上午9点")
    text += "2026年11月12日 16点05分,,sam@ourco.example,li.qiang@kehu.example,回访,电话\n"
    _ingest(account, tmp_path, text)
    assert _times(account) == {
        "方案汇报": ("11-10 14:30", False),
        "电话沟通": ("11-11 09:00", False),
        "回访": ("11-12 16:05", False),
    }


def test_an_english_log_with_a_time_column_and_a_blank_time(account, tmp_path):
    _ingest(account, tmp_path, ENGLISH)
    assert _times(account) == {
        "Demo": ("11-10 14:30", False),
        "Call": ("11-12 09:00", False),  # month first: 11 December would be after now
        "Lunch": ("11-13 09:00", True),  # no time given: the day alone, as before
    }


@pytest.mark.parametrize("cell", ["25:00", "afternoon"])
def test_a_time_cell_that_is_no_time_is_refused_naming_row_and_column(account, tmp_path, cell):
    with pytest.raises(IngestError) as refused:
        _ingest(account, tmp_path, CHINESE.replace("09:15", cell))
    assert f"row 3: column '时间': '{cell}' is not a time of day" in ingest_error_message(refused.value)
    with translation.override("zh-hans"):
        assert f"第 3 行，列“时间”：“{cell}”不是" in ingest_error_message(refused.value)
    assert not Interaction.objects.filter(account=account).exists()


WITH_IDS = (
    "ID,Date,Time,From,To,Subject,Type\n"
    "501,2026-11-10,14:30,sam@ourco.example,wang.fang@kehu.example,Demo,meeting\n"
    "502,2026-11-12,,sam@ourco.example,li.qiang@kehu.example,Call,call\n"
)


@pytest.mark.parametrize("ids", [True, False], ids=["with-ids", "without-ids"])
def test_a_time_corrected_in_a_later_export_is_the_same_activity(account, tmp_path, ids):
    """A re-export whose one row's time was corrected (14:30 → 15:00, the same day and people) made a second
    meeting (a reviewer's trial): an activity log's row is keyed on its day, not its time."""
    first = WITH_IDS if ids else ENGLISH
    _ingest(account, tmp_path, first)
    count = Interaction.objects.filter(account=account).count()
    _ingest(account, tmp_path, first.replace("14:30", "15:00"))
    assert Interaction.objects.filter(account=account).count() == count


def test_rows_stored_before_the_time_column_was_read_are_not_ingested_twice(account, tmp_path):
    """A log ingested when its time column was ignored (every row all day at 09:00, no content key kept), read
    again now: the rows are those stored, not new ones (a reviewer's upgrade trial doubled row 501)."""
    from battlemap.mail.models import MailItem

    _ingest(account, tmp_path, WITH_IDS.replace(",14:30,", ",,"))  # as the old reading kept it: the day alone
    MailItem.objects.filter(account=account).update(content_key="")  # stored before keys were kept
    count = Interaction.objects.filter(account=account).count()
    report = _ingest(account, tmp_path, WITH_IDS)
    assert Interaction.objects.filter(account=account).count() == count and report.new == 0
