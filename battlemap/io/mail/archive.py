"""Zip archives of mail: what a user gets by selecting messages in Outlook or Thunderbird and compressing them,
or a mail archive download. Each member is read as the same file would be loose (`detect.parse_paths`).

The guards are those of every zip the project reads (`io/zipbomb.zip_bomb`, as `io/tabular/limits_xlsx.check_xlsx`;
docs/security.md, "Hostile and heavy files"), checked before anything is inflated, plus a bound on the number of
members:

- members: at most `ArchiveBounds.members` (`MAX_MEMBERS`), read from the end record of the archive before the
  zip library builds its list of members (a few MB of empty members would make a list of millions);
- size: the members' declared total at most `unpacked_bytes` (IMPORT_MAX_UNCOMPRESSED_MB), and the bytes
  really inflated counted as they are written (a member's header may lie);
- ratio: a member of more than 1 MB, or the whole archive, compressed more than `ratio` times
  (IMPORT_MAX_COMPRESSION_RATIO) is a zip bomb.

Past a bound the whole archive is refused (MailFormatError naming the bound and its setting), nothing of it
read. Members are read in the order of their names (stable, whatever order the tool wrote them). Folders, hidden
files and macOS's `__MACOSX/` copies are passed over unsaid, as in a folder; a member that is no mail, calendar or
CSV activity file, or a zip in the zip (never opened: the way of nested bombs), is passed over and named.
"""

from __future__ import annotations

import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

from battlemap.io.mail.messages import MailFormatError, gettext_noop
from battlemap.io.zipbomb import MEGABYTE, zip_bomb

# An archive of selected messages holds one .eml per message: 20,000 is more than a worker ingests in one run
# of an upload (UPLOAD_MAX_MB, 50 MB, holds some 10,000 messages of 5 KB); a zip of 50 MB can list a million.
MAX_MEMBERS = 20_000
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; an empty archive's end record
_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"
_END_SCAN = 22 + 65535  # the end record and the longest comment it may carry
CHUNK = MEGABYTE
T = TypeVar("T")
NAMED_MEMBERS = 10  # members passed over (and bad files) named in the summary; the others counted


@dataclass(frozen=True)
class ArchiveBounds:
    """Bounds on one zip archive: bytes unpacked (all members), compression ratio, members. The ingest passes
    the installation's settings; the defaults are those settings' defaults."""

    unpacked_bytes: int = 200 * MEGABYTE  # IMPORT_MAX_UNCOMPRESSED_MB
    ratio: int = 100  # IMPORT_MAX_COMPRESSION_RATIO
    members: int = MAX_MEMBERS


@dataclass(frozen=True)
class Member:
    """A member unpacked to `path` (a private temporary folder), named `shown`: `archive.zip/folder/name.eml`."""

    path: Path
    shown: str
    damaged: bool = False  # could not be inflated (damaged, encrypted, an unknown method): unpacked empty


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_SIGNATURES)


def _declared_members(path: Path) -> int | None:
    """The number of members the archive's end record declares (its zip64 record when there is one), read
    from the last bytes of the file; None when there is no end record (not a readable zip)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - _END_SCAN))
        tail = handle.read()
        at = tail.rfind(_END)
        if at < 0 or len(tail) - at < 22:
            return None
        count = struct.unpack("<H", tail[at + 10 : at + 12])[0]
        locator = tail[at - 20 : at] if at >= 20 else b""
        if count == 0xFFFF and locator.startswith(_END64_LOCATOR):
            handle.seek(struct.unpack("<Q", locator[8:16])[0])
            record = handle.read(56)
            if record.startswith(_END64) and len(record) == 56:
                count = struct.unpack("<Q", record[32:40])[0]
    return count


def _refuse_bomb(book: zipfile.ZipFile, bounds: ArchiveBounds) -> None:
    refused = zip_bomb(book.infolist(), unpacked_bytes=bounds.unpacked_bytes, ratio=bounds.ratio)
    if refused == "size":
        raise _too_large(bounds)
    if refused == "ratio":
        raise _too_compressed(bounds)


def _too_large(bounds: ArchiveBounds) -> MailFormatError:
    return MailFormatError(
        gettext_noop(
            "the zip archive unpacks to more than %(limit)s MB, the limit of one archive (IMPORT_MAX_UNCOMPRESSED_MB)"
        ),
        limit=bounds.unpacked_bytes // MEGABYTE,
    )


def _too_compressed(bounds: ArchiveBounds) -> MailFormatError:
    return MailFormatError(
        gettext_noop(
            "the zip archive is compressed more than %(limit)s times, which only a zip bomb is "
            "(IMPORT_MAX_COMPRESSION_RATIO)"
        ),
        limit=bounds.ratio,
    )


def _passed_over_unsaid(name: str) -> bool:
    """A folder, a hidden file (`.DS_Store`) or macOS's resource-fork copy under `__MACOSX/`: no one's mail."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return name.endswith("/") or not parts or parts[0] == "__MACOSX" or parts[-1].startswith(".")


def _base_name(name: str, number: int) -> str:
    """The member's own name (no folder: nothing is written outside the temporary folder), cut to fit."""
    base = PurePosixPath(name.replace("\\", "/")).name.replace("\x00", "").lstrip(".")
    return base[:200] or f"member-{number}"


@contextmanager
def unpacked(path: Path, bounds: ArchiveBounds | None = None) -> Iterator[list[Member]]:
    """The members of the zip archive at `path`, each unpacked into a private temporary folder (removed when
    the block ends), in the order of their names. MailFormatError, nothing unpacked, when the archive is not a
    readable zip or passes a bound (module docstring); a member that cannot be inflated (damaged, encrypted,
    an unknown method) is marked `damaged`."""
    bounds = bounds or ArchiveBounds()
    count = _declared_members(path)
    if count is None:
        raise MailFormatError(gettext_noop("not a readable zip archive: it has no list of its members"))
    if count > bounds.members:
        raise MailFormatError(
            gettext_noop(
                "the zip archive holds %(count)s files, more than the limit of %(limit)s in one archive: "
                "send its files in several archives"
            ),
            count=f"{count:,}",
            limit=f"{bounds.members:,}",
        )
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise MailFormatError(gettext_noop("not a readable zip archive: it is damaged")) from error
    with book, tempfile.TemporaryDirectory(prefix="mail-zip-") as folder:
        _refuse_bomb(book, bounds)
        budget = [bounds.unpacked_bytes]  # the bytes really inflated, whatever the headers say
        members: list[Member] = []
        named = sorted(
            (m for m in book.infolist() if not _passed_over_unsaid(m.filename)), key=lambda m: m.filename
        )
        for number, info in enumerate(named):
            target = Path(folder) / f"{number:05d}"
            target.mkdir(mode=0o700)
            target = target / _base_name(info.filename, number)
            damaged = not _inflate(book, info, target, budget, bounds)
            members.append(Member(target, f"{path.name}/{info.filename}", damaged))
        yield members


def _inflate(
    book: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: list[int], bounds: ArchiveBounds
) -> bool:
    """Write the member to `target`; False when it cannot be inflated (`target` left empty)."""
    with target.open("wb") as out:
        try:
            with book.open(info) as member:
                while chunk := member.read(CHUNK):
                    budget[0] -= len(chunk)
                    if budget[0] < 0:
                        raise _too_large(bounds)
                    out.write(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, zlib.error):
            out.truncate(0)
            return False
    return True


def named_members(names: list[T]) -> tuple[list[T], int]:
    """Of a list a summary names (members passed over, bad files and events), the first NAMED_MEMBERS and how
    many more."""
    return names[:NAMED_MEMBERS], max(0, len(names) - NAMED_MEMBERS)
