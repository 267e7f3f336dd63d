"""A fresh archive a seller might upload first (issue 15's review): three messages among four people of the
customer, a workflow notification from a system mailbox, and an Outlook meeting whose attendee is written
"Zhang, Wei" — all below the evidence floor."""

from __future__ import annotations

from pathlib import Path

DOMAIN = "guodian.example"
THREE = [  # (sender, recipients): 王建明 → 刘国强, 刘国强 → 孙婷, 陈静 → 陈静; our seller on each
    (("王建明", "wang.jm"), [("刘国强", "liu.gq")]),
    (("刘国强", "liu.gq"), [("孙婷", "sun.t")]),
    (("陈静", "chen.j"), [("陈静", "chen.j")]),
]
CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
    "BEGIN:VEVENT\r\nUID:thin-sync-1\r\nDTSTART:20260901T020000Z\r\nDTEND:20260901T030000Z\r\n"
    'SUMMARY:Project sync\r\nORGANIZER;CN="Seller, Sam":mailto:sam@ours.example\r\n'
    f'ATTENDEE;CN="Zhang, Wei";PARTSTAT=ACCEPTED:mailto:zhang.wei@{DOMAIN}\r\n'
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _message(i: int, sender: tuple[str, str], to: list[tuple[str, str]]) -> str:
    recipients = ", ".join(f"{name} <{local}@{DOMAIN}>" for name, local in to)
    return (
        f"From {sender[1]}@{DOMAIN} Tue Sep  1 09:00:00 2026\n"
        f"From: {sender[0]} <{sender[1]}@{DOMAIN}>\n"
        f"To: {recipients}, Sam Seller <sam@ours.example>\n"
        f"Date: Tue, 0{i + 1} Sep 2026 09:00:00 +0800\n"
        f"Subject: 项目第{i}次沟通\n"
        f"Message-ID: <thin-{i}@{DOMAIN}>\n"
        "Content-Type: text/plain; charset=utf-8\n\n请查阅。\n\n"
    )


def write_thin_archive(folder: Path) -> list[Path]:
    mbox = folder / "three.mbox"
    notice = (
        f"From noreply@{DOMAIN} Fri Sep  4 09:00:00 2026\n"
        f"From: OA System <noreply@{DOMAIN}>\n"
        f"To: 刘国强 <liu.gq@{DOMAIN}>, 孙婷 <sun.t@{DOMAIN}>\n"
        "Date: Fri, 04 Sep 2026 09:00:00 +0800\n"
        "Subject: 待办提醒\n"
        f"Message-ID: <thin-oa@{DOMAIN}>\n\n您有一条待审批流程。\n\n"
    )
    mbox.write_text("".join(_message(i, s, to) for i, (s, to) in enumerate(THREE)) + notice, encoding="utf-8")
    calendar = folder / "sync.ics"
    calendar.write_text(CALENDAR, encoding="utf-8")
    return [mbox, calendar]


def ingest_thin(account, folder: Path) -> None:  # noqa: ANN001
    """Ingest the archive into the account as an upload does, suggestions proposed."""
    from battlemap.mail.cache import account_inference
    from battlemap.mail.services import mail_ingest, suggestions_refresh

    paths = write_thin_archive(folder)
    mail_ingest(account=account, paths=paths, our_domains=["ours.example"], customer_domains=[DOMAIN])
    suggestions_refresh(result=account_inference(account))
