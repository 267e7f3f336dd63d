"""Hostile text: a mail body or a paste of one long line, read for people and signatures. Prints the time of
reading each beside a floor measured in the same run — one pass over the same text (`str.splitlines` and a
search for "@") — for lines of 10 KB, 100 KB and 1 MB. Reading grows like the floor (linear); before the look-
behind and possessive patterns and the line bounds (a mail trial, 2026-12-04), a 200 KB line took 135 s.

    .venv/bin/python bench/hostile_text.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BATTLEMAP_VAR_DIR", tempfile.mkdtemp(prefix="battlemap-bench-"))  # never ./var
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")

import django  # noqa: E402

django.setup()

from battlemap.io.mail.records import Address  # noqa: E402
from battlemap.io.mail.signature import signature_from_message  # noqa: E402
from battlemap.io.paste import read_paste  # noqa: E402

SENDER = Address(email="w@x.cn", name="王建国")
SHAPES = {
    "one run, no space": lambda n: "x" * n,
    "words": lambda n: "word " * (n // 5),
    "x@ repeated": lambda n: "x@" * (n // 2),
    "<x@x@… unclosed": lambda n: "<" + "x@" * (n // 2),
    "name, then a,a,a…": lambda n: "王建国 " + "a," * (n // 2),
    "电话, spaces": lambda n: "电话" + " " * n + "x",
    "<a<a… (as HTML)": lambda n: "<a" * (n // 2),
}


def _best(run, times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"{'shape':<20} {'size':>7}  {'paste':>8}  {'signature':>9}  {'floor':>8}")
    for size in (10_000, 100_000, 1_000_000):
        for shape, make in SHAPES.items():
            text = make(size)
            message = EmailMessage()
            message["From"] = "王建国 <w@x.cn>"
            message.set_content(text, subtype="html" if "HTML" in shape else "plain")
            paste = _best(lambda text=text: read_paste(text), 1 if size >= 1_000_000 else 3)
            signature = _best(lambda message=message: signature_from_message(message, SENDER))
            floor = _best(lambda text=text: (text.splitlines(), text.find("@"), text.count(",")))
            print(f"{shape:<20} {size // 1000:>5} KB  {paste:7.3f}s  {signature:8.3f}s  {floor:7.4f}s")


if __name__ == "__main__":
    main()
