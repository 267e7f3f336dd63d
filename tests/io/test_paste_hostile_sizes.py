"""A paste within its bounds (200,000 characters, 10,000 cells) is read in time near linear in its length, whatever
it repeats: a line's patterns never see a long run of spaces and tabs (`    ⇥    ⇥…`: 9,000 of them took 80 s), an
attribution's pattern never a long line (`Am x schrieb schrieb …`, 64,000 characters: 9 s), a cell's phone pattern
never a cell longer than any field (`) 1) 1…`), and thousands of rows of one name each with its own address are not
each compared by name with every person kept (4,900 rows: 16 s). What is asserted is what the patterns are given
and how many comparisons are made — no timing; bench/paste_hostile.py times them."""

from __future__ import annotations

import re

from battlemap.io.paste import cells, found, lines, read_paste
from battlemap.io.paste.cells import CELL_MAX
from battlemap.io.paste.lines import ATTRIBUTION_MAX


class _Seen:
    """A pattern that records the length of every text it is asked about, and its longest run of whitespace."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.lengths, self.runs = pattern, [0], [0]

    def _saw(self, text: str) -> None:
        self.lengths.append(len(text))
        self.runs.append(max((len(r) for r in re.findall(r"\s+", text)), default=0))

    def match(self, text: str, *args):
        self._saw(text)
        return self.pattern.match(text, *args)

    def sub(self, repl, text: str, *args, **kwargs):
        self._saw(text)
        return self.pattern.sub(repl, text, *args, **kwargs)


def test_a_run_of_spaces_and_tabs_in_a_signature_is_one_gap(monkeypatch):
    degree = _Seen(lines._DEGREE)
    monkeypatch.setattr(lines, "_DEGREE", degree)
    pasted = read_paste("Jane Doe" + "    \t" * 2_000 + "CTO\njane@northwind.com")
    assert [(p.name, p.title, p.email) for p in pasted.people] == [("Jane Doe", "CTO", "jane@northwind.com")]
    assert max(degree.runs) <= 4  # a tab with its spaces is one tab


def test_an_excel_range_keeps_its_empty_columns():
    pasted = read_paste("Name\tA\tB\tC\tD\tE\tTitle\nJane Doe\t\t\t\t\t\tCTO")
    assert [(p.name, p.title) for p in pasted.people] == [("Jane Doe", "CTO")]


def test_an_attribution_is_read_on_a_short_line_only(monkeypatch):
    seen = _Seen(lines._ATTRIBUTION)
    monkeypatch.setattr(lines, "_ATTRIBUTION", seen)
    pasted = read_paste(
        "Am x" + " schrieb" * 600 + " y\n\nAm 02.03.2026 um 09:14 schrieb Jane Doe <jane@x.com>:\n> Danke."
    )
    assert max(seen.lengths) <= ATTRIBUTION_MAX
    assert ("Jane Doe", "jane@x.com") in [(p.name, p.email) for p in pasted.people]


def test_a_cells_phone_is_looked_for_in_a_cell_no_longer_than_a_field(monkeypatch):
    seen = _Seen(cells._LAST_NUMBER)
    monkeypatch.setattr(cells, "_LAST_NUMBER", seen)
    pasted = read_paste("Jane Doe\n" + ") 1" * 3_000 + "x\n\n张伟 总经理 13912345678")
    assert max(seen.lengths) <= CELL_MAX
    assert ("张伟", "总经理", "13912345678") in [(p.name, p.title, p.phone) for p in pasted.people]


def test_rows_of_one_name_each_with_an_address_are_not_compared_by_name(monkeypatch):
    calls = [0]
    match_name = found.match_name

    def counted(name: str) -> str:
        calls[0] += 1
        return match_name(name)

    monkeypatch.setattr(found, "match_name", counted)
    rows = 400
    pasted = read_paste(
        "Name\tEmail\n" + "".join(f"Oliver Stone\to{i}@x.com\n" for i in range(rows)), limit=200
    )
    assert (
        len(pasted.people) == 200
    )  # two hundred Oliver Stones, each their own address; the rest over the limit
    assert [u.reason for u in pasted.unread] == ["over_limit"] * (rows - 200)
    assert calls[0] <= rows


def test_a_name_key_reads_a_run_of_spaces_as_one(monkeypatch):
    """`match_name` keys every manager cell, mail display name and import name: its profile-addition readers took
    time growing with the square of a run of spaces (`Stone,` + 8,000 spaces + `Oliver`: 0.9 s; a spreadsheet cell of
    32,767 spaces, about 16 s). They are given the name with each run as one space, and the key is unchanged."""
    from battlemap.io import matching

    given: list[str] = []
    read = matching.without_profile_additions

    def recorded(text: str) -> str:
        given.append(text)
        return read(text)

    monkeypatch.setattr(matching, "without_profile_additions", recorded)
    assert matching.match_name("Stone," + " " * 8_000 + "Oliver") == matching.match_name("Stone, Oliver")
    assert matching.match_name("Jane \t\n  Doe") == "jane doe"
    assert given and max(len(run) for text in given for run in re.findall(r"\s+", text)) == 1
