"""Small archives written by the tests: every format, with non-ASCII names and RFC 2047 headers."""

from __future__ import annotations

from pathlib import Path

MESSAGE_1 = (
    "From: =?utf-8?b?546L5bu65Zu9?= <wang.jianguo@guodian.example>\n"
    'To: Alice Seller <alice@ours.example>, "Li, Ming" <li.ming@guodian.example>\n'
    "Cc: =?iso-8859-1?q?J=F6rg_M=FCller?= <jorg@guodian.example>\n"
    "Date: Mon, 03 Mar 2025 09:15:00 +0800\n"
    "Subject: =?utf-8?q?=E9=87=87=E8=B4=AD_approval?=\n"
    "Message-ID: <one@guodian.example>\n"
    "\n"
    "Please go ahead.\n"
    "\n"
    "-- \n"
    "王建国\n"
    "总经理 General Manager\n"
    "+86 10 1234 5678\n"
)
MESSAGE_2 = (
    "From: Alice Seller <alice@ours.example>\n"
    "To: =?utf-8?b?546L5bu65Zu9?= <wang.jianguo@guodian.example>\n"
    "Date: Mon, 03 Mar 2025 11:00:00 +0800\n"
    "Subject: Re: =?utf-8?q?=E9=87=87=E8=B4=AD_approval?=\n"
    "Message-ID: <two@ours.example>\n"
    "In-Reply-To: <one@guodian.example>\n"
    "\n"
    "Thanks!\n"
)


def write_mbox(path: Path, messages: tuple[str, ...] = (MESSAGE_1, MESSAGE_2, MESSAGE_1)) -> Path:
    """Three messages, the last a duplicate of the first."""
    body = "".join(f"From sender@example Mon Mar  3 09:15:00 2025\n{m}\n" for m in messages)
    path.write_text(body, encoding="utf-8")
    return path


def write_maildir(folder: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "cur" / "1.host:2,S").write_text(MESSAGE_1, encoding="utf-8")
    (folder / "new" / "2.host").write_text(MESSAGE_2, encoding="utf-8")
    return folder


def write_eml_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.eml").write_text(MESSAGE_1, encoding="utf-8")
    (folder / "b.eml").write_text(MESSAGE_2, encoding="utf-8")
    return folder


ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:meeting-1@ours.example\r\nDTSTART;TZID=Asia/Shanghai:20250310T100000\r\n"
    "DTEND;TZID=Asia/Shanghai:20250310T110000\r\nSUMMARY:方案评审\r\n"
    "ORGANIZER;CN=Alice Seller:mailto:alice@ours.example\r\n"
    "ATTENDEE;CN=王建国:mailto:wang.jianguo@guodian.example\r\n"
    'ATTENDEE;CN="Li, Ming":mailto:li.ming@guodian.example\r\n'
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def write_ics(path: Path) -> Path:
    path.write_text(ICS, encoding="utf-8")
    return path


def write_interaction_csv(path: Path) -> Path:
    path.write_text(
        "date,from,to,cc,subject,message_id\n"
        "2025-03-04T10:00:00+08:00,li.ming@guodian.example,wang.jianguo@guodian.example,alice@ours.example,周报,csv-1\n"
        '2025-03-05 09:00,alice@ours.example,"li.ming@guodian.example; zhao@guodian.example",,报价,csv-2\n',
        encoding="utf-8",
    )
    return path


def write_salesforce_tasks(path: Path) -> Path:
    path.write_text(
        "Id,Subject,ActivityDate,TaskSubtype,Who.Name,Who.Email,Owner.Email\n"
        "00T1,Call about renewal,03/16/2025,Call,Wang Jianguo,wang.jianguo@guodian.example,alice@ours.example\n"
        "00T2,Email: pricing,03/07/2025,Email,Li Ming,li.ming@guodian.example,alice@ours.example\n",
        encoding="utf-8",
    )
    return path


def write_salesforce_events(path: Path) -> Path:
    path.write_text(
        "Id,Subject,StartDateTime,EndDateTime,Who.Email,Owner.Email\n"
        "00U1,Site visit,2025-03-08T02:00:00.000+0000,2025-03-08T04:00:00.000+0000,"
        "wang.jianguo@guodian.example,alice@ours.example\n",
        encoding="utf-8",
    )
    return path


def write_broken_csv(path: Path) -> Path:
    path.write_text("date,from,to,subject\nnot a date,a@x.example,b@x.example,hi\n", encoding="utf-8")
    return path
