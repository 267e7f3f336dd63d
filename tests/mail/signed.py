"""An archive whose signatures carry a title (刘洋 副总经理), for the tests of reading signatures again."""

from __future__ import annotations

from pathlib import Path

from battlemap.mail.cache import account_inference

DOMAIN = "guodian.example"
SIGNED = "title found in a signature: 副总经理, level 6 of 8"  # one line: the title and its level
SIGNED_ZH = "邮件签名中的职务：副总经理，8 级中的第 6 级"


def _message(i: int, sender: str, to: str, signature: str = "") -> str:
    return (
        f"From {sender.split('<')[1].rstrip('>')} Tue Sep  1 09:00:00 2026\n"
        f"From: {sender}\nTo: {to}, Sam Seller <sam@ours.example>\n"
        f"Date: Tue, 0{i + 1} Sep 2026 09:00:00 +0800\n"
        f"Subject: 项目沟通 {i}\nMessage-ID: <sig-{i}@{DOMAIN}>\n"
        "Content-Type: text/plain; charset=utf-8\n\n请查阅附件。\n\n" + signature + "\n\n"
    )


LIU = f"刘洋 <liu.yang@{DOMAIN}>"
SUN = f"孙婷 <sun.t@{DOMAIN}>"
SIGNATURE = "-- \n刘洋\n副总经理\n电话：010-8888 1234\n"
MBOX = "".join(
    [
        _message(0, LIU, SUN, SIGNATURE),
        _message(1, SUN, LIU),
        _message(2, LIU, SUN, SIGNATURE),
        _message(3, SUN, LIU),
    ]
)


def write_mbox(folder: Path) -> Path:
    path = folder / "liu.mbox"
    path.write_text(MBOX, encoding="utf-8")
    return path


def liu_evidence(account) -> list[str]:  # noqa: ANN001
    person = account_inference(account).inference.by_email()[f"liu.yang@{DOMAIN}"]
    return [e.text("en") for e in person.evidence]
