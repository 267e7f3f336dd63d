"""A people file of many rows sharing one name and one mobile, written two ways (`+44 7700 900123`, `07700
900123`), each with its own e-mail: every row after the first is said to be "the same name, department and phone
as row 2" (`duplicate_rows.same_person_twice`), and reading it compares each row with the numbers seen, not with
every earlier row (`phones.PhoneBook`: 500 such rows took 27 s, 1,000 four minutes — a count of comparisons, no
timing, is asserted)."""

from __future__ import annotations

from battlemap.io import phones
from battlemap.io.phones import PhoneBook
from battlemap.io.tabular.duplicate_rows import same_person_twice
from battlemap.io.tabular.person_row import PersonRow
from tests.io.counting import count_calls

ROWS = 200


def _rows(n: int) -> list[PersonRow]:
    return [
        PersonRow(
            row=i + 2,
            name="Oliver Stone",
            email=f"o.stone{i}@example.com",
            phone="+44 7700 900123" if i % 2 else "07700 900123",
        )
        for i in range(n)
    ]


def _counting(monkeypatch) -> list[int]:
    return count_calls(monkeypatch, phones, "_one_number")


def test_rows_sharing_one_mobile_name_the_first_row_and_are_read_number_by_number(monkeypatch):
    calls = _counting(monkeypatch)
    problems = same_person_twice(_rows(ROWS))
    assert [(p.row, p.params["other"]) for p in problems] == [(i + 2, 2) for i in range(1, ROWS)]
    assert calls[0] <= 4 * ROWS  # two ways of writing it: two numbers to compare with, never each earlier row


def test_the_book_finds_each_thing_once_in_the_order_added_and_stops_at_its_limit(monkeypatch):
    book: PhoneBook[str] = PhoneBook()
    for i in range(ROWS):
        book.add("+44 7700 900123 / 0121 496 0001" if i % 2 else "07700 900123", f"p{i}")
    calls = _counting(monkeypatch)
    assert book.find("07700900123") == [f"p{i}" for i in range(ROWS)]  # the one with two numbers once
    assert book.find("(0121) 496 0001", limit=2) == ["p1", "p3"]
    assert book.find("+86 139 0101 0001") == []
    assert calls[0] <= 10


def test_thousands_of_numbers_sharing_their_last_seven_digits_are_not_compared_one_by_one(monkeypatch):
    """A roster of 2,000 extensions of one switchboard's block (`1000 501 2345`, `1001 501 2345`…: distinct numbers,
    the last 7 digits alike) was compared number by number on every look-up (5,000 rows: 6 s); each is found by
    its own digits, and still finds the number written with or without its country code."""
    book: PhoneBook[int] = PhoneBook()
    calls = _counting(monkeypatch)
    for i in range(2000):
        cell = f"{1000 + i}5012345"  # 11 digits, the last 7 shared by all
        assert book.find(cell, limit=1) == []
        book.add(cell, i)
    assert book.find("+86 1500 5012345") == [500]  # its country code before it: still the one number
    assert book.find("501 2345") == list(range(2000))  # the 7 digits alone end every one of them
    assert calls[0] <= 10
