"""The one zip-bomb rule of every zip an upload brings — a workbook (`tabular.limits_xlsx.check_xlsx`, the people
import) and a mail archive (`mail.archive.unpacked`, the mail ingest): what the members' headers declare, checked
before a byte is inflated (docs/security.md, "Hostile files"). The bounds are the callers' (IMPORT_MAX_UNCOMPRESSED_MB,
IMPORT_MAX_COMPRESSION_RATIO); each says the refusal in its own words. Pure Python."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence

MEGABYTE = 1024 * 1024
SMALL_MEMBER = MEGABYTE  # members smaller than this inflate to little whatever their ratio


def zip_bomb(members: Sequence[zipfile.ZipInfo], *, unpacked_bytes: int, ratio: int) -> str | None:
    """Why a zip's `members` are refused: "size" when together they declare more than `unpacked_bytes` unpacked,
    "ratio" when one of more than SMALL_MEMBER — or all of them together — is compressed more than `ratio` times;
    None when neither."""
    declared = sum(m.file_size for m in members)
    if declared > unpacked_bytes:
        return "size"
    if any(m.file_size > SMALL_MEMBER and m.file_size > ratio * max(m.compress_size, 1) for m in members):
        return "ratio"
    packed = sum(m.compress_size for m in members)
    if declared > SMALL_MEMBER and declared > ratio * max(packed, 1):
        return "ratio"
    return None
