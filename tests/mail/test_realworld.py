"""Issue #14, kinds 6 and 7 (and the mail side of 1–2) through the ingest, the analysis, the CLI and the
web upload: each real-world file of tests/fixtures/realworld gives its expected result."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from battlemap.interactions.models import Interaction, Participant
from battlemap.io.mapformat import dumps_map, export_map
from battlemap.io.tabular.services import people_import
from battlemap.mail.cache import account_inference
from battlemap.mail.models import MailDomains, MailItem, Suggestion
from battlemap.mail.services import IngestError, mail_ingest, suggestions_refresh
from battlemap.mail.services.ingest_summary import summary_of
from battlemap.maps import account_analysis
from tests import factories as f

REALWORLD = Path(__file__).resolve().parent.parent / "fixtures" / "realworld"
OURS = ["ourco.example"]
NOW = datetime(2026, 11, 30, tzinfo=UTC)


def _copy(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(REALWORLD / name, tmp_path / name))


def _account(world):
    return f.account(owner=world.owner, slug="hdny", name="HDNY")


# ---- kind 1 and 2 on ingest ----


def test_chinese_header_encodings_land_as_names_and_subjects(world, tmp_path):
    account = _account(world)
    wang = f.person(account=account, name="王　喆")  # an ideographic space: name_key matches 王喆
    report = mail_ingest(
        account=account, paths=[_copy(tmp_path, "11_cn_header_encodings.mbox")], our_domains=OURS
    )
    assert (report.new, report.interactions) == (4, 4)
    names = set(MailItem.objects.filter(account=account).values_list("sender_name", flat=True))
    assert names == {"王喆", "李娜", "欧阳明远", "陈婧"}
    assert "关于平台采购预算" in set(
        Interaction.objects.filter(account=account).values_list("summary", flat=True)
    )
    assert Participant.objects.filter(person=wang).count() == 1
    suggestions_refresh(result=account_inference(account))
    assert not any("=?" in s.name for s in Suggestion.objects.filter(account=account))


# ---- kind 6: mail archives ----


def test_exchange_archive_customer_domain_is_the_customers_and_x500_people_match_by_name(world, tmp_path):
    account = _account(world)
    zhou = f.person(account=account, name="Zhou Min", email="zhou.min@hdny.example")
    xu = f.person(account=account, name="Xu Lei", email="xu.lei@hdny.example")
    report = mail_ingest(account=account, paths=[_copy(tmp_path, "12_exchange_x500.mbox")], our_domains=OURS)
    assert report.customer_domains == ["hdny.example"] and "hdny.example" in summary_of(report)
    assert report.interactions == 3 and not report.unmatched_names
    budget = Interaction.objects.get(account=account, source_ref="x1@mail.hdny.example")
    assert set(Participant.objects.filter(interaction=budget).values_list("person", flat=True)) == {
        zhou.pk,
        xu.pk,
    }
    assert MailItem.objects.get(uid="x1@mail.hdny.example").sender_email == "zhou.min@hdny.example"


def test_exchange_names_that_match_nobody_are_reported_not_suggested(world, tmp_path):
    account = _account(world)
    report = mail_ingest(account=account, paths=[_copy(tmp_path, "12_exchange_x500.mbox")], our_domains=OURS)
    assert report.customer_domains == ["hdny.example"] and report.customer_domains_origin == "common"
    # "Xu, Lei" writes from xu.lei@hdny.example in the same archive: his X.500 address is that one
    assert report.unmatched_names == {"Zhou, Min"} and report.interactions == 3
    assert "Exchange addresses matching no person (skipped, not suggested): Zhou, Min." in summary_of(report)
    assert MailItem.objects.get(uid="x2@ourco.example").recipients == [
        ["xu.lei@hdny.example", "Xu, Lei", "cc"]
    ]
    suggestions_refresh(result=account_inference(account))
    emails = set(Suggestion.objects.filter(account=account, kind="person").values_list("email", flat=True))
    assert emails == {"xu.lei@hdny.example"}
    assert not any("outlook" in d for d in MailDomains.objects.get(account=account).customer)


def test_own_archive_exchange_only_message_is_counted_as_skipped(world, tmp_path):
    account = _account(world)
    path = tmp_path / "x500.mbox"
    path.write_bytes(
        b"From MAILER-DAEMON Mon Jun  3 09:00:00 2024\nFrom: Sam <sam@ourco.example>\n"
        b"To: =?utf-8?B?5ZGo5pWP?= </O=CORP/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=ZM>\n"
        b"Subject: hi\nMessage-ID: <o1@ourco.example>\n\nbody\n\n"
        b"From MAILER-DAEMON Mon Jun  3 10:00:00 2024\nFrom: Li <li@cust.example>\nTo: sam@ourco.example\n"
        b"Subject: re\nMessage-ID: <o2@cust.example>\n\nbody\n"
    )
    report = mail_ingest(account=account, paths=[path], our_domains=OURS)
    assert report.unmatched_names == {"周敏"} and report.skipped["exchange_unmatched"] == 1
    assert report.interactions == 1 and report.customer_domains == ["cust.example"]


def test_re_ingesting_after_the_person_is_added_links_the_exchange_message_once(world, tmp_path):
    account = _account(world)
    path = _copy(tmp_path, "12_exchange_x500.mbox")
    mail_ingest(account=account, paths=[path], our_domains=OURS)
    zhou = f.person(account=account, name="Zhou Min", email="zhou.min@hdny.example")
    again = mail_ingest(account=account, paths=[path], our_domains=OURS)
    assert (again.new, again.duplicates, again.interactions) == (0, 3, 0)
    assert MailItem.objects.filter(account=account).count() == 3
    assert Participant.objects.filter(person=zhou).count() == 2  # joined the two interactions read before
    assert not again.unmatched_names


def test_a_corrected_customer_domain_links_items_ingested_before(world, tmp_path):
    account = _account(world)
    path = _copy(tmp_path, "13_mbox_quirks.mbox")
    first = mail_ingest(account=account, paths=[path], our_domains=OURS, customer_domains=["wrong.example"])
    assert first.interactions == 0 and first.skipped["no_customer"] == 6
    again = mail_ingest(account=account, paths=[path], customer_domains=["hdny.example"])
    assert again.interactions == 6 and again.new == 0
    assert MailItem.objects.filter(account=account, interaction__isnull=True).count() == 0


def test_mbox_quirks_every_message_becomes_an_interaction_and_dry_run_agrees(world, tmp_path):
    account = _account(world)
    path = _copy(tmp_path, "13_mbox_quirks.mbox")
    dry = mail_ingest(account=account, paths=[path], our_domains=OURS, dry_run=True)
    assert not MailItem.objects.filter(account=account).exists()
    assert not MailDomains.objects.filter(account=account).exists()
    real = mail_ingest(account=account, paths=[path], our_domains=OURS)
    assert (dry.new, dry.interactions, dry.participants, dict(dry.skipped)) == (
        real.new,
        real.interactions,
        real.participants,
        dict(real.skipped),
    )
    assert (real.new, real.interactions, real.dated_from_line) == (6, 6, 1)
    assert real.read == real.interactions + sum(real.skipped.values())  # every item accounted for
    reply = Interaction.objects.get(account=account, source_ref="q2@ourco.example")
    assert reply.occurred_at == datetime(2024, 6, 4, 10, 0, tzinfo=UTC)
    notices = Interaction.objects.filter(account=account, summary__startswith="Meeting notice")
    assert notices.count() == 2  # one Message-ID, two messages
    again = mail_ingest(account=account, paths=[path], our_domains=OURS)
    assert (again.new, again.duplicates, again.skipped["duplicate"]) == (0, 6, 6)
    assert "already ingested or repeated in the files (6)" in summary_of(again)


def test_own_archive_true_copies_are_dropped_and_internal_mail_is_counted(world, tmp_path):
    account = _account(world)
    message = (
        b"From a@hdny.example Mon Jun  3 09:00:00 2024\nFrom: A <a@hdny.example>\nTo: {to}\n"
        b"Message-ID: <same@hdny.example>\nDate: Mon, 3 Jun 2024 09:00:00 +0800\nSubject: s\n\nbody\n\n"
    )
    path = tmp_path / "own.mbox"
    path.write_bytes(
        message.replace(b"{to}", b"sam@ourco.example") * 2  # the same message twice (Inbox and a copy)
        + message.replace(b"{to}", b"b@hdny.example").replace(b"same@", b"other@")  # customer-internal
    )
    report = mail_ingest(account=account, paths=[path], our_domains=OURS)
    assert (report.new, report.duplicates, report.interactions) == (2, 1, 1)
    assert dict(report.skipped) == {"duplicate": 1, "internal": 1}
    assert "nobody from our side (the customer's own mail, kept for inference) (1)" in summary_of(report)


def test_a_refused_file_leaves_the_map_export_identical(world, tmp_path):
    account = _account(world)
    f.person(account=account, name="Li Na", email="li.na@hdny.example")
    before = dumps_map(export_map(account))
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\n")
    with pytest.raises(IngestError):
        mail_ingest(account=account, paths=[_copy(tmp_path, "13_mbox_quirks.mbox"), broken], our_domains=OURS)
    assert dumps_map(export_map(account)) == before
    assert not MailItem.objects.filter(account=account).exists()


# ---- kind 7: calendar semantics, through the analysis ----


def _calendar_account(world, tmp_path):
    account = _account(world)
    deal = f.deal(account=account, name="IoT platform", stage="evaluation")
    people_import(
        account=account,
        data=(REALWORLD / "14b_people_roles.csv").read_bytes(),
        filename="14b_people_roles.csv",
        deal=deal,
    )
    return account, deal


def _coverage(account, deal) -> dict[str, bool]:
    result = account_analysis(account=account, lang="en", deal_id=deal.pk)
    names = {p["id"]: p["name"] for p in result["people"]}
    (analysis,) = result["deals"]
    return {names[p["id"]]: p["met"] for row in analysis["coverage"] for p in row["people"]}, analysis


def test_outlook_calendar_declined_decision_maker_is_still_not_met(world, tmp_path):
    account, deal = _calendar_account(world, tmp_path)
    report = mail_ingest(
        account=account, paths=[_copy(tmp_path, "14b_outlook_calendar_2026.ics")], our_domains=OURS, now=NOW
    )
    assert report.skipped["cancelled"] == 2
    assert report.read == report.interactions + sum(report.skipped.values()) == 29
    assert report.interactions == 26 + 1  # the weekly sync up to now and the executive briefing
    met, analysis = _coverage(account, deal)
    assert met == {"Zhang Wei": True, "Li Na": True, "Liu Jianguo": False, "Wang Fang": False}
    assert "decision_maker_not_met" in {flag["code"] for flag in analysis["flags"]}
    briefing = MailItem.objects.get(account=account, uid="evt-exec-briefing-001")
    assert ["liu.jg@hdny.example", "Liu, Jianguo", "declined"] in briefing.recipients


def test_a_meeting_cancelled_after_it_was_ingested_no_longer_counts(world, tmp_path):
    account, deal = _calendar_account(world, tmp_path)
    path = tmp_path / "planned.ics"
    event = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{method}BEGIN:VEVENT\r\nUID:p1\r\nDTSTART:20261102T020000Z\r\n"
        "ORGANIZER:mailto:sam@ourco.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:liu.jg@hdny.example\r\n"
        "SUMMARY:{title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path.write_text(event.format(method="", title="ROI review"), encoding="utf-8")
    mail_ingest(account=account, paths=[path], our_domains=OURS, now=NOW)
    assert _coverage(account, deal)[0]["Liu Jianguo"] is True
    path.write_text(event.format(method="METHOD:CANCEL\r\n", title="已取消：ROI review"), encoding="utf-8")
    report = mail_ingest(account=account, paths=[path], our_domains=OURS, now=NOW)
    assert report.withdrawn == 1 and "cancelled since" in summary_of(report)
    assert _coverage(account, deal)[0]["Liu Jianguo"] is False
    assert not MailItem.objects.filter(account=account, uid="p1").exists()


def test_a_meeting_exported_again_with_a_declined_attendee_no_longer_counts_them_as_met(world, tmp_path):
    # cal_v1.ics then cal_v2.ics of a tester: same UID, SEQUENCE 1, the decision maker's answer now DECLINED
    account, deal = _calendar_account(world, tmp_path)
    path = tmp_path / "review.ics"
    event = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:r1\r\nSEQUENCE:{sequence}\r\n"
        "DTSTART:{start}\r\nORGANIZER:mailto:sam@ourco.example\r\n"
        "ATTENDEE;PARTSTAT={answer}:mailto:liu.jg@hdny.example\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:zhang.wei@hdny.example\r\nSUMMARY:ROI review\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    path.write_text(event.format(sequence=0, start="20261102T020000Z", answer="ACCEPTED"), encoding="utf-8")
    mail_ingest(account=account, paths=[path], our_domains=OURS, now=NOW)
    assert _coverage(account, deal)[0]["Liu Jianguo"] is True
    path.write_text(event.format(sequence=1, start="20261103T020000Z", answer="DECLINED"), encoding="utf-8")
    report = mail_ingest(account=account, paths=[path], our_domains=OURS, now=NOW)
    assert (report.updated, report.duplicates) == (1, 0)
    assert "1 meeting ingested before has changed since" in summary_of(report)
    met = _coverage(account, deal)[0]
    assert met["Liu Jianguo"] is False and met["Zhang Wei"] is True
    meeting = Interaction.objects.get(account=account, source_ref="r1")
    assert meeting.occurred_at == datetime(2026, 11, 3, 2, tzinfo=UTC)
    assert ["liu.jg@hdny.example", "", "declined"] in MailItem.objects.get(
        account=account, uid="r1"
    ).recipients
    again = mail_ingest(account=account, paths=[path], our_domains=OURS, now=NOW)
    assert (again.updated, again.duplicates) == (0, 1)  # read a third time, unchanged: nothing to update
    with translation.override("zh-hans"):
        assert "已更新" in summary_of(report)


def test_tentative_attendees_are_planned_not_met(world, tmp_path):
    account, deal = _calendar_account(world, tmp_path)
    path = tmp_path / "tentative.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:t1\r\nDTSTART:20261102T020000Z\r\n"
        b"ORGANIZER:mailto:sam@ourco.example\r\n"
        b"ATTENDEE;PARTSTAT=TENTATIVE:mailto:liu.jg@hdny.example\r\n"
        b"ATTENDEE;PARTSTAT=ACCEPTED:mailto:wang.fang@hdny.example\r\nSUMMARY:ROI review\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    mail_ingest(account=account, paths=[path], our_domains=OURS, now=NOW)
    met, _analysis = _coverage(account, deal)
    assert met["Liu Jianguo"] is False and met["Wang Fang"] is True


# ---- the CLI and the web upload, in both languages ----


def test_the_command_dry_run_writes_nothing_and_names_the_customer_domain(world, tmp_path, capsys):
    account = _account(world)
    path = _copy(tmp_path, "12_exchange_x500.mbox")
    call_command(
        "mail-ingest", str(path), "--account", account.slug, "--our-domain", "ourco.example", "--dry-run"
    )
    out = capsys.readouterr().out
    assert "Dry run" in out and "hdny.example" in out and "Zhou, Min" in out
    assert not MailItem.objects.filter(account=account).exists()
    with translation.override("zh-hans"):
        call_command("mail-ingest", str(path), "--account", account.slug, "--our-domain", "ourco.example")
    out = capsys.readouterr().out
    assert "客户域名" in out and "hdny.example" in out
    assert MailItem.objects.filter(account=account).count() == 3


@pytest.mark.parametrize(("language", "words"), [("en", "Customer domains"), ("zh-hans", "客户域名")])
def test_the_web_upload_summary_names_the_domain_and_the_page_offers_to_change_it(
    world, client, language, words
):
    account = _account(world)
    client.force_login(world.owner)
    upload = SimpleUploadedFile("12_exchange_x500.mbox", (REALWORLD / "12_exchange_x500.mbox").read_bytes())
    response = client.post(
        f"/accounts/{account.slug}/mail/upload/",
        {"files": upload, "our_domains": "ourco.example"},
        HTTP_ACCEPT_LANGUAGE=language,
        follow=True,
    )
    text = response.content.decode()
    assert response.status_code == 200 and words in text
    assert 'id="mail-domains"' in text and 'value="hdny.example"' in text
    assert "Zhou, Min" in text  # reported, not suggested
    assert not Suggestion.objects.filter(account=account, email__contains="outlook").exists()


def test_a_meeting_the_customer_only_declined_or_held_tentatively_says_so_not_nobody_from_the_customer(
    world, tmp_path
):
    """Its summary said "nobody from the customer's domains" though 李娜 of the customer's domain was invited
    (import trial): it says the customer's people declined or were tentative, and it counts no one as met."""
    account, deal = _calendar_account(world, tmp_path)
    path = tmp_path / "answered.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a1\r\nDTSTART:20261102T020000Z\r\n"
        b"ORGANIZER:mailto:sam@ourco.example\r\n"
        b"ATTENDEE;PARTSTAT=TENTATIVE:mailto:liu.jg@hdny.example\r\n"
        b"ATTENDEE;PARTSTAT=DECLINED:mailto:wang.fang@hdny.example\r\nSUMMARY:ROI review\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    report = mail_ingest(account=account, paths=[path], our_domains=OURS, now=NOW)
    assert report.interactions == 0 and report.skipped["customer_not_accepted"] == 1
    assert report.skipped["no_customer"] == 0
    assert "declined or only tentatively accepted" in summary_of(report)
