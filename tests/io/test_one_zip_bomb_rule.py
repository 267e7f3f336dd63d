"""The two uploads that are zips — a workbook to import people from, an archive of mail to ingest — are held to
one zip-bomb rule (io/zipbomb.py): the same zip is refused by both, or by neither, each naming the same bound."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from battlemap.io import zipbomb
from battlemap.io.mail.archive import ArchiveBounds, unpacked
from battlemap.io.mail.messages import MailFormatError
from battlemap.io.tabular.limits import LimitExceeded, limits
from battlemap.io.tabular.limits_xlsx import check_xlsx

KB = 1024


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in members.items():
            book.writestr(name, data)
    return buffer.getvalue()


def _refusals(data: bytes, tmp_path: Path) -> tuple[str | None, str | None]:
    """What the people import's check and the mail ingest's unpacking say of the zip `data`: the bound named, or
    None when they accept it."""
    try:
        check_xlsx(data)
        workbook = None
    except LimitExceeded as exc:
        workbook = str(exc)
    path = tmp_path / "upload.zip"
    path.write_bytes(data)
    bound = limits()
    try:
        with unpacked(path, ArchiveBounds(unpacked_bytes=bound.uncompressed_bytes, ratio=bound.ratio)):
            mail = None
    except MailFormatError as exc:
        mail = exc.template
    return workbook, mail


def test_a_member_compressed_past_the_ratio_is_refused_by_both(tmp_path):
    workbook, mail = _refusals(_zip({"xl/worksheets/sheet1.xml": b" " * (3 * zipbomb.MEGABYTE)}), tmp_path)
    assert workbook == f"limit_ratio:{limits().ratio}"
    assert mail is not None and "compressed more than" in mail


@pytest.mark.parametrize("small", [2 * zipbomb.MEGABYTE, 64 * KB])
def test_both_follow_the_one_bound_below_which_a_member_may_inflate(tmp_path, monkeypatch, small):
    """A 1 MB member of spaces (compressed about 1,000 times): past the small-member bound, both refuse it;
    under it, neither does."""
    monkeypatch.setattr(zipbomb, "SMALL_MEMBER", small)
    workbook, mail = _refusals(_zip({"xl/worksheets/sheet1.xml": b" " * zipbomb.MEGABYTE}), tmp_path)
    if small < zipbomb.MEGABYTE:
        assert workbook == f"limit_ratio:{limits().ratio}" and mail is not None
    else:
        assert (workbook, mail) == (None, None)
