"""CSV activity logs: one row per message or meeting.

Recognised layouts:
- the interaction CSV (date, from, to, cc, subject, and optionally message_id, in_reply_to, kind);
- Salesforce Task exports (Id, Subject, ActivityDate, TaskSubtype/Type, Who/Owner e-mail columns);
- Salesforce Event exports (Id, Subject, StartDateTime/ActivityDateTime, Who/Owner e-mail columns).
Any row that cannot be read makes the whole file bad, with the row number and column in the reason.

Bytes are decoded by `battlemap.io.text.decode` (the one detector: UTF-8, UTF-16, GB18030, Big5,
Windows-1252). Dates by `battlemap.io.dates`: ISO, yyyy/M/d, yyyy年M月d日, Excel serials, and dd/mm/yyyy or
mm/dd/yyyy with the order decided by the whole file (a part over 12, or the one order that puts no activity
in the future, or the `date_order` given); an undecided order, and an activity dated in the future, make the
file bad with the row named. A time column beside the date column (`日期,时间`, `Date,Time`) gives each row its
time of day (`14:30`, `2:30 PM`, `下午2:30`); a blank time cell leaves the row's day alone, a cell that is no
time makes the file bad. Times without a zone are read in the installation's TIME_ZONE.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from battlemap.io import dates
from battlemap.io.cleaning import clean_text
from battlemap.io.mail.header_dates import parse_date
from battlemap.io.mail.headers import parse_addresses, synthetic_uid
from battlemap.io.mail.messages import MailFormatError, gettext_noop
from battlemap.io.mail.records import ACTIVITY_LOG, Address, MessageRecord, all_day_moment
from battlemap.io.text import NAMES, UndecodableError, decode, decode_by_line
from battlemap.vocab import INTERACTION_KINDS

# Column names (lower-cased) accepted for each field, first match wins.
# Chinese spreadsheets and CRM report exports name them in their own words (主题, 日期, 负责人邮箱 …).
GENERIC_COLUMNS = {
    "date": ("date", "datetime", "datetime_utc", "sent", "sent_at", "start", "occurred_at", "activity date",
             "date/time", "日期", "时间", "日期时间", "活动日期", "活动时间", "发生时间", "拜访日期", "发送时间"),
    "from": ("from", "sender", "organizer", "organiser", "assigned to email", "owner email", "发件人",
             "负责人邮箱", "我方人员邮箱", "组织者"),
    "to": ("to", "recipients", "attendees", "contact email", "收件人", "联系人邮箱", "参与人", "参会人",
           "客户邮箱"),
    "cc": ("cc", "抄送"),
    "subject": ("subject", "summary", "title", "主题", "标题", "事由"),
    "uid": ("message_id", "message-id", "uid", "id"),
    "in_reply_to": ("in_reply_to", "in-reply-to"),
    "kind": ("kind", "type", "activity type", "类型", "活动类型", "方式"),
    # the time of day beside a date column (`日期,时间,…`, `Date,Time,…`); a file whose one column is 时间
    # reads it as the date (`_time_column`)
    "time": ("time", "时间", "start time", "开始时间"),
}  # fmt: skip
SALESFORCE_COLUMNS = {
    "date": ("startdatetime", "activitydatetime", "activitydate", "createddate"),
    "from": (
        "owner.email",
        "owneremail",
        "owner email",
        "fromaddress",
        "assigned email",
        "assigned to email",
    ),
    "to": ("who.email", "whoemail", "contact email", "email", "toaddress", "name email"),
    "cc": ("ccaddress",),
    "subject": ("subject",),
    "uid": ("id", "activity id"),
    "in_reply_to": (),
    "kind": ("tasksubtype", "type", "eventsubtype"),
}
SALESFORCE_MARKERS = frozenset({"tasksubtype", "activitydate", "startdatetime", "activitydatetime", "whoid"})
# A kind column's words beyond the interaction kinds' codes and labels (vocab.INTERACTION_KINDS): Salesforce's
# TaskSubtype values and Chinese synonyms. A Salesforce Event is a meeting in the calendar (`_kind`).
_CRM_KINDS = {
    "task": "email",
    "listemail": "email",
    "电子邮件": "email",
    "面谈": "meeting",
    "见面": "meeting",
}


def _kind(value: str, layout: str, default: str) -> str:
    """The interaction kind a row's kind cell names: a code or label of vocab.INTERACTION_KINDS in either
    language (so an interview, 访谈, is one and counts as met, vocab.MEETING_KINDS), a word of _CRM_KINDS,
    "Event" of a Salesforce export a meeting; a blank or unknown cell is the layout's `default`."""
    word = clean_text(value).lower()
    if layout.startswith("salesforce") and word == "event":
        return "meeting"
    return _KIND_WORDS.get(word) or _CRM_KINDS.get(word) or default


_KIND_WORDS = {str(label).lower(): str(code) for label, code in INTERACTION_KINDS.by_label().items()}


def detect_layout(columns: list[str]) -> str:
    lowered = {c.strip().lower() for c in columns}
    if lowered & SALESFORCE_MARKERS:
        return "salesforce-event" if lowered & {"startdatetime", "activitydatetime"} else "salesforce-task"
    return "interaction-csv"


def _compact(name: str) -> str:
    """A column name as compared: lower case, without spaces, dots, underscores and hyphens — a Salesforce
    report's `Activity Date` is the API's `ActivityDate`, `Owner.Email` is `Owner Email`."""
    return re.sub(r"[\s._\-]+", "", name.strip().lstrip("\ufeff")).lower()


def _column_map(columns: list[str], layout: str) -> dict[str, str]:
    wanted = GENERIC_COLUMNS if layout == "interaction-csv" else SALESFORCE_COLUMNS
    by_key: dict[str, str] = {}
    for c in columns:
        by_key.setdefault(_compact(c), c)
    mapping = {}
    for field_name, names in wanted.items():
        for name in names:
            if _compact(name) in by_key:
                mapping[field_name] = by_key[_compact(name)]
                break
    return mapping


def _time_column(mapping: dict[str, str]) -> str | None:
    """The column that gives the time of day to the date column's days, when it is another column."""
    column = mapping.get("time")
    return column if column and column != mapping["date"] else None


def _at_time(when: datetime, value: str) -> datetime:
    """`when`, a day alone (or its midnight, as a date-typed cell is exported), at the time of day a time
    column's cell gives. Raises ValueError for a cell that is no time (`dates.time_of_day`), and for a
    date cell that gives another time of its own (which of the two is meant is not guessed)."""
    at = dates.time_of_day(clean_text(value))
    if when.time() not in (time(0), at):
        raise ValueError(value)
    return datetime.combine(when.date(), at, tzinfo=when.tzinfo)


def local_zone() -> tzinfo:
    """The installation's TIME_ZONE (Django's setting when configured, else the TIME_ZONE variable, else UTC)."""
    name = None
    try:
        from django.conf import settings

        if settings.configured:
            name = settings.TIME_ZONE
    except ImportError:  # pragma: no cover - the parsers also run without Django
        pass
    name = name or os.environ.get("TIME_ZONE")
    try:
        return ZoneInfo(name) if name else UTC
    except (KeyError, ValueError):
        return UTC


# A zone written in letters right after the time (`09:00 CST`, `9:00 AM JST`). In a mail header the letters
# are RFC 5322's (CST is US Central); an activity log follows no such standard and CST there is as likely China
# (a Chinese system's export): refused, never guessed. UTC, GMT, UT and Z are read (as UTC).
_ZONE_WORD = re.compile(r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?\s*)?\(?([A-Za-z]{1,5})\)?\s*$")
_READ_ZONE_WORDS = frozenset({"UTC", "GMT", "UT", "Z", "AM", "PM"})


class ZoneWord(ValueError):
    """A cell's time gives its zone by a name an activity log does not read (`ZoneWord.args[0]`)."""


def _parse_when(value: str, order: str | None, zone: tzinfo) -> tuple[datetime, bool] | None:
    """(a date-time (aware), whether the cell gives the day alone) from a cell; None if it is no date. A day
    alone is its midnight in `zone` (its uid and the future check read that). Raises dates.AmbiguousDate, and
    ZoneWord for a zone named in letters other than UTC/GMT. `GMT+8` and `UTC+08:00` are read as mail headers
    are (`header_dates.parse_date`: east of Greenwich is +)."""
    value = value.strip()
    if not value:
        return None
    try:
        when = dates.parse(value, order)
    except dates.AmbiguousDate:
        raise
    except ValueError:
        found = _ZONE_WORD.search(re.sub(r"\s+", " ", value))
        if found and found[1].upper() not in _READ_ZONE_WORDS:
            raise ZoneWord(found[1]) from None
        moment = parse_date(value, zone)  # RFC 2822 (`Mon, 2 Nov 2026 10:00:00 +0800`), `… 09:00 GMT+8`
        return None if moment is None else (moment, False)
    if not isinstance(when, datetime):
        return datetime(when.year, when.month, when.day, tzinfo=zone), True
    return (when if when.tzinfo else when.replace(tzinfo=zone)), False


def _day(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


def _addresses(value: str) -> tuple[Address, ...]:
    # Lists in CSV cells are separated by ";" or "," (or their full-width forms); both are address-list
    # separators here. Hand-typed cells carry full-width ＠ and letters: NFKC first (`clean_text`).
    return parse_addresses(clean_text(value).replace(";", ","))


def _refuse_mixed(data: bytes) -> None:
    """A log mixing UTF-8 and a legacy encoding is refused naming the lines in each (an ingest has no
    preview in which to confirm a line-by-line reading, so nothing is guessed); lines no encoding reads are
    named too."""
    try:
        mixed = decode_by_line(data)
    except UndecodableError as error:
        raise MailFormatError(
            gettext_noop("lines %(lines)s are in no encoding Battlemap reads (the others are UTF-8)"),
            lines=", ".join(map(str, error.lines)),
        ) from None
    if mixed is not None:
        raise MailFormatError(
            gettext_noop(
                "the file mixes two encodings: lines %(lines)s are %(encoding)s, the others UTF-8; save it "
                "again in one encoding (UTF-8)"
            ),
            lines=", ".join(map(str, mixed.legacy_lines)),
            encoding=NAMES.get(mixed.legacy or "", mixed.encoding),
        )


def read_activity_csv(
    path: Path,
    *,
    date_order: str | None = None,
    now: datetime | None = None,
    zone: tzinfo | None = None,
    readings: dict[str, dates.DateReading] | None = None,
) -> Iterator[MessageRecord]:
    """Yield records; raise MailFormatError naming the row and column on the first bad row.

    `date_order` ("dmy" / "mdy") is the user's order for day-first or month-first dates the file does not
    settle; `now` (default: the current time) bounds the dates; `zone` (default: TIME_ZONE) reads times
    without a zone. `readings`, when given, gets the file's DateReading under its path when it holds such
    dates, for the summary to say how they were read."""
    zone = zone or local_zone()
    now = now or datetime.now(UTC)
    data = path.read_bytes()
    try:
        text = decode(data).text.lstrip("\ufeff")
    except UndecodableError as error:
        _refuse_mixed(data)
        raise MailFormatError(gettext_noop("the file's text encoding is not one Battlemap reads")) from error
    if "\x00" in text:  # no text of any encoding read right holds NUL: an image or archive named .csv
        raise MailFormatError(
            gettext_noop(
                "the file is not a text (CSV) file: it holds binary data; export the activity log as CSV"
            )
        )
    header = text.split("\n", 1)[0]
    delimiter = next(
        (d for d in ("\t", ";") if d in header and "," not in header), ","
    )  # Excel "Unicode text"
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = list(reader.fieldnames or [])
    layout = detect_layout(columns)
    mapping = _column_map(columns, layout)
    if "date" not in mapping:
        raise MailFormatError(
            gettext_noop("%(layout)s: no date column (expected one of %(names)s)"),
            layout=layout,
            names=", ".join((GENERIC_COLUMNS if layout == "interaction-csv" else SALESFORCE_COLUMNS)["date"]),
        )
    if "from" not in mapping and "to" not in mapping:
        raise MailFormatError(
            gettext_noop("%(layout)s: no from/to column (expected 'from' and 'to', or Owner/Who e-mail)"),
            layout=layout,
        )
    rows = list(reader)
    today = now.astimezone(zone).date()
    order = dates.file_order(
        [(row.get(mapping["date"]) or "").strip() for row in rows],
        chosen=date_order,
        possible=lambda when: _day(when) <= today + timedelta(days=1),
    )
    if readings is not None:
        values: list[object] = [(row.get(mapping["date"]) or "").strip() for row in rows]
        if (reading := dates.reading_of(values, order, date_order)) is not None:
            readings[str(path)] = reading
    default_kind = "meeting" if layout == "salesforce-event" else "email"
    time_column = _time_column(mapping)
    for row_number, row in enumerate(rows, start=2):
        raw_date = row.get(mapping["date"]) or ""
        try:
            parsed = _parse_when(raw_date, order, zone)
        except dates.AmbiguousDate:
            raise MailFormatError(
                gettext_noop(
                    "row %(row)d: column '%(column)s': '%(value)s' can be read day first or month first and "
                    "the file does not settle which; give the order (dmy or mdy)"
                ),
                row=row_number,
                column=mapping["date"],
                value=raw_date,
            ) from None
        except ZoneWord as word:
            raise MailFormatError(
                gettext_noop(
                    "row %(row)d: column '%(column)s': '%(value)s' names its time zone %(zone)s, which an "
                    "activity log does not read (CST, for one, is China to some and US Central to others); "
                    "write the offset instead, e.g. 09:00+08:00 or 09:00 GMT+8"
                ),
                row=row_number,
                column=mapping["date"],
                value=raw_date,
                zone=word.args[0],
            ) from None
        if parsed is None:
            raise MailFormatError(
                gettext_noop("row %(row)d: column '%(column)s': '%(value)s' is not a date"),
                row=row_number,
                column=mapping["date"],
                value=raw_date,
            )
        when, day_only = parsed
        # a row without an ID is named by its date cell's reading, not by the time beside it: a time column read
        # (or a time corrected) later is the same activity (the time column was once ignored: day-only rows)
        named_at = when
        if time_column and (raw_time := (row.get(time_column) or "").strip()):
            try:
                when, day_only = _at_time(when, raw_time), False
            except ValueError:
                raise MailFormatError(
                    gettext_noop(
                        "row %(row)d: column '%(column)s': '%(value)s' is not a time of day (e.g. 14:30 or "
                        "2:30 PM) for the date '%(date)s'"
                    ),
                    row=row_number,
                    column=time_column,
                    value=raw_time,
                    date=raw_date,
                ) from None
        if when > now + timedelta(minutes=5):  # a date without a time is midnight: today passes
            raise MailFormatError(
                gettext_noop(
                    "row %(row)d: column '%(column)s': '%(value)s' is in the future; a logged activity has "
                    "already happened"
                ),
                row=row_number,
                column=mapping["date"],
                value=raw_date,
            )
        senders = _addresses(row.get(mapping.get("from", ""), "") or "")
        to = _addresses(row.get(mapping.get("to", ""), "") or "")
        cc = _addresses(row.get(mapping.get("cc", ""), "") or "")
        if not senders and not to:
            raise MailFormatError(
                gettext_noop("row %(row)d: no e-mail address in the from/to columns"), row=row_number
            )
        subject = (row.get(mapping.get("subject", ""), "") or "").strip()
        kind = _kind(row.get(mapping.get("kind", ""), "") or "", layout, default_kind)
        sender = senders[0] if senders else None
        uid = (row.get(mapping.get("uid", ""), "") or "").strip().strip("<>")
        yield MessageRecord(
            uid=uid
            or synthetic_uid(named_at, sender.email if sender else "", subject, *(a.email for a in to)),
            kind=kind,
            occurred_at=all_day_moment(when.date(), zone) if day_only else when,
            all_day=day_only,
            date_from=ACTIVITY_LOG,
            sender=sender,
            to=to,
            cc=cc,
            subject=subject,
            in_reply_to=(row.get(mapping.get("in_reply_to", ""), "") or "").strip().strip("<>"),
            source=f"{path.name}:{row_number}",
        )


def write_activity_csv(path: Path, rows: Iterator[dict[str, str]]) -> None:
    """Write the interaction-CSV layout (used to load other data sets through the ingest path)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["message_id", "date", "from", "to", "cc", "subject", "kind"]
        )
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
