"""A generated organisation with a known hierarchy and the mail its people would plausibly exchange:
reports write to their manager most, to their skip-level sometimes; managers answer, announce to their
team and report up; peers talk to each other. Deterministic for a seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from battlemap.io.mail.records import Address, MessageRecord


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

    def send(sender: str, to: list[str], when: datetime, subject: str, parent: str = "") -> str:
        uid = f"m{len(records)}@{domain}"
        records.append(
            MessageRecord(
                uid=uid,
                kind="email",
                occurred_at=when,
                sender=Address(sender, sender.split("@")[0].upper()),
                to=tuple(Address(t) for t in to),
                subject=subject,
                in_reply_to=parent,
            )
        )
        return uid

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
