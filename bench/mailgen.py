"""A synthetic mbox for the ingest benchmark: an organisation of a few thousand people writing to each
other, with RFC 2047 encoded Chinese names on some senders. Deterministic for a given seed."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.header import Header
from email.utils import format_datetime
from pathlib import Path

SURNAMES = ["王", "李", "张", "刘", "陈", "Smith", "Müller", "García", "Johnson", "O'Brien"]
GIVEN = ["伟", "芳", "娜", "敏", "静", "Anna", "Björn", "Chloé", "David", "Eve"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"


def write_mbox(path: Path, *, messages: int, people: int = 3000, seed: int = 7) -> None:
    rng = random.Random(seed)
    domains = ["customer.example", "ours.example", "partner.example"]
    addresses = [(f"user{i}@{domains[i % 3]}", _name(rng)) for i in range(people)]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with path.open("w", encoding="ascii") as out:
        for n in range(messages):
            sender = addresses[rng.randrange(people)]
            recipients = [addresses[rng.randrange(people)] for _ in range(rng.randint(1, 4))]
            when = start + timedelta(minutes=n * 3)
            name = Header(sender[1], "utf-8").encode() if not sender[1].isascii() else f'"{sender[1]}"'
            to = ", ".join(f"{a}" for a, _ in recipients[:2])
            cc = ", ".join(a for a, _ in recipients[2:])
            reply = f"In-Reply-To: <m{n - 1}@gen.example>\n" if n and rng.random() < 0.4 else ""
            out.write(
                f"From {sender[0]} {when.strftime('%a %b %d %H:%M:%S %Y')}\n"
                f"From: {name} <{sender[0]}>\nTo: {to}\n"
                + (f"Cc: {cc}\n" if cc else "")
                + f"Date: {format_datetime(when)}\n"
                f"Subject: =?utf-8?b?5oql5Lu3?= quote {n % 997}\nMessage-ID: <m{n}@gen.example>\n{reply}"
                f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello,\nsee the quote.\n\n"
            )
