"""A generated organisation with a known hierarchy and the mail its people would plausibly exchange:
reports write to their manager most, to their skip-level sometimes; managers answer, announce to their
team and report up; peers talk to each other. Deterministic for a seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from battlemap.io.mail.records import Address, MessageRecord, Signature


def _mailer(
    records: list[MessageRecord],
    domain: str,
    titles: dict[str, tuple[str, str]] | None = None,
    chinese: bool = False,
):  # noqa: ANN202 - returns send(sender, to, when, subject, parent="") -> uid
    """A function that appends one message to `records`, signed with the sender's title when `titles`."""

    def send(sender: str, to: list[str], when: datetime, subject: str, parent: str = "") -> str:
        uid = f"m{len(records)}@{domain}"
        signature = (
            Signature(sender, titles[sender][1 if chinese else 0]) if titles and sender in titles else None
        )
        records.append(
            MessageRecord(
                uid=uid,
                kind="email",
                occurred_at=when,
                sender=Address(sender, sender.split("@")[0].upper()),
                to=tuple(Address(t) for t in to),
                subject=subject,
                in_reply_to=parent,
                signature=signature,
            )
        )
        return uid

    return send


@dataclass(frozen=True)
class Org:
    people: list[str]  # e-mail addresses, the top person first
    manager: dict[str, str]  # person -> manager (absent for the top)
    records: list[MessageRecord]

    @property
    def top(self) -> str:
        return self.people[0]


def generate_org(
    *, spans: tuple[int, ...] = (4, 3, 4), domain: str = "acme.example", seed: int = 1, days: int = 120
) -> Org:
    rng = random.Random(seed)
    people = [f"p0@{domain}"]
    manager: dict[str, str] = {}
    level = [people[0]]
    for span in spans:
        below = []
        for boss in level:
            for _ in range(span):
                person = f"p{len(people)}@{domain}"
                people.append(person)
                manager[person] = boss
                below.append(person)
        level = below
    reports: dict[str, list[str]] = {}
    for person, boss in manager.items():
        reports.setdefault(boss, []).append(person)
    start = datetime(2025, 1, 6, 9, tzinfo=UTC)
    records: list[MessageRecord] = []
    send = _mailer(records, domain)

    for day in range(days):
        base = start + timedelta(days=day)
        for person in people[1:]:
            boss = manager[person]
            if rng.random() < 0.5:  # report up, get an answer
                when = base + timedelta(minutes=rng.randint(0, 480))
                uid = send(person, [boss], when, f"status {person} {day}")
                if rng.random() < 0.6:
                    send(
                        boss,
                        [person],
                        when + timedelta(hours=rng.uniform(1, 8)),
                        f"Re: status {person} {day}",
                        uid,
                    )
            if boss in manager and rng.random() < 0.08:  # skip-level
                send(person, [manager[boss]], base + timedelta(hours=3), f"question {person} {day}")
            peers = [p for p in reports[boss] if p != person]
            if peers and rng.random() < 0.25:
                when = base + timedelta(minutes=rng.randint(0, 480))
                peer = rng.choice(peers)
                uid = send(person, [peer], when, f"sync {person} {day}")
                send(
                    peer,
                    [person],
                    when + timedelta(hours=rng.uniform(0.2, 3)),
                    f"Re: sync {person} {day}",
                    uid,
                )
        for boss, team in reports.items():
            if rng.random() < 0.15:
                send(boss, team, base + timedelta(hours=1), f"announcement {boss} {day}")
    return Org(people=people, manager=manager, records=records)


C_LEVEL_TITLES = (
    ("Chief Financial Officer", "总会计师"),
    ("Chief Information Officer", "首席信息官"),
    ("Chief Operating Officer", "副总经理"),
    ("Chief Technology Officer", "总工程师"),
    ("EVP Sales", "副总裁"),
    ("General Counsel", "总法律顾问"),
)
DIRECTOR_TITLES = (("Director", "部长"), ("Head of Department", "中心主任"), ("Director", "总监"))
STAFF_TITLES = (("Engineer", "工程师"), ("Specialist", "专员"), ("Analyst", "专员"), ("Manager", "经理"))


def _level(
    bosses: list[str],
    span: int,
    prefix: str,
    domain: str,
    manager: dict[str, str],
    titles: dict[str, tuple[str, str]],
    names: tuple[tuple[str, str], ...],
) -> list[str]:
    """`span` reports under each boss, named prefix0, prefix1, …, titled in turn from `names`."""
    below: list[str] = []
    for boss in bosses:
        for k in range(span):
            person = f"{prefix}{len(below)}@{domain}"
            below.append(person)
            manager[person] = boss
            titles[person] = names[(k if prefix != "c" else len(below) - 1) % len(names)]
    return below


NOTICE_EVERY_DAYS = 4  # the C-level send about 1.2 status mails up in that time (0.3 a day each)


def generate_quiet_top_org(
    *,
    spans: tuple[int, int, int] = (5, 3, 4),
    seed: int = 1,
    days: int = 120,
    signatures: bool = False,
    chinese: bool = False,
    domain: str = "corp.example",
    notices: bool = True,
    top_signs: bool = True,
) -> Org:
    """An organisation whose chief executive writes rarely, and mostly to the C-level; whose CIO and some
    directors are busy correspondents writing across the organisation. With `signatures`, every sender's
    messages carry a signature block with their title (in Chinese with `chinese`).

    With `notices` the chief executive also sends the C-level a notice every `NOTICE_EVERY_DAYS` days (the
    总经理办公会通知: one for every few status mails each of them sends up), as the tester's 17-person
    subsidiary of issue 15 does; they come from no random draw, so the rest of the mail is the same either
    way. Without `top_signs` everyone signs but the chief executive (the others' titles known, theirs not)."""
    rng = random.Random(seed)
    ceo = f"ceo@{domain}"
    people = [ceo]
    manager: dict[str, str] = {}
    titles = {ceo: ("Chief Executive Officer", "总经理")}
    c_level = _level([ceo], spans[0], "c", domain, manager, titles, C_LEVEL_TITLES)
    directors = _level(c_level, spans[1], "d", domain, manager, titles, DIRECTOR_TITLES)
    staff = _level(directors, spans[2], "s", domain, manager, titles, STAFF_TITLES)
    people += c_level + directors + staff
    reports: dict[str, list[str]] = {}
    for person, boss in manager.items():
        reports.setdefault(boss, []).append(person)
    busy = [c_level[1 % len(c_level)], *directors[:: max(1, len(directors) // 3)]]
    start = datetime(2025, 3, 3, 9, tzinfo=UTC)
    records: list[MessageRecord] = []
    signed = {p: t for p, t in titles.items() if top_signs or p != ceo}
    send = _mailer(records, domain, signed if signatures else None, chinese)

    for day in range(days):
        base = start + timedelta(days=day)
        if rng.random() < 0.08:  # the chief executive: a rare note to one of the C-level, answered at once
            asked = rng.choice(c_level)
            uid = send(ceo, [asked], base + timedelta(hours=2), f"note {day}")
            send(asked, [ceo], base + timedelta(hours=2.5), f"Re: note {day}", uid)
        if rng.random() < 0.03:
            send(ceo, list(c_level), base + timedelta(hours=1), f"board decision {day}")
        if notices and day % NOTICE_EVERY_DAYS == 0:
            send(ceo, list(c_level), base + timedelta(minutes=30), f"总经理办公会通知 {day}")
        for person in people[1:]:
            boss = manager[person]
            quiet_boss = boss == ceo
            if rng.random() < (0.3 if quiet_boss else 0.5):
                when = base + timedelta(minutes=rng.randint(0, 480))
                uid = send(person, [boss], when, f"status {person} {day}")
                if rng.random() < (0.1 if quiet_boss else 0.6):
                    send(
                        boss,
                        [person],
                        when + timedelta(hours=rng.uniform(1, 8)),
                        f"Re: status {person} {day}",
                        uid,
                    )
            if boss in manager and manager[boss] != ceo and rng.random() < 0.05:  # skip-level
                send(person, [manager[boss]], base + timedelta(hours=3), f"question {person} {day}")
            peers = [p for p in reports[boss] if p != person]
            if peers and rng.random() < 0.25:
                when = base + timedelta(minutes=rng.randint(0, 480))
                peer = rng.choice(peers)
                uid = send(person, [peer], when, f"sync {person} {day}")
                send(
                    peer,
                    [person],
                    when + timedelta(hours=rng.uniform(0.2, 3)),
                    f"Re: sync {person} {day}",
                    uid,
                )
        for person in busy:  # busy correspondents: many messages to many colleagues, answered
            for _ in range(6):
                other = rng.choice([p for p in people if p not in (person, ceo)])
                when = base + timedelta(minutes=rng.randint(0, 480))
                uid = send(person, [other], when, f"coordination {person} {other} {day}")
                if rng.random() < 0.7:
                    send(
                        other,
                        [person],
                        when + timedelta(hours=rng.uniform(0.2, 4)),
                        f"Re: coordination {person} {other} {day}",
                        uid,
                    )
        for boss, team in reports.items():
            if boss != ceo and rng.random() < 0.15:
                send(boss, team, base + timedelta(hours=1), f"announcement {boss} {day}")
    return Org(people=people, manager=manager, records=records)
