"""A person the mail barely shows is said to be seen in what they were seen in: "only 1 message", "only seen in
1 meeting", "only 2 messages and 1 meeting" — a person met once in a calendar read "only 1 message seen", in
both languages (the count included meetings, the sentence named messages alone)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from battlemap.inference import infer, person_json
from battlemap.inference.evidence import Evidence
from battlemap.io.mail.records import Address, MessageRecord

START = datetime(2026, 9, 1, 9, tzinfo=UTC)
SELLER = Address("sam@ours.example", "Sam")


def _record(i: int, kind: str, sender: str, *to: str) -> MessageRecord:
    return MessageRecord(
        f"r{i}@x",
        kind,
        START + timedelta(hours=i),
        Address(sender),
        tuple(Address(a) for a in to),
        subject="项目评审",
    )


def _few_line(records: list[MessageRecord], email: str, language: str) -> list[str]:
    result = infer(records, our_domains=["ours.example"], customer_domains=["c.example"])
    lines = person_json(result.by_email()[email], language=language)["seniority"]["evidence"]
    return [line for line in lines if line.startswith(("only", "只"))]


def test_a_person_seen_only_in_a_meeting_is_said_to_be_seen_in_a_meeting():
    records = [_record(0, "meeting", "sam@ours.example", "wang@c.example")]
    assert _few_line(records, "wang@c.example", "en") == ["only seen in 1 meeting: little evidence"]
    assert _few_line(records, "wang@c.example", "zh-hans") == ["只在 1 场会议中见到：依据不足"]


def test_messages_and_meetings_are_counted_apart():
    records = [
        _record(0, "email", "li@c.example", "sam@ours.example"),
        _record(1, "email", "sam@ours.example", "li@c.example"),
        _record(2, "meeting", "sam@ours.example", "li@c.example"),
    ]
    assert _few_line(records, "li@c.example", "en") == ["only 2 messages and 1 meeting seen: little evidence"]
    assert _few_line(records, "li@c.example", "zh-hans") == ["只见到 2 封邮件和 1 场会议：依据不足"]


def test_mail_alone_still_says_messages():
    records = [_record(0, "email", "li@c.example", "sam@ours.example")]
    assert _few_line(records, "li@c.example", "en") == ["only 1 message seen: little evidence"]
    assert _few_line(records, "li@c.example", "zh-hans") == ["只见到 1 封邮件：依据不足"]


def test_a_sentence_stored_before_reads_as_it_did():
    """Suggestions store the code with its numbers: an old "few_messages" keeps its sentence."""
    assert Evidence("few_messages", {"count": 3}).text() == "only 3 messages seen: little evidence"
