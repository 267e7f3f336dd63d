"""Fast replies over few replies are said by their numbers — "the one reply to their mail came after more than
2 h", not "replied to within 2 h in 0% of 1 reply" / "1 次回复中有 0% 在 2 小时内回复其邮件" — in both languages;
the score is not touched (the evidence keeps its share; only its sentence changes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from battlemap.inference import infer, person_json
from battlemap.inference.evidence import Evidence
from battlemap.io.mail.records import Address, MessageRecord

START = datetime(2026, 9, 1, 9, tzinfo=UTC)


def _replies_line(language: str) -> list[str]:
    asked = MessageRecord(
        "a@x", "email", START, Address("wang@c.example"), (Address("li@c.example"),), subject="评审"
    )
    answered = MessageRecord(
        "b@x",
        "email",
        START + timedelta(hours=3),
        Address("li@c.example"),
        (Address("wang@c.example"),),
        subject="回复：评审",
        in_reply_to="a@x",
    )
    result = infer([asked, answered], our_domains=["ours.example"], customer_domains=["c.example"])
    lines = person_json(result.by_email()["wang@c.example"], language=language)["seniority"]["evidence"]
    return [line for line in lines if "reply" in line or "回复" in line]


def test_the_one_reply_that_came_late_is_said_as_that():
    assert _replies_line("en") == ["the one reply to their mail came after more than 2 h"]
    assert _replies_line("zh-hans") == ["对其邮件仅有的 1 次回复超过 2 小时才到"]


@pytest.mark.parametrize(
    ("count", "share", "en", "zh"),
    [
        (1, "100%", "the one reply to their mail came within 2 h", "对其邮件仅有的 1 次回复在 2 小时内到达"),
        (
            3,
            "0%",
            "none of the 3 replies to their mail came within 2 h",
            "对其邮件的 3 次回复都超过 2 小时才到",
        ),
        (4, "100%", "all 4 replies to their mail came within 2 h", "对其邮件的 4 次回复都在 2 小时内到达"),
        (
            3,
            "67%",
            "2 of the 3 replies to their mail came within 2 h",
            "对其邮件的 3 次回复中有 2 次在 2 小时内到达",
        ),
        (
            12,
            "25%",
            "replied to within 2 h in 25% of 12 replies",
            "对其邮件的 12 次回复中有 25% 在 2 小时内到达",
        ),
    ],
)
def test_stored_evidence_reads_by_its_numbers_when_the_replies_are_few(count, share, en, zh):
    evidence = Evidence("replied_fast", {"hours": 2, "share": share, "count": count})
    assert (evidence.text("en"), evidence.text("zh-hans")) == (en, zh)
