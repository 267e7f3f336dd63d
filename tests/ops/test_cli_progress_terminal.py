"""`battlemap import` of a 20,000-row file, and `mail-ingest` of a large archive, said nothing until the end: the
import drew its bar only on a terminal (nothing in a pipe, a log or a cron mail), and the ingest said a line every
10 seconds. They now say the reports the web's job pages show (rows written; items read, then storing) through
ops.progress as the other long commands: a few plain lines where standard error is no terminal, one line redrawn
in place on a terminal — and their result on standard output as before."""

from __future__ import annotations

import itertools
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from battlemap.io.tabular import writes
from battlemap.ops import progress

pytestmark = pytest.mark.django_db
ROWS = 300


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def _people(tmp_path, name: str = "people.csv", domain: str = "northwind.example") -> str:
    path = tmp_path / name
    rows = [f"Person {n},Engineer,p{n}@{domain}" for n in range(ROWS)]
    path.write_text("Name,Title,Email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def _import(path: str, slug: str, stderr: StringIO, lang: str = "en", verbosity: int = 1) -> list[str]:
    out = StringIO()
    call_command(
        "import", path, "--account", slug, "--lang", lang, stdout=out, stderr=stderr, verbosity=verbosity
    )
    return [line for line in out.getvalue().splitlines() if not line.startswith("Import id:")]


def test_an_import_says_a_few_progress_lines_in_a_pipe_and_the_same_summary(world, tmp_path, monkeypatch):
    monkeypatch.setattr(writes, "BATCH", 10)  # 30 reports of rows written
    err = StringIO()
    summary = _import(_people(tmp_path), world.en.slug, err)
    lines = err.getvalue().splitlines()
    assert lines[0] == "battlemap import: Reading and checking the rows…"
    counts = lines[1:]
    assert 5 <= len(counts) <= 10 and "\r" not in err.getvalue()  # by tenths, not 30 lines
    assert all(
        re.fullmatch(r"battlemap import: [\d,]+ of 300 rows written \(\d+%, \d+ s\)", c) for c in counts
    )
    assert counts[-1].startswith("battlemap import: 300 of 300 rows written (100%")
    quiet = _import(_people(tmp_path, "quiet.csv", "guodian.example"), world.cn.slug, StringIO(), verbosity=0)
    assert summary[-1] == "People: 300 created, 0 updated, 0 unchanged, 0 skipped"
    assert not any("battlemap import" in line for line in summary) and len(summary) == len(quiet)


def test_on_a_terminal_the_count_is_one_line_redrawn_in_chinese(world, tmp_path, monkeypatch):
    monkeypatch.setattr(writes, "BATCH", 10)
    err = Terminal()
    _import(_people(tmp_path), world.en.slug, err, lang="zh")
    said = err.getvalue()
    assert said.startswith("battlemap import: 正在读取并检查各行…\n")
    drawn = said.split("\n")[1]  # every count on one line, each drawn over the last
    assert drawn.count("\r") == ROWS // 10 and re.search(
        r"已写入 300 / 300 行（100%，\d+ 秒）\x1b\[K$", drawn
    )
    assert said.endswith("\x1b[K\n")  # ended before the summary


def test_mail_ingest_on_a_terminal_redraws_the_items_read(world, tmp_path, monkeypatch):
    seconds = itertools.count()
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(seconds))  # a second between two looks
    mbox = tmp_path / "inbox.mbox"
    mbox.write_text(
        "".join(
            f"From a@x Mon Mar  3 09:15:00 2025\nFrom: Wang <wang@guodian.example>\nTo: alice@ours.example\n"
            f"Date: Mon, 03 Mar 2025 09:{n % 60:02d}:00 +0800\nSubject: Note {n}\nMessage-ID: <n{n}@x>\n\n\n"
            for n in range(2500)
        )
    )
    out, err = StringIO(), Terminal()
    with translation.override("en"):
        call_command(
            "mail-ingest", str(mbox), "--account", world.cn.slug, "--our-domain", "ours.example", "--dry-run",
            "--lang", "en", stdout=out, stderr=err,
        )  # fmt: skip
    assert err.getvalue().startswith("\rbattlemap mail-ingest: read 1,000 items (")
    assert err.getvalue().count("\r") == 3 and err.getvalue().endswith("\x1b[K\n")
    assert out.getvalue().startswith("Dry run, nothing written. 2500 items read: 2500 new")
