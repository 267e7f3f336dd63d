"""Phone numbers: the key two numbers are matched on (`phone_key`), whether two phone cells are two people's
(`phones_differ`) or the same numbers written another way (`same_phone`), people found by their numbers
(`PhoneBook`), a row's phone columns in one cell
(`every_phone`), and the pattern that finds a number in free text however it is written
(`written_phone_pattern`: erasing a person finds their number in every text of the account).

Pure (no Django), like `io.matching`, whose `clean_text` reads the cells.
"""

from __future__ import annotations

import heapq
import re
from typing import Generic, TypeVar

from battlemap.io.cleaning import clean_text

T = TypeVar("T")

PHONE_DIGITS = 7  # fewer digits are an extension, not a number that tells a person
_PHONE_LIST = re.compile(r"[/,;、，；|]|或|\bor\b")  # a cell listing several numbers: `138… / 010-…`


FLOAT_DIGITS_RE = re.compile(
    r"^(\+?\d+)\.0+$"
)  # a number a spreadsheet or script kept as a float: 13800138000.0


def phone_key(value: str) -> str:
    """The digits of a phone number (and a leading +), half-width: `＋86 138-0000 0000` → `+8613800000000`."""
    text = clean_text(value)
    digits = "".join(ch for ch in text if ch.isdigit())
    return ("+" + digits) if text.startswith("+") else digits


# A mobile number with its country code that a spreadsheet kept as a number, which has no +: a country whose
# numbers dialled at home begin otherwise (a trunk 0, or China's mobiles' 1), so that these digits are no number
# dialled at home — China's 86 then 1[3-9] and nine digits (`8613901010001`), the United Kingdom's 44 then 7 and
# nine digits (`447700900123`, at home 07700 900123)
_MOBILE_NO_PLUS = re.compile(r"^(?:861[3-9][0-9]{9}|447[0-9]{9})$")


def with_plus(value: str) -> str:
    """A number as a numeric cell lost its +: `8613901010001` (13 digits, 86 then a Chinese mobile) →
    `+8613901010001`, `447700900123` (44 then a British mobile) → `+447700900123`; anything else as it is. No
    number dialled at home has these digits (a reviewer's WPS sheet: 王建明's 13901010001 was replaced by
    8613901010001; a British mobile was stored without its +, a number no one could dial)."""
    return "+" + value if _MOBILE_NO_PLUS.match(value) else value


def phones_differ(a: str, b: str) -> bool:
    """Whether two phone cells are surely two people's: each holds a number of 7 digits or more (a cell may
    list several: `138… / 010-…`) and none of one is one of the other — the same when one's digits
    (`national_digits`: a trunk 0 left out) end with the other's (`+86 138 0000 0000` is `13800000000`,
    `+1 415 555 0100` is `4155550100`, `+86 21 6888 0001` is `021-68880001`); an extension tells nothing."""
    ours, theirs = _numbers(a), _numbers(b)
    return bool(ours and theirs) and not any(_one_number(x, y) for x in ours for y in theirs)


def same_phone(a: str, b: str) -> bool:
    """Whether two phone cells hold the same numbers, however each is written (`+86 139 0101 0001` and
    `13901010001`; `+86 21 6888 0001` and `021-68880001`): every number of one is one of the other's, by the
    rule of `phones_differ`. A re-import that writes a number another way changes nothing (a reviewer's WPS
    file: "Phone 13901010001 → +86 139 0101 0001" was counted as an update)."""
    ours, theirs = _numbers(a), _numbers(b)
    return (
        bool(ours and theirs)
        and all(any(_one_number(x, y) for y in theirs) for x in ours)
        and all(any(_one_number(x, y) for x in ours) for y in theirs)
    )


def _one_number(x: str, y: str) -> bool:
    """Two numbers of `_numbers` are one when the longer ends with the shorter: a country code before it."""
    short, long = sorted((x, y), key=len)
    return long.endswith(short)


def national_digits(digits: str) -> str:
    """A number's digits without the leading zeros of a trunk or international prefix: `021 6888 0001` →
    `2168880001`, as `+86 21 6888 0001` dials it from abroad (the trunk 0 stands for the country code at home;
    `0086…` is `+86…`). The one rule by which `phones_differ` compares numbers and `written_phone_pattern`
    finds them (a reviewer's `+86 21 6888 0001` was "another phone" beside 赵磊's 021-68880001)."""
    return digits.lstrip("+").lstrip("0")


class PhoneBook(Generic[T]):
    """Things (the account's people) found by a phone cell's numbers however each is written, by the rule of
    `same_phone` (`+44 121 496 0001` finds the one stored as `(0121) 496 0001`, `+86 138…` the `138…`): the
    one rule of every phone match. Two numbers are one when the longer ends with the shorter (`_one_number`), so
    each number is kept under each of its endings of PHONE_DIGITS digits or more, and a number is found by two
    exact look-ups a digit of its own: the numbers that end with it, and those it ends with — never read number by
    number, however many share their last digits (thousands of numbers ending in one 7 digits were compared one by
    one: 5,000 rows took 6 s), nor a file of thousands of rows sharing one number row by row (a reviewer's 500 rows
    of one name and one mobile took 27 s, 1,000 rows four minutes)."""

    def __init__(self) -> None:
        # an ending of a number → (the order added, the thing) of every number ending so, in the order added
        self._by_ending: dict[str, list[tuple[int, T]]] = {}
        # a number → (the order added, the thing) of that number itself
        self._by_number: dict[str, list[tuple[int, T]]] = {}
        self._added = 0

    def add(self, cell: str, item: T) -> None:
        for number in _numbers(cell):
            entry = (self._added, item)
            self._by_number.setdefault(number, []).append(entry)
            for start in range(len(number) - PHONE_DIGITS + 1):
                self._by_ending.setdefault(number[start:], []).append(entry)
        self._added += 1

    def find(self, cell: str, limit: int | None = None) -> list[T]:
        """The things a number of `cell` is one of, each once, in the order they were added; the first `limit`
        of them when given (a caller asking whether there is one, or more than one)."""
        runs = []
        for number in _numbers(cell):
            runs.append(self._by_ending.get(number, []))  # the numbers that end with it (it, too)
            shorter = (number[start:] for start in range(1, len(number) - PHONE_DIGITS + 1))
            runs.extend(self._by_number[s] for s in shorter if s in self._by_number)  # those it ends with
        found: dict[int, T] = {}
        for added, item in heapq.merge(*runs, key=lambda thing: thing[0]):
            found.setdefault(added, item)
            if limit is not None and len(found) >= limit:
                break
        return list(found.values())

    def __bool__(self) -> bool:
        return bool(self._by_number)


def _numbers(cell: str) -> list[str]:
    digits = (national_digits(phone_key(part)) for part in _PHONE_LIST.split(cell))
    return [d for d in digits if len(d) >= PHONE_DIGITS]


# What people write between the digits of one number: spaces (also no-break and ideographic ones), hyphens and
# dashes, dots, brackets — at most three in a row ("139 - 1234", "(10) 6512").
GAP = "[ \u00a0\u3000.()（）‐‑–—-]{0,3}"
# The number itself at the start of a cell: what follows it (转 801, ext. 12) is an extension, not the number.
_NUMBER = re.compile(r"[+(]?[0-9][0-9 .()‐‑–—-]*")
# The country code of a number written with one: "+86 139…", "0086-139…", "(+86) 139…" (a gap after it).
_CODE = re.compile(r"[(]?(?:\+|00)([0-9]{1,3})(?=[^0-9])")


def written_phone_pattern(cell: str, gap: str = GAP) -> str:
    """A regular expression that finds each number of a phone cell (`/`, `,`, `或`… between numbers) in a text
    however it is written: its digits with up to three of `gap` (default GAP: spaces, `-`, `.`, brackets)
    between any two, with or without the country code. For `+86 139-1234-5678`: `139 1234 5678`,
    `13912345678`, `+86-139-1234-5678`, `(+86) 139…`, `8613912345678`, `0086 139…` and a trunk 0
    (`+86 10 6512 3456` is also `010-6512 3456`, and `010-6512 3456` also `+86 10 6512 3456`:
    `national_digits`); never inside a longer run of digits or letters
    (`139123456789` is another number, `SO13912345678` an order, `SF13912345678` a waybill). A number stored
    without its code (`13800001111`) is found with any code written before it with `+` or `00`
    (`+86 138 0000 1111`); one written `+8613912345678`, the code not set apart, is read with a
    code of one, two or three digits. Numbers of fewer than PHONE_DIGITS digits (an extension) are left out.
    The pattern reads alike in Python's `re` and in the databases' `__regex` (SQLite through Python,
    PostgreSQL's AREs: lookbehind since 9.6); a looser `gap` (`[^0-9]{0,6}`) makes a database's first pass
    that also finds JSON's escaped brackets. "" when the cell holds no number."""
    out = []
    for part in _PHONE_LIST.split(clean_text(cell)):
        number = _NUMBER.search(part)
        if number is None:
            continue
        written = number.group(0)
        digits = re.sub(r"[^0-9]", "", written)
        code = _CODE.match(written)
        if code:
            readings = [(code.group(1), re.sub(r"[^0-9]", "", written[code.end() :]))]
        elif re.match(r"[(]?(\+|00)", written):
            digits = digits.removeprefix("00") if not written.lstrip("(").startswith("+") else digits
            readings = [(digits[:n], digits[n:]) for n in (1, 2, 3)]
        else:
            readings = [("", national_digits(digits))]
        for country, national in readings:
            if len(national) < PHONE_DIGITS:
                continue
            if country:  # +86 139…, 86139…, 0086 139…, and a trunk 0 before the national number
                prefix = f"(?:[(]?(?:\\+|00){gap}{country}{gap}|{country}{gap}|[(]?0)?"
            else:  # whatever code is written before it, or a trunk 0 (021… is also +86 21…)
                prefix = f"(?:[(]?(?:\\+|00){gap}[0-9]{{1,3}}{gap}|[(]?0)?"
            # a letter glued on makes another identifier (SO13912345678, an order; SF…, a waybill): left as it is
            out.append(f"(?<![0-9A-Za-z]){prefix}{gap.join(national)}(?![0-9A-Za-z])")
    return "|".join(out)


def every_phone(values: list[str]) -> str:
    """The numbers of a row's phone columns (Salesforce's Phone and Mobile, Outlook's Business and Mobile
    Phone) in one cell, as a person's one phone field keeps several: `0044 20 7946 0018 / 07700900123` — each
    number once, however it is written (`phones.same_phone`: HubSpot's `+86 138 0013 8000` and its number cell
    8613800138000, a phone's two vCard TELs `+86 138…` and `138…`, were kept twice), a float's `.0` dropped.
    Matching reads the person of either number (`phones.phones_differ`); a second number is never dropped
    without a word."""
    kept: list[str] = []
    for value in values:
        if digits := FLOAT_DIGITS_RE.match(value):
            value = digits[1]
        if value and not any(same_phone(value, k) or phone_key(value) == phone_key(k) for k in kept):
            kept.append(value)
    return " / ".join(kept)
