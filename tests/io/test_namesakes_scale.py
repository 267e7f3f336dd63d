"""A people file of thousands of rows of one name (a CRM export's many "Wei Zhang"s, a roster's 张伟), each told
apart by its own e-mail: reading it compared each row with every earlier row of the name
(`duplicate_rows.duplicate_rows`: 5,000 rows took 2.9 s, and grew as the square of the rows). Each row is now
compared only with the rows that may be the same person — a count of comparisons, no timing, is asserted — and
a row that nothing tells apart from an earlier one is still refused naming the first such row."""

from __future__ import annotations

from battlemap.io.tabular import duplicate_rows as module
from battlemap.io.tabular.duplicate_rows import duplicate_rows
from battlemap.io.tabular.person_row import PersonRow
from tests.io.counting import count_calls

ROWS = 1000


def _counting(monkeypatch) -> list[int]:
    return count_calls(monkeypatch, module, "_told_apart")


def _namesakes(n: int) -> list[PersonRow]:
    return [PersonRow(row=i + 2, name="Wei Zhang", email=f"wei.zhang{i}@example.com") for i in range(n)]


def test_rows_of_one_name_told_apart_by_their_emails_are_not_compared_with_every_earlier_row(monkeypatch):
    calls = _counting(monkeypatch)
    assert duplicate_rows(_namesakes(ROWS)) == []  # namesakes with their own e-mails: two people each
    assert calls[0] <= ROWS  # never each earlier row (half a million comparisons)


def test_a_row_nothing_tells_apart_still_names_the_first_such_row(monkeypatch):
    rows = _namesakes(ROWS)
    rows.append(
        PersonRow(row=ROWS + 2, name="Wei Zhang", department="Sales")
    )  # no e-mail: may be any of them
    rows.append(PersonRow(row=ROWS + 3, name="Wei Zhang", email="wei.zhang7@example.com", department="Sales"))
    rows.append(PersonRow(row=ROWS + 4, name="Wei Zhang", email="other@example.com", department="IT"))
    calls = _counting(monkeypatch)
    found = [(p.row, p.column, p.params["other"]) for p in duplicate_rows(rows)]
    # the e-mail-less row may be row 2's person; the one of wei.zhang7 is said as that e-mail twice (row 9); the
    # last, with an e-mail of its own and in IT, is told apart from every earlier row (Sales, the e-mail-less one)
    assert found == [(ROWS + 2, "name", 2), (ROWS + 3, "email", 9)]
    assert calls[0] <= 3 * ROWS
