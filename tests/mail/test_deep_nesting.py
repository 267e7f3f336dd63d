"""One message of thousands of nested MIME parts (a hostile file, or a mailer's loop) made the standard library's
parser raise RecursionError: with the bodies read, or headers only when it may be a calendar's answer, the whole
mbox was refused as "a value in it is not what its format allows" — with --skip-bad every other message of the
archive was dropped with it (trial s37 h2: 3,000 messages of a thread and one such message, 0 read)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from battlemap.interactions.models import Interaction
from battlemap.io.mail.messages import read_mbox
from battlemap.mail.services import mail_ingest

DEPTH = 5000  # past Python's recursion limit (1,000), as the parser recurses once a level


def _message(n: int) -> str:
    return (
        f"From zhao.lei@guodian.example Mon Nov  2 02:00:00 2026\nFrom: zhao.lei@guodian.example\n"
        f"To: li.sales@ourco.example\nSubject: n{n}\nDate: Mon, 2 Nov 2026 10:00:00 +0800\n"
        f"Message-ID: <n{n}@guodian.example>\n\nhello\n\nZhao Lei\nCTO\n\n"
    )


def _nested(kind: str) -> str:
    opening = "".join(f'--b{i}\nContent-Type: multipart/mixed; boundary="b{i + 1}"\n\n' for i in range(DEPTH))
    closing = "".join(f"--b{i}--\n" for i in range(DEPTH - 1, -1, -1))
    return (
        "From zhao.lei@guodian.example Mon Nov  2 03:00:00 2026\nFrom: zhao.lei@guodian.example\n"
        "To: li.sales@ourco.example\nSubject: deep\nDate: Mon, 2 Nov 2026 11:00:00 +0800\n"
        'Message-ID: <deep@guodian.example>\nContent-Type: multipart/mixed; boundary="b0"\n\n'
        + opening
        + f"--b{DEPTH}\nContent-Type: {kind}\n\nBEGIN:VCALENDAR\nEND:VCALENDAR\n--b{DEPTH}--\n"
        + closing
        + "\n"
    )


@pytest.mark.parametrize(
    ("bodies", "kind"), [(True, "text/plain"), (False, "text/calendar")], ids=["bodies", "calendar-part"]
)
def test_a_message_nested_past_the_parser_depth_keeps_its_archive(tmp_path, bodies, kind):
    path = tmp_path / "thread.mbox"
    path.write_text(_message(1) + _nested(kind) + _message(2), encoding="utf-8")
    records = list(read_mbox(path, bodies=bodies))
    assert [r.subject for r in records] == ["n1", "deep", "n2"]
    assert records[1].signature is None and not records[1].automatic
    if bodies:
        assert records[0].signature.title == "CTO"


@pytest.mark.django_db
def test_the_archive_of_a_nested_message_is_ingested_with_the_bodies(world, tmp_path):
    path = tmp_path / "takeout.mbox"
    path.write_text(_message(1) + _nested("text/plain") + _message(2), encoding="utf-8")
    report = mail_ingest(
        account=world.cn,
        paths=[path],
        our_domains=["ourco.example"],
        customer_domains=["guodian.example"],
        bodies=True,
        now=datetime(2026, 11, 30, tzinfo=UTC),
    )
    assert (report.new, report.bad_files) == (3, [])
    assert Interaction.objects.filter(account=world.cn).count() == 3
