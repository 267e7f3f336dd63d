"""Hostile pastes at the paste's bounds (200,000 characters, 10,000 cells): each shape read by `read_paste`, its time
and the process's peak RSS printed. Each shape once repeated a pattern's work from each character: a run of spaces
and tabs (80 s for 9,000), `Am x schrieb schrieb …` (9 s for 64,000 characters), `) 1) 1…` under a name, 4,900 rows
of one name each with an address (16 s). All now read in well under 2 s.

    .venv/bin/python bench/paste_hostile.py
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from battlemap.io.paste import read_paste  # noqa: E402
from battlemap.io.paste.cells import cells_in  # noqa: E402

N = 200_000
GAP = "    \t"  # four spaces and a tab: no run of five spaces to shorten
SHAPES = {
    "spaces and tabs, no address": lambda: "On x" + GAP * 9_000 + "y\nJane Doe",
    "spaces and tabs, a degree": lambda: "Jane Doe" + GAP * 9_000 + "x\nCTO",
    "Tel, space tab": lambda: "Tel" + " \t" * 9_000 + "x\nJane",
    "Am x schrieb…": lambda: "Am x" + " schrieb" * (N // 8) + " y\nJane Doe",
    "On … 40,000 words <a@b> wrote:": lambda: "On " + "word " * ((N - 40) // 5) + "<a@b.co> wrote:\nJane Doe",
    ") 1) 1… under a name": lambda: "Jane Doe\n" + ") 1" * (N // 3 - 5) + "x",
    "4,900 rows, one name": lambda: (
        "Name\tEmail\n" + "".join(f"Oliver Stone\to{i}@x.com\n" for i in range(4_900))
    ),
    "Oliver Stone × 9,990 lines": lambda: "Oliver Stone\n" * 9_990,
    "Stone, × 9,990 lines": lambda: "Stone,\n" * 9_990,
    "mail headers repeated": lambda: (
        "From: Jane Doe <j@x.com>\nSent: Monday\nSubject: hi\n-----Original Message-----\n" * (N // 80)
    ),
    "attributions and quotes": lambda: (
        "On Mon, Mar 2, 2026 at 9:14 AM Jane Doe <jane@x.com> wrote:\n> Thanks, see you.\n" * (N // 85)
    ),
    "l I O after Tel:": lambda: "Tel: " + "l I O " * (N // 6),
    "Huadong's … CEO": lambda: "Jane Doe\n" + "Huadong's " * (N // 10) + "CEO",
    "张 伟 spaced, repeated": lambda: ("张 伟 " + "总 " * 40 + "\n") * (N // 90),
    "> 200,000": lambda: ">" * N + "\nJane Doe",
    "dots": lambda: "." * N + "\nJane Doe",
}


def main() -> None:
    for shape, make in SHAPES.items():
        text = make()[:N]
        start = time.perf_counter()
        pasted = read_paste(text, limit=200)
        took = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(
            f"{shape:<32} {len(text):>7} chars {cells_in(text):>6} cells {len(pasted.people):>4} people {took:6.2f}s {rss} MB"
        )


if __name__ == "__main__":
    main()
