from __future__ import annotations

import pytest

from battlemap.interactions.models import Interaction, OurParticipant, Participant
from battlemap.io.mail.activity_csv import write_activity_csv
from battlemap.mail.cache import account_inference
from battlemap.mail.models import MailItem
from battlemap.mail.services import IngestError, mail_ingest
from tests import factories as f
from tests.inference import archives
from tests.inference.orggen import generate_org

OURS = ["ours.example"]


@pytest.mark.parametrize(
    ("writer", "name", "items"),
    [
        (archives.write_mbox, "mail.mbox", 2),
        (archives.write_maildir, "Maildir", 2),
        (archives.write_eml_folder, "exported", 2),
        (archives.write_ics, "cal.ics", 1),
        (archives.write_interaction_csv, "log.csv", 2),
        (archives.write_salesforce_tasks, "Task.csv", 2),
        (archives.write_salesforce_events, "Event.csv", 1),
    ],
)
def test_each_format_ingests_into_interactions_with_participants(world, tmp_path, writer, name, items):
    report = mail_ingest(account=world.cn, paths=[writer(tmp_path / name)], our_domains=OURS)
    assert report.new == items
    assert MailItem.objects.filter(account=world.cn).count() == items
    interactions = Interaction.objects.filter(account=world.cn, source__in=["mail", "calendar"])
    assert interactions.count() == items
    # 王建国 has no e-mail on the map: matched by the decoded display name (or by e-mail after acceptance)
    if name not in ("log.csv", "Task.csv", "Event.csv"):
        assert Participant.objects.filter(interaction__in=interactions, person=world.cn_boss).exists()


def test_a_meeting_is_a_meeting_and_our_users_take_part(world, tmp_path):
    world.owner.email = "alice@ours.example"
    world.owner.save()
    mail_ingest(account=world.cn, paths=[archives.write_ics(tmp_path / "cal.ics")], our_domains=OURS)
    meeting = Interaction.objects.get(account=world.cn, source="calendar")
    assert meeting.kind == "meeting" and meeting.summary == "方案评审"
    assert OurParticipant.objects.filter(interaction=meeting, user=world.owner).exists()


def test_reingesting_the_same_archive_adds_nothing(world, tmp_path):
    path = archives.write_mbox(tmp_path / "mail.mbox")
    first = mail_ingest(account=world.cn, paths=[path], our_domains=OURS)
    assert (first.new, first.duplicates) == (2, 1)  # the archive itself holds a duplicate
    again = mail_ingest(account=world.cn, paths=[path], our_domains=OURS)
    assert (again.new, again.duplicates) == (0, 3)
    assert Interaction.objects.filter(account=world.cn).exclude(source="manual").count() == 2


def test_a_bad_file_writes_nothing_unless_skip_bad(world, tmp_path):
    good = archives.write_ics(tmp_path / "cal.ics")
    bad = archives.write_broken_csv(tmp_path / "broken.csv")
    with pytest.raises(IngestError) as error:
        mail_ingest(account=world.cn, paths=[good, bad], our_domains=OURS)
    assert "broken.csv" in str(error.value) and "row 2" in str(error.value)
    assert not MailItem.objects.filter(account=world.cn).exists()
    assert not Interaction.objects.filter(account=world.cn, source="calendar").exists()
    report = mail_ingest(account=world.cn, paths=[good, bad], our_domains=OURS, skip_bad=True)
    assert report.new == 1 and [b.path for b in report.bad_files] == [str(bad)]


def test_since_skips_older_items_and_a_deal_of_another_account_is_refused(world, tmp_path):
    report = mail_ingest(
        account=world.cn,
        paths=[archives.write_interaction_csv(tmp_path / "log.csv")],
        since=__import__("datetime").date(2025, 3, 5),
    )
    assert (report.new, report.older_than_since) == (1, 1)
    other_deal = f.deal(account=world.en)
    with pytest.raises(IngestError):
        mail_ingest(account=world.cn, paths=[tmp_path / "log.csv"], deal=other_deal)


def test_a_generated_organisation_ingested_is_ranked_with_its_head_first(world, tmp_path):
    org = generate_org(spans=(3, 4), seed=11, days=60)
    path = tmp_path / "org.csv"
    write_activity_csv(
        path,
        (
            {
                "message_id": r.uid,
                "date": r.occurred_at.isoformat(),
                "from": r.sender.email,
                "to": "; ".join(a.email for a in r.to),
                "cc": "",
                "subject": r.subject,
                "kind": "email",
            }
            for r in org.records
        ),
    )
    account = f.account(owner=world.owner, slug="acme")
    mail_ingest(account=account, paths=[path])
    result = account_inference(account)
    assert result.inference.customer_domains == ("acme.example",)
    assert result.inference.people[0].email == org.top
    by = result.inference.by_email()
    found = sum(
        1
        for p, boss in org.manager.items()
        if by[p].manager_candidates and by[p].manager_candidates[0].email == boss
    )
    assert found / len(org.manager) >= 0.8


def test_ingested_interactions_and_participants_have_history(world, tmp_path):
    mail_ingest(account=world.cn, paths=[archives.write_mbox(tmp_path / "mail.mbox")], our_domains=OURS)
    interactions = Interaction.objects.filter(account=world.cn, source="mail")
    assert Interaction.history.filter(id__in=interactions.values("id"), history_type="+").count() == 2
    participants = Participant.objects.filter(interaction__in=interactions)
    assert participants.exists()
    assert Participant.history.filter(id__in=participants.values("id")).count() == participants.count()
    item = MailItem.objects.get(account=world.cn, uid="one@guodian.example")
    assert item.interaction is not None and item.recipients[0] == ["alice@ours.example", "Alice Seller", "to"]


def _recurring_calendar(path, events: int, freq: str, start: str = "20200101T090000Z"):
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:bomb-{i}@x\r\nDTSTART:{start}\r\nRRULE:FREQ={freq}\r\nSUMMARY:weekly {i}\r\n"
        f"ORGANIZER:mailto:a@guodian.example\r\nATTENDEE;CN=B:mailto:b@guodian.example\r\nEND:VEVENT\r\n"
        for i in range(events)
    )
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n")
    return path


def test_a_calendar_that_repeats_without_end_is_refused_quickly_and_writes_nothing(world, tmp_path):
    for freq, events, words in (
        ("SECONDLY", 300, "repeats every second or minute"),
        ("DAILY", 60, "more than 50,000"),
    ):
        with pytest.raises(IngestError) as error:
            mail_ingest(account=world.cn, paths=[_recurring_calendar(tmp_path / "c.ics", events, freq)])
        assert words in str(error.value), str(error.value)
        assert not Interaction.objects.filter(account=world.cn, source="calendar").exists()
    weekly = mail_ingest(account=world.cn, paths=[_recurring_calendar(tmp_path / "w.ics", 3, "WEEKLY")])
    assert weekly.new > 3 * 100  # real weekly meetings since 2020 are all read


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("访谈", "interview"), ("Interview", "interview"), ("拜访", "visit"), ("电话", "call"), ("活动", "event"),
     ("会议", "meeting"), ("面谈", "meeting"), ("Email", "email"), ("", "email")],
)  # fmt: skip
def test_an_activity_logs_kind_is_the_interaction_kind_of_that_word(world, tmp_path, cell, kind):
    """The kind column reads the interaction kinds' codes and labels in either language: an interview of the
    log is an interview, counted as met like one entered by hand, not an e-mail."""
    path = tmp_path / "log.csv"
    path.write_text(
        f"date,from,to,subject,kind\n2026-11-02 10:00,w@ours.example,boss@cust.example,方案,{cell}\n"
    )
    world.cn_boss.email = "boss@cust.example"
    world.cn_boss.save()
    mail_ingest(account=world.cn, paths=[path], our_domains=OURS)
    [interaction] = Interaction.objects.filter(account=world.cn, source__in=["mail", "calendar"])
    assert interaction.kind == kind
    assert Participant.objects.filter(interaction=interaction, person=world.cn_boss).exists()


def test_a_message_without_a_date_is_one_message_in_an_mbox_and_as_an_eml(world, tmp_path):
    """A mail trial: a message with no Date, read from an mbox (dated by its `From ` line) and again from an .eml
    (undated), was stored twice — "2 new" on a re-upload, counted twice by the inference."""
    message = (
        "From: 王建国 <wang@guodian.example>\nTo: Sam <sam@ours.example>\nSubject: 无日期\n"
        "Message-ID: <nodate-1@guodian.example>\nContent-Type: text/plain; charset=utf-8\n\n请查收。\n"
    )
    mbox = tmp_path / "a.mbox"
    mbox.write_text("From wang@guodian.example Tue Sep  1 09:00:00 2026\n" + message + "\n", encoding="utf-8")
    eml = tmp_path / "a.eml"
    eml.write_text(message, encoding="utf-8")
    first = mail_ingest(account=world.cn, paths=[mbox], our_domains=OURS)
    again = mail_ingest(account=world.cn, paths=[eml], our_domains=OURS)
    assert (first.new, again.new, again.duplicates) == (1, 0, 1)
    assert MailItem.objects.filter(account=world.cn).count() == 1
