"""Format detection and the one entry point: `parse_paths`.

A path may be a file (mbox, .eml, Outlook .msg, .ics, CSV), a zip archive of such files (`archive`) or a folder (a maildir,
or any folder whose files are read one by one). An unreadable file is reported with the reason; the caller
decides whether the rest may be used (`--skip-bad`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, tzinfo
from pathlib import Path

from battlemap.io.dates import DateReading
from battlemap.io.mail.activity_csv import read_activity_csv
from battlemap.io.mail.archive import ArchiveBounds, is_zip, unpacked
from battlemap.io.mail.calendar import read_ics
from battlemap.io.mail.messages import MailFormatError, gettext_noop, read_eml, read_maildir, read_mbox
from battlemap.io.mail.outlook import read_msg
from battlemap.io.mail.records import BadFile, MessageRecord, ParseResult
from battlemap.io.text import decode

FORMATS = ("mbox", "maildir", "eml", "msg", "ics", "csv", "zip")
# An OLE compound file (Outlook's .msg; old Word and Excel files too) starts with these bytes: no text e-mail does
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OFFICE_SUFFIXES = {".doc", ".xls", ".ppt"}  # compound files too, and no mail: "not a mail … file"
# Office documents are zips too, and no mail: "not a mail … file", as before archives were read
_OFFICE_ZIP_SUFFIXES = {".xlsx", ".xlsm", ".docx", ".pptx", ".ods", ".odt", ".odp"}
_HEADER_HINTS = (b"from:", b"to:", b"message-id:", b"received:", b"return-path:", b"date:", b"subject:")
# A message without a name ending .eml (a maildir's `cur/1796….host:2,S`, a zipped folder of them): a header
# block — a field name and a colon on its first line — with a From, To or Cc field in its first 4 KB
_FIELD_LINE = re.compile(rb"[!-9;-~]+:")
_ADDRESS_FIELD = re.compile(rb"(?im)^(from|to|cc):")
# Programs (Windows .exe / .dll, Linux and macOS executables): said as such, not as an mbox without separators
_PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
PROGRAM = gettext_noop("a program, not mail: upload the mail or calendar files it was sent with")


def detect_format(path: Path) -> str | None:
    """Name the format of a file or folder, or None when it is none of ours."""
    if path.is_dir():
        return "maildir" if (path / "cur").is_dir() or (path / "new").is_dir() else "folder"
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(OLE_SIGNATURE) and path.suffix.lower() not in _OFFICE_SUFFIXES:
        return "msg"  # whatever else its name says (a .msg renamed .eml)
    if head.startswith(_PROGRAM_SIGNATURES):
        return "program"  # whatever its name says (a setup.exe renamed .mbox)
    if is_zip(head):
        return "zip" if path.suffix.lower() not in _OFFICE_ZIP_SUFFIXES else None
    stripped = head.lstrip(b"\xef\xbb\xbf \r\n\t")
    if stripped.startswith(b"From "):
        return "mbox"
    if stripped.upper().startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix == ".eml" or stripped.lower().startswith(_HEADER_HINTS):
        return "eml"
    if suffix in {".mbox", ".mbx"}:
        return "mbox"
    if suffix == ".ics":
        return "ics"
    if _FIELD_LINE.match(stripped) and _ADDRESS_FIELD.search(stripped):
        return "eml"
    return None


def _read(
    path: Path,
    fmt: str,
    bodies: bool,
    date_order: str | None = None,
    now: datetime | None = None,
    zone: tzinfo | None = None,
    readings: dict[str, DateReading] | None = None,
    bad_events: list[MailFormatError] | None = None,
) -> Iterator[MessageRecord]:
    if fmt == "mbox":
        return read_mbox(path, bodies=bodies, zone=zone)
    if fmt == "ics":
        return read_ics(path, now=now, zone=zone, bad_events=bad_events)
    if fmt == "csv":
        return read_activity_csv(path, date_order=date_order, readings=readings)
    if fmt == "eml":
        return iter((read_eml(path, bodies=bodies, zone=zone),))
    if fmt == "msg":
        return iter((read_msg(path, bodies=bodies, zone=zone),))
    if fmt == "program":
        raise MailFormatError(PROGRAM)
    raise MailFormatError(gettext_noop("unknown format %(format)s"), format=fmt)


# Apple Mail's "Export Mailbox" writes a folder `Name.mbox/` holding the messages in `mbox` beside these two
# files of its own bookkeeping (the mailbox's settings, an index): passed over, not "not a mail file"
APPLE_MAIL_BOOKKEEPING = frozenset({"Info.plist", "table_of_contents"})


def _is_apple_bookkeeping(path: Path) -> bool:
    return path.name in APPLE_MAIL_BOOKKEEPING and (path.parent / "mbox").is_file()


def _files_of(folder: Path) -> list[Path]:
    """The files of a folder and its subfolders to read: hidden files and Apple Mail's bookkeeping left out."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".") and not _is_apple_bookkeeping(p)
    )


PROGRESS_EVERY = 1000  # records of one file between two calls of `progress`
NOT_MAIL = gettext_noop("not a mail, calendar or CSV activity file")  # said in the user's language


def parse_paths(
    paths: Iterable[str | Path],
    *,
    bodies: bool = False,
    date_order: str | None = None,
    now: datetime | None = None,
    zone: tzinfo | None = None,
    archive_bounds: ArchiveBounds | None = None,
    progress: Callable[[int], None] | None = None,
) -> ParseResult:
    """Read every path; records of bad files are dropped and the file is listed in `bad_files`.

    `progress(read)`, when given, is told how many records have been read so far: after each file and every
    PROGRESS_EVERY records of a long one (an mbox of 250,000 messages reads for minutes).

    `date_order` ("dmy" / "mdy"): the user's order for CSV dates like 03/11/2026 a file does not settle.
    `now` bounds the expansion of recurring meetings; `zone` is where times without a zone are read.
    A zip archive's members are read as loose files, in the order of their names (`archive.unpacked`, bounded
    by `archive_bounds`); a member that is no mail file is passed over and listed in `passed_over`."""
    result = ParseResult()

    def read(target: Path, shown: str, member: str = "") -> None:
        """Read one file (`member`: its name in the zip archive it came from, `archive.zip/folder/name`)."""
        target_fmt = detect_format(target)
        if target_fmt is None or (member and target_fmt == "zip"):  # a zip in a zip is never opened
            if member:
                result.passed_over.append(member)
            else:
                result.bad_files.append(BadFile(shown, NOT_MAIL, NOT_MAIL))
            return
        if target_fmt == "zip":
            _read_archive(result, target, archive_bounds, read)
            return
        bad_events: list[MailFormatError] = []  # a calendar's events that cannot be read, the others kept
        _collect(
            result,
            target,
            target_fmt,
            lambda: _read(
                target, target_fmt, bodies, date_order, now, zone, result.date_readings, bad_events
            ),
            shown,
            bad_events,
            progress,
        )

    for given in paths:
        path = Path(given)
        if not path.exists():
            missing = gettext_noop("no such file or folder")
            result.bad_files.append(BadFile(str(path), missing, missing))
            continue
        fmt = detect_format(path)
        if fmt == "maildir":
            _collect(
                result,
                path,
                "maildir",
                lambda p=path: read_maildir(p, bodies=bodies, zone=zone),
                progress=progress,
            )
            continue
        for target in _files_of(path) if fmt == "folder" else [path]:
            read(target, str(target))
    return result


def _read_archive(result: ParseResult, path: Path, bounds: ArchiveBounds | None, read) -> None:  # noqa: ANN001
    """Each member of the zip archive at `path` read by `read(file, shown, member)`; a bad member is listed as
    `path`'s folder / `archive.zip/member` (the archive's own name and the member's path in it)."""
    try:
        with unpacked(path, bounds) as members:
            if (
                not members
            ):  # as an empty mbox is refused as empty (a mail trial: an empty zip was "done", 0 read)
                empty = gettext_noop("the zip archive holds no files")
                result.bad_files.append(BadFile(str(path), empty, empty))
            for member in members:
                shown = str(path.parent / member.shown)
                if member.damaged:
                    damaged = gettext_noop(
                        "the file could not be unpacked from the zip archive (damaged or encrypted)"
                    )
                    result.bad_files.append(BadFile(shown, damaged, damaged))
                else:
                    read(member.path, shown, member.shown)
    except MailFormatError as error:
        result.bad_files.append(BadFile(str(path), str(error), error.template, error.params))


def _collect(
    result: ParseResult,
    path: Path,
    fmt: str,
    reader,  # noqa: ANN001
    shown: str = "",
    bad_events: list[MailFormatError] | None = None,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Read one file into `result`; a bad one is listed by `shown` (its path; a zip member's, in the archive).
    `bad_events`, filled by the reader: events of a calendar that cannot be read, each listed as a bad file
    (so that the ingest refuses the run unless --skip-bad) while the file's other meetings are kept.
    `progress`: as `parse_paths` says."""
    shown = shown or str(path)
    try:
        records = []
        for record in reader():
            records.append(record)
            if progress is not None and len(records) % PROGRESS_EVERY == 0:
                progress(len(result.records) + len(records))
    except MailFormatError as error:
        result.bad_files.append(BadFile(shown, str(error), error.template, error.params))
        result.date_readings.pop(str(path), None)
        return
    except (
        OSError,
        UnicodeError,
    ):  # the system's message is English only: ours is said in the user's language
        unreadable = gettext_noop("the file could not be opened or read as text")
        result.bad_files.append(BadFile(shown, unreadable, unreadable))
        return
    except (
        ValueError,
        OverflowError,
        RecursionError,
    ):  # a hostile or broken file no reader foresaw: no crash
        broken = gettext_noop("the file could not be read: a value in it is not what its format allows")
        result.bad_files.append(BadFile(shown, broken, broken))
        return
    for bad in bad_events or ():
        result.bad_files.append(BadFile(shown, str(bad), bad.template, bad.params))
    if not records and bad_events:
        return
    if not records:
        empty = gettext_noop("%(format)s: no messages or meetings found")
        result.bad_files.append(BadFile(shown, empty % {"format": fmt}, empty, {"format": fmt}))
        return
    result.formats[str(path)] = fmt
    if fmt == "csv":  # say which encoding the one detector chose (mail headers name their own)
        result.encodings[str(path)] = decode(path.read_bytes()).label
    result.records.extend(records)
    if progress is not None:
        progress(len(result.records))
