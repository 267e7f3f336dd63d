"""A reply's attribution line as Gmail writes it in Spanish, Italian, Portuguese and Japanese: its writer is the name and
the address, nothing else. Each was misread — `El lun` titled `2 mar 2026 a las 9:14` and Jane Doe titled `escribió:`,
a person named `Il giorno lun 2 mar 2026 alle ore 09:14 Jane Doe` titled `ha scritto:`, the Portuguese line not read at
all, a person `2026年3月2日(月) 9:14 Jane Doe` titled `:` — and the reply's words under it read as people. Names
invented."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste

LINES = [
    "El lun, 2 mar 2026 a las 9:14, Jane Doe (<jane@x.com>) escribió:",
    "El lun, 2 mar 2026 a las 9:14, Jane Doe <jane@x.com> escribió:",
    "Il giorno lun 2 mar 2026 alle ore 09:14 Jane Doe <jane@x.com> ha scritto:",
    "Em seg., 2 de mar. de 2026 às 09:14, Jane Doe <jane@x.com> escreveu:",
    "2026年3月2日(月) 9:14 Jane Doe <jane@x.com>:",
]


def _people(text):
    return [(p.name, p.title, p.organisation, p.email) for p in read_paste(text).people]


@pytest.mark.parametrize("line", LINES)
def test_the_writer_is_the_name_nothing_else(line):
    assert _people(line) == [("Jane Doe", "", "", "jane@x.com")]


@pytest.mark.parametrize("line", LINES)
def test_the_reply_under_it_is_no_one(line):
    pasted = read_paste(f"{line}\n> Agreed.\n> Thanks, see you then.")
    assert [p.name for p in pasted.people] == ["Jane Doe"]
    assert {u.text for u in pasted.unread} == {"Agreed.", "Thanks, see you then."}


def test_a_japanese_writer_in_kanji():
    assert _people("2026年3月2日(月) 9:14 山田太郎 <yamada@x.co.jp>:") == [
        ("山田太郎", "", "", "yamada@x.co.jp")
    ]


def test_a_japanese_line_whose_name_cannot_be_told_from_the_date_is_not_read():
    pasted = read_paste("2026年3月2日 会议 Jane Doe <jane@x.com>:")
    assert not pasted.people
    assert [u.reason for u in pasted.unread] == ["not_read"]
