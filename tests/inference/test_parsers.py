from __future__ import annotations

import subprocess
import sys

from battlemap.io.mail import detect_format, parse_paths
from tests.inference import archives


def test_it_reads_an_mbox_with_encoded_chinese_and_latin_names(tmp_path):
    result = parse_paths([archives.write_mbox(tmp_path / "mail.mbox")])
    assert result.bad_files == []
    first = result.records[0]
    assert first.sender.name == "王建国"
    assert first.subject == "采购 approval"
    assert {a.name for a in first.to} == {"Alice Seller", "Li, Ming"}
    assert first.cc[0].name == "Jörg Müller"
    assert first.occurred_at.utcoffset().total_seconds() == 8 * 3600
    assert result.records[1].in_reply_to == "one@guodian.example"


def test_duplicate_messages_keep_the_same_uid_so_ingest_can_drop_them(tmp_path):
    result = parse_paths([archives.write_mbox(tmp_path / "mail.mbox")])
    assert [r.uid for r in result.records] == [
        "one@guodian.example",
        "two@ours.example",
        "one@guodian.example",
    ]


def test_headers_only_unless_bodies_are_asked_for(tmp_path):
    path = archives.write_mbox(tmp_path / "mail.mbox")
    assert parse_paths([path]).records[0].signature is None
    signature = parse_paths([path], bodies=True).records[0].signature
    assert signature.title == "总经理 General Manager"
    assert signature.phone == "+86 10 1234 5678"


def test_a_signature_title_is_any_post_the_title_table_knows(tmp_path):
    """Signatures are read with the title table, not a shorter keyword list: 首席信息官 and 专员 were missed,
    and a company or address line is no title."""
    path = tmp_path / "mail.mbox"
    blocks = {
        "cio": "李明\n首席信息官\n华东能源集团有限公司\n上海市浦东新区世纪大道 100 号",
        "zy": "王芳\n采购专员\n华东能源集团有限公司总部\n电话 021-5555 0100",
        "ea": "Anna Smith\nAcme China Ltd.\nExecutive Assistant to the CEO\n+86 21 5555 0101",
        "none": "Best regards,\nJörg\nAcme Head Office, 1 Main Street",
    }
    with path.open("w", encoding="utf-8") as out:
        for i, (who, block) in enumerate(blocks.items()):
            out.write(
                f"From {who}@hd.example Mon Mar 03 09:0{i}:00 2025\nFrom: {who} <{who}@hd.example>\n"
                f"To: x@hd.example\nDate: Mon, 03 Mar 2025 09:0{i}:00 +0000\nSubject: s\n"
                f"Message-ID: <{who}@hd.example>\nMIME-Version: 1.0\n"
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                f"Hello.\n\n-- \n{block}\n\n"
            )
    records = {r.sender.email.split("@")[0]: r for r in parse_paths([path], bodies=True).records}
    assert records["cio"].signature.title == "首席信息官"
    assert records["zy"].signature.title == "采购专员"
    assert records["zy"].signature.phone == "021-5555 0100"
    assert records["ea"].signature.title == "Executive Assistant to the CEO"
    assert records["none"].signature is None or records["none"].signature.title == ""


def test_it_reads_a_maildir_and_a_folder_of_eml_files(tmp_path):
    maildir = parse_paths([archives.write_maildir(tmp_path / "Maildir")])
    folder = parse_paths([archives.write_eml_folder(tmp_path / "exported")])
    assert sorted(r.uid for r in maildir.records) == ["one@guodian.example", "two@ours.example"]
    assert sorted(r.uid for r in folder.records) == ["one@guodian.example", "two@ours.example"]
    assert set(maildir.formats.values()) == {"maildir"}
    assert set(folder.formats.values()) == {"eml"}


def test_it_reads_meetings_from_icalendar(tmp_path):
    (meeting,) = parse_paths([archives.write_ics(tmp_path / "cal.ics")]).records
    assert meeting.kind == "meeting"
    assert meeting.sender.email == "alice@ours.example"
    assert [(a.email, a.name) for a in meeting.to] == [
        ("wang.jianguo@guodian.example", "王建国"),
        ("li.ming@guodian.example", "Li, Ming"),
    ]
    assert meeting.occurred_at.isoformat() == "2025-03-10T10:00:00+08:00"
    assert meeting.uid == "meeting-1@ours.example"


def test_it_reads_csv_activity_logs_and_salesforce_exports(tmp_path):
    generic = parse_paths([archives.write_interaction_csv(tmp_path / "log.csv")]).records
    assert [a.email for a in generic[1].to] == ["li.ming@guodian.example", "zhao@guodian.example"]
    assert generic[0].cc[0].email == "alice@ours.example"
    tasks = parse_paths([archives.write_salesforce_tasks(tmp_path / "Task.csv")]).records
    assert [t.kind for t in tasks] == ["call", "email"]
    assert (
        tasks[0].sender.email == "alice@ours.example"
        and tasks[0].to[0].email == "wang.jianguo@guodian.example"
    )
    (event,) = parse_paths([archives.write_salesforce_events(tmp_path / "Event.csv")]).records
    assert event.kind == "meeting" and event.uid == "00U1"


def test_a_broken_file_is_named_with_the_reason_and_the_rest_still_reads(tmp_path):
    good = archives.write_ics(tmp_path / "cal.ics")
    bad = archives.write_broken_csv(tmp_path / "broken.csv")
    result = parse_paths([good, bad, tmp_path / "missing.mbox"])
    assert len(result.records) == 1
    reasons = {b.path: b.reason for b in result.bad_files}
    assert "row 2" in reasons[str(bad)] and "'date'" in reasons[str(bad)]
    assert reasons[str(tmp_path / "missing.mbox")] == "no such file or folder"


def test_a_file_that_is_no_archive_is_reported(tmp_path):
    junk = tmp_path / "photo.bin"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert detect_format(junk) is None
    assert parse_paths([junk]).bad_files[0].reason == "not a mail, calendar or CSV activity file"


def test_the_parsers_and_inference_stay_free_of_django():
    code = "import sys, battlemap.io.mail, battlemap.inference; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_every_evidence_sentence_has_a_chinese_translation():
    from pathlib import Path

    import polib

    from battlemap.inference.evidence import MESSAGES

    catalog = Path(__file__).resolve().parents[2] / "battlemap/inference/locale/zh_Hans/LC_MESSAGES/django.po"
    entries = polib.pofile(str(catalog))
    translated = {e.msgid for e in entries if e.msgstr and not e.fuzzy}
    translated |= {(e.msgid, e.msgid_plural) for e in entries if e.msgstr_plural.get(0) and not e.fuzzy}
    assert set(MESSAGES.values()) <= translated
