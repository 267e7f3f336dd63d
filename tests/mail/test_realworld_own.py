"""Issue #14, mail, calendar and activity-log files of each kind that differ from the shared cases
(tests/fixtures/realworld_own, small files written for this test)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import translation

from battlemap.interactions.models import Interaction, Participant
from battlemap.io.mapformat import dumps_map, export_map
from battlemap.mail.models import MailItem
from battlemap.mail.services import IngestError, mail_ingest
from tests import factories as f

OWN = Path(__file__).resolve().parent.parent / "fixtures" / "realworld_own"
OURS = ["ourco.example"]
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


@pytest.fixture
def cust(world):
    account = f.account(owner=world.owner, slug="cust", name="Cust")
    people = {
        name: f.person(account=account, name=name, email=email)
        for name, email in (
            ("郑国", "zheng.guo@cust.example"),
            ("冯雪", "feng.xue@cust.example"),
            ("陈晨", "chen.chen@cust.example"),
        )
    }
    return account, people


def _ingest(account, tmp_path, *names, **kw):
    paths = [Path(shutil.copy(OWN / n, tmp_path / n)) for n in names]
    dry = mail_ingest(account=account, paths=paths, our_domains=OURS, now=NOW, dry_run=True, **kw)
    real = mail_ingest(account=account, paths=paths, our_domains=OURS, now=NOW, **kw)
    assert (dry.read, dry.new, dry.interactions) == (real.read, real.new, real.interactions)
    return real


def _met(account) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in Participant.objects.filter(interaction__account=account, interaction__kind="meeting"):
        out.setdefault(p.person.name, []).append(p.interaction.occurred_at.strftime("%m-%d"))
    return {k: sorted(v) for k, v in out.items()}


def test_exchange_relay_no_date_and_reused_ids(cust, tmp_path):
    account, people = cust
    report = _ingest(account, tmp_path, "k6_exchange_relay.mbox")
    assert report.customer_domains == ["cust.example"]  # never the outlook.com / exchangelabs relays
    assert (report.read, report.new, report.duplicates, report.interactions) == (7, 6, 1, 6)
    assert report.dated_from_line == 1
    # "Feng Xue" and "Chen Chen" are 冯雪 and 陈晨 by the alias their X.500 DNs end with (…-fengxue);
    # the relay-only bounce address carries nothing
    assert report.unmatched_names == {"Bounce"}
    budget = Interaction.objects.get(account=account, source_ref="a2@ourco.example")
    assert set(budget.participants.values_list("person__name", flat=True)) == {"郑国", "冯雪", "陈晨"}
    # the GB2312-labelled "郑 国" of the X.500 sender is 郑国
    first = Interaction.objects.get(account=account, source_ref="a1@cust.example")
    assert list(first.participants.values_list("person__name", flat=True)) == ["郑国"]
    assert first.summary == "预算审批（第二轮）"
    # two messages reusing one Message-ID with other dates and senders are both kept
    status = Interaction.objects.filter(account=account, summary="status")
    assert status.count() == 2
    no_date = MailItem.objects.get(account=account, subject="no date here")
    assert no_date.occurred_at == datetime(2026, 10, 7, 14, 30, tzinfo=UTC)
    assert not any("=?" in n for n in MailItem.objects.values_list("sender_name", flat=True))


def test_exchange_alias_of_a_dn():
    from battlemap.io.mail.exchange import exchange_alias

    assert exchange_alias(
        "/o=ExchangeLabs/ou=X/cn=Recipients/cn=f00dbeef0123456789abcdef01234567-zheng.guo"
    ) == ("zhengguo")
    assert exchange_alias("IMCEAEX-_o=Org_ou=X_cn=Recipients_cn=Li+2ENa@EUR03.PROD.OUTLOOK.COM") == "lina"
    assert exchange_alias("/o=Org/ou=X/cn=Recipients") == ""
    assert exchange_alias("bounce-1@am5pr03mb.exchangelabs.com") == ""


def test_outlook_recurrence_exdate_override_declined_tentative_and_cancelled(cust, tmp_path):
    account, _ = cust
    report = _ingest(account, tmp_path, "k7a_outlook.ics", "k7b_cancel.ics")
    met = _met(account)
    # weekly from 5 Oct, minus EXDATE 19 and 26 Oct, minus the cancelled 2 Nov occurrence, up to NOW
    weekly = ["10-05", "10-12", "11-09", "11-16", "11-23", "11-30"]
    assert met["郑国"] == sorted([*weekly, "11-13"])
    assert "冯雪" not in met  # declined the weekly, and the steering committee was cancelled (METHOD:CANCEL)
    assert met.get("陈晨", []) == ["01-13"]  # tentative on 13 Nov; "已取消:" title; only the future one
    subjects = set(Interaction.objects.filter(account=account).values_list("summary", flat=True))
    assert (
        "华东能源数字化平台项目周例会（技术方案评审与进度同步）——每周一上午十点整" in subjects
    )  # fold cut a character
    assert report.skipped["cancelled"] == 3


def test_activity_log_with_chinese_headers_in_gbk(cust, tmp_path):
    account, _ = cust
    report = _ingest(account, tmp_path, "k5e_activity_gbk.csv")
    assert report.encodings == {"k5e_activity_gbk.csv": "GB18030"} and report.interactions == 3
    call = Interaction.objects.get(account=account, summary="电话：预算跟进")
    assert call.kind == "call" and call.occurred_at == datetime(2026, 11, 3, 6, 30, tzinfo=UTC)  # 14:30 +08
    assert (
        Interaction.objects.get(account=account, summary="拜访：技术交流").kind == "visit"
    )  # 拜访, vocab.INTERACTION_KINDS: met


def test_salesforce_us_dates_with_a_comma_need_the_order_then_land(cust, tmp_path):
    account, _ = cust
    before = dumps_map(export_map(account))
    with pytest.raises(IngestError) as refused, translation.override("zh-hans"):
        _ingest(account, tmp_path, "k5f_activity_sf_us.csv")
    assert dumps_map(export_map(account)) == before
    assert "第 2 行，列“Date”：“11/3/2026, 2:30 PM”既可按日/月也可按月/日读取" in str(refused.value)  # in zh
    with pytest.raises(IngestError, match="row 2: column 'Date'"), translation.override("en"):
        _ingest(account, tmp_path, "k5f_activity_sf_us.csv")
    _ingest(account, tmp_path, "k5f_activity_sf_us.csv", date_order="mdy")
    call = Interaction.objects.get(account=account, summary="Call: budget")
    assert call.occurred_at == datetime(2026, 11, 3, 6, 30, tzinfo=UTC)


def test_activity_log_addresses_typed_full_width(cust, tmp_path):
    account, people = cust
    log = tmp_path / "typed.csv"
    log.write_text(
        "日期,主题,负责人邮箱,联系人邮箱\n2026-11-02 10:00,电话沟通,sam＠ourco.example,郑国 <ＺＨＥＮＧ.guo＠cust.example>；冯雪 <feng.xue＠cust.example>\n",
        encoding="utf-8",
    )
    report = mail_ingest(account=account, paths=[log], our_domains=OURS, now=NOW)
    assert report.interactions == 1
    met = Interaction.objects.get(account=account, summary="电话沟通").participants.values_list(
        "person__name", flat=True
    )
    assert set(met) == {"郑国", "冯雪"}


# ---- left from #14: two encodings in one log, dotted dates (tests/fixtures/realworld_own/m5, m6) ----


def test_an_activity_log_mixing_utf8_and_gbk_is_refused_naming_the_lines(cust, tmp_path):
    # an ingest has no preview to confirm a line-by-line reading in: the lines are named, nothing is written
    account, _ = cust
    before = dumps_map(export_map(account))
    with pytest.raises(IngestError) as refused, translation.override("en"):
        _ingest(account, tmp_path, "m5_activity_mixed_gbk.csv")
    assert "the file mixes two encodings: lines 3, 4 are GB18030, the others UTF-8" in str(refused.value)
    with pytest.raises(IngestError) as refused, translation.override("zh-hans"):
        _ingest(account, tmp_path, "m5_activity_mixed_gbk.csv")
    assert "3, 4" in str(refused.value) and "GB18030" in str(refused.value) and "编码" in str(refused.value)
    assert dumps_map(export_map(account)) == before


def test_an_activity_log_with_dotted_dates_lands_day_first_without_asking(cust, tmp_path):
    account, _ = cust
    _ingest(account, tmp_path, "m6_activity_dotted_de.csv")
    call = Interaction.objects.get(account=account, summary="Anruf: Budget")
    assert call.occurred_at.astimezone(UTC) == datetime(2026, 11, 3, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai
    assert Interaction.objects.get(account=account, summary="Besuch").occurred_at.day == 5
