"""Dates and times in files — one reader for the people import and the activity-log CSV (issue #14, kind 5).

Pure (no Django). Read without asking: ISO (`2026-11-03`, `2026-11-03T10:00:00+08:00`), `yyyy/M/d`,
`yyyy.M.d`, `yyyy年M月d日`, the dotted day-first `dd.mm.yyyy` (`31.12.2025`, `05.03.2025`: day first
wherever it is written, so never asked about), Excel serial dates (a number of days since 1899-12-30 — since 1904-01-01 in a 1904 workbook: `MAC_EPOCH` —,
between 1955 and 2119),
dates with the month's name (`3-Nov-2026`, `04-Mar-25`, `Nov 3, 2026`), each with an optional time (`10:00`,
`10:00:00`, `3:30 PM`, `, 2:30 PM` as Salesforce writes it, `下午2:30`, `2pm`, `noon`, `14h30`, `下午两点`: `_TIME`). Day-first and month-first dates
(`03/11/2026`, `03-11-2026`, and Excel's two-digit years `3/14/25`: 00–29 are 20xx, 30–99 19xx) need an order: `file_order` decides it from the file as a whole — a first part over 12 means day first, a
second part over 12 month first; else the order under which no date is impossible (e.g. an activity in the
future); else the user's choice. When none of these decides, the caller refuses the rows (`AmbiguousDate`)
or asks — never a silent guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

ORDERS = ("dmy", "mdy")
# a time after the date: `10:00`, `T10:00:00`, `, 2:30 PM` (Salesforce), `下午2:30` / `2:30 下午` (Chinese Excel),
# `2pm`, `2 p.m.` (an hour and am/pm alone), `14h30` (French), `noon`, `midnight`, and the hour words a Chinese user
# types: `14点30`, `14点30分`, `14时30分`, `下午2点`, `下午2点半`, `上午9点` (半: 30 minutes; 點/時 as Big5 writes
# them), in Chinese numerals too (`下午两点`, `三点半`, `十点一刻`, `晚上八点十五`, `两点四十五分`, `十二点`: `_numeral`;
# 一刻 15 minutes, 三刻 45); after `日` no space is needed (`2026年11月3日下午2点半`). Its groups: the day part before,
# the hour, the minute, the second, the word (noon…), am/pm or the day part after (`_time`).
_DAYPART = r"上午|下午|中午|晚上|早上|凌晨|傍晚"
_NUMERAL = r"[零〇一二两三四五六七八九十]{1,3}"  # a number in Chinese numerals, 0 to 99 (`_numeral`)
_HOUR_MARK = r"[点點时時]"
_AMPM = r"[AaPp]\.?[Mm]\.?"
_TIME = (
    r"(?:(?:,?\s+|T|(?<=日))(" + _DAYPART + r")?\s*"
    r"(?:(\d{1,2}|" + _NUMERAL + r"(?=\s*" + _HOUR_MARK + r"))"
    r"(?::(?=\d{2})|\s*" + _HOUR_MARK + r"\s*|[hH](?=\d{2})|(?=\s?" + _AMPM + r"(?!\w)))"
    r"(\d{1,2}|半|[一三]刻|" + _NUMERAL + r")?\s*分?(?::(\d{2})(?:\.\d+)?)?"
    r"|((?i:noon|midnight)|正午|午夜))"
    r"\s*(" + _AMPM + r"|" + _DAYPART + r")?)?"
)
_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?" + _TIME + r"$")
# day-first or month-first, with a four-digit year or Excel's two-digit one (`3/14/25`)
_XY = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})" + _TIME + r"$")
# the dotted form is day first wherever it is written (German, Russian, Polish, Turkish, Norwegian …):
# `31.12.2025`, `05.03.2025`, `5.3.25 14:30` — no order to decide
_DMY_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\.?" + _TIME + r"$")
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTH_NAMES = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
} | {"sept": 9}
# dates with the month's name, which settle the order themselves: `3-Nov-2026`, `03 Nov 26`, `Nov 3, 2026`
_DMONY = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})" + _TIME + r"$")
_MONDY = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})" + _TIME + r"$")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
SERIAL_MIN, SERIAL_MAX = 20000, 80000  # 1954-10-03 … 2119-01-11: other numbers are not dates
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# a workbook saved in the 1904 date system (Excel for Mac before 2011, Apple Numbers, "Use 1904 date system"):
# its serials count from 1904-01-01, 1,462 days later — read from 1899, its 2025-03-05 was 2021-03-04
MAC_EPOCH = dt.datetime(1904, 1, 1)


class AmbiguousDate(ValueError):
    """A day-first or month-first date while the order is not decided."""


@dataclass(frozen=True)
class Parts:
    first: int
    second: int
    year: int
    time: tuple[int, int, int] | None


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_WORDS = {"noon": 12, "正午": 12, "midnight": 0, "午夜": 0}


def _numeral(text: str) -> int:
    """A number of `_NUMERAL`: digits as they are (`14`), or Chinese numerals as a time says them — 两 2, 十 10, 十五
    15, 四十五 45, 二十三 23, 零五 5 (`八点零五`); ValueError for any other run (`十十`, `五五五`)."""
    if text.isdigit():
        return int(text)
    tens, ten, units = text.partition("十")
    if not ten:
        if len(text) == 2 and text[0] in "零〇":  # 零五: the minute 05
            text = text[1:]
        if len(text) != 1:
            raise ValueError(text)
        return _DIGITS[text]
    if len(tens) > 1 or len(units) > 1 or tens in ("零", "〇") or "十" in units:
        raise ValueError(text)
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def _time(
    before: str | None,
    hour: str | None,
    minute: str | None,
    second: str | None,
    word: str | None,
    after: str | None,
) -> tuple[int, int, int] | None:
    if hour is None and word is None:
        return None
    if word is not None:  # noon, midnight: no am/pm nor a day part beside them
        if before or after:
            raise ValueError(word)
        return _WORDS[word.lower()], 0, 0
    quarters = {"半": 30, "一刻": 15, "三刻": 45}
    h, s = _numeral(hour or ""), int(second or 0)
    m = quarters[minute] if minute in quarters else _numeral(minute) if minute else 0
    ampm = (after or before or "").replace(".", "").lower()
    if ampm in ("am", "pm") and not 1 <= h <= 12:
        raise ValueError(hour)
    if ampm in ("上午", "早上", "凌晨", "am"):
        h = h % 12
    elif ampm in ("下午", "晚上", "傍晚", "pm"):
        h = h % 12 + 12
    elif ampm == "中午":  # 中午12:30 is 12:30, 中午1:00 is 13:00
        h = h if h >= 11 else h + 12
    return h, m, s


def _year(text: str) -> int:
    """A four-digit year, or a two-digit one as Excel reads it: 00–29 → 2000s, 30–99 → 1900s."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 30 else 1900
    return year


def _month(name: str) -> int:
    month = _MONTHS.get(name.lower()) or _MONTH_NAMES.get(name.lower())
    if month is None:
        raise ValueError(name)
    return month


def _build(year: int, month: int, day: int, time: tuple[int, int, int] | None) -> dt.date | dt.datetime:
    if time is None:
        return dt.date(year, month, day)
    return dt.datetime(year, month, day, *time)


def day_month(value: str) -> Parts | None:
    """The parts of a `03/11/2026`-like value (order undecided), or None for any other value."""
    m = _XY.match(value.strip())
    if not m:
        return None
    return Parts(int(m[1]), int(m[2]), _year(m[3]), _time(*m.groups()[3:]))


def parse(value: object, order: str | None = None, epoch: dt.datetime = EXCEL_EPOCH) -> dt.date | dt.datetime:
    """A date (or a date-time, without zone unless the text gives one) from a cell; a serial counted from
    `epoch` (a 1904 workbook's: MAC_EPOCH).

    Raises AmbiguousDate for a day-first/month-first value without `order`, ValueError for anything else.
    """
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return value
    text = " ".join(str(value).split())
    if not text:
        raise ValueError(text)
    m = _YMD.match(text)
    if m:
        return _build(int(m[1]), int(m[2]), int(m[3]), _time(*m.groups()[3:]))
    m = _DMONY.match(text)
    if m:
        return _build(_year(m[3]), _month(m[2]), int(m[1]), _time(*m.groups()[3:]))
    m = _MONDY.match(text)
    if m:
        return _build(int(m[3]), _month(m[1]), int(m[2]), _time(*m.groups()[3:]))
    m = _DMY_DOTTED.match(text)
    if m:
        return _build(_year(m[3]), int(m[2]), int(m[1]), _time(*m.groups()[3:]))
    parts = day_month(text)
    if parts is not None:
        if order is None:
            raise AmbiguousDate(text)
        day, month = (parts.first, parts.second) if order == "dmy" else (parts.second, parts.first)
        return _build(parts.year, month, day, parts.time)
    if _SERIAL.match(text) and SERIAL_MIN <= float(text) <= SERIAL_MAX:
        when = epoch + dt.timedelta(days=float(text))
        return when.date() if when.time() == dt.time(0) else when
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(text) from None


_TIME_OF_DAY = re.compile(_TIME + r"$")


def time_of_day(value: str) -> dt.time:
    """A cell of a time column alone (`14:30`, `14:30:00`, `9:00 AM`, `下午2:30`): the time a date cell may
    carry, read by the same grammar. ValueError for anything else (`25:00`, `later`)."""
    m = _TIME_OF_DAY.match(" " + " ".join(value.split()))
    clock = _time(*m.groups()) if m else None  # None without an hour
    if clock is None:
        raise ValueError(value)
    return dt.time(*clock)


def file_order(
    values: Iterable[object],
    *,
    chosen: str | None = None,
    possible: Callable[[dt.date | dt.datetime], bool] | None = None,
) -> str | None:
    """The day-month order of a file's dates: `chosen` (the user's), else what the values settle
    (a part over 12), else the one order under which every date is `possible`; None if undecided
    (or if the file mixes both orders). Files without such dates give None too (nothing to decide)."""
    if chosen in ORDERS:
        return chosen
    parts = [p for v in values if isinstance(v, str) and (p := day_month(v)) is not None]
    if not parts:
        return None
    day_first = any(p.first > 12 for p in parts)
    month_first = any(p.second > 12 for p in parts)
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    if day_first and month_first:
        return None
    if possible is not None:
        fits = []
        for order in ORDERS:
            try:
                if all(possible(parse(f"{p.first}/{p.second}/{p.year}", order)) for p in parts):
                    fits.append(order)
            except ValueError:
                continue
        if len(fits) == 1:
            return fits[0]
    return None


def needs_order(values: Iterable[object]) -> bool:
    """Whether some value is a day-first/month-first date (so an order must be known)."""
    return any(isinstance(v, str) and day_month(v) is not None for v in values)


@dataclass(frozen=True)
class DateReading:
    """How a file's dates like 03/11/2026 were read, for its summary: `order` ("dmy" / "mdy"), `how` —
    "chosen" (by the user), "settled" (a part over 12 in the file) or "no_future" (the one order that puts
    no activity in the future) —, and one such date of the file with the day it was read as."""

    order: str
    how: str
    example: str
    day: dt.date


def reading_of(values: list[object], order: str | None, chosen: str | None) -> DateReading | None:
    """The DateReading of a file's date column read in `order` (`file_order`'s answer; `chosen`, the
    user's); None when the column holds no day-month date or the order is undecided. Its example is a date
    either order could read, when there is one."""
    if order not in ORDERS:
        return None
    found = []  # (text, day) of the dates that read in `order`; one that does not is its row's own error
    for v in values:
        if isinstance(v, str) and (p := day_month(v)) is not None:
            try:
                when = parse(v, order)
            except ValueError:
                continue
            found.append((v, p, when.date() if isinstance(when, dt.datetime) else when))
    if not found:
        return None
    # a date either order could read (05/03/2024) shows best what was decided
    example, _, day = next((f for f in found if f[1].first <= 12 and f[1].second <= 12), found[0])
    how = "chosen" if chosen in ORDERS else "settled" if file_order(values) else "no_future"
    return DateReading(order, how, example, day)
