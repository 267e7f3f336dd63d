"""The one upload limit: every upload (people import, map import, mail and calendar archives) is held to
`settings.UPLOAD_MAX_BYTES`, set by the `UPLOAD_MAX_MB` environment variable (README, Configuration).

Django's own DATA_UPLOAD_MAX_MEMORY_SIZE covers form fields only, not files, so the size of the files
is checked here, before any of their content is read.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

MEGABYTE = 1024 * 1024


def upload_limit_bytes() -> int:
    """The largest upload accepted, in bytes (all files of one request together)."""
    return settings.UPLOAD_MAX_BYTES


def check_upload_size(files: Iterable, *, field: str = "file") -> None:
    """Refuse uploads whose total size passes the limit.

    `files`: Django UploadedFile objects (anything with `.size` in bytes). Raises ValidationError
    naming `field`, with the limit in MB, e.g. "The file is larger than the limit of 50 MB."
    """
    total = sum(getattr(f, "size", 0) or 0 for f in files)
    if total > upload_limit_bytes():
        raise ValidationError(
            {
                field: _("The upload is larger than the limit of %(mb)d MB (UPLOAD_MAX_MB).")
                % {"mb": upload_limit_bytes() // MEGABYTE}
            }
        )


class OverLimitUpload(UploadedFile):
    """A file of an upload past the limit, kept as its name and size only: `check_upload_size` refuses it."""

    def __init__(self, name: str, content_type: str, size: int) -> None:
        super().__init__(io.BytesIO(b""), name, content_type, size)


class LimitedUploadHandler(FileUploadHandler):
    """First of settings.FILE_UPLOAD_HANDLERS: a request's files past `upload_limit_bytes()` (all of them together)
    reach no further handler — no temporary file, no memory —, only their size is counted, and the file past the
    limit comes to the view as an `OverLimitUpload`, which `check_upload_size` refuses with the limit's message. A
    2 GB file sent to an import was written whole to the system's temporary folder before it was refused."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None) -> None:  # noqa: ANN001, N803
        self.received = 0

    def new_file(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().new_file(*args, **kwargs)
        self.over, self.size = False, 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        self.size += len(raw_data)
        if self.received > upload_limit_bytes():
            self.over = True
            return None  # the later handlers (memory, temporary file) never see it
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.over:
            return OverLimitUpload(self.file_name, self.content_type, self.size)
        return None


# --- where uploads wait: a private folder (0700), each file 0600, as every file of personal data -------

NAME_MAX_BYTES = 255  # the longest file name most file systems accept, in bytes


def upload_dir() -> Path:
    """settings.UPLOAD_DIR (BATTLEMAP_UPLOAD_DIR, default VAR_DIR/uploads), created 0700."""
    folder = Path(settings.UPLOAD_DIR)
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
    return folder


def private_file(path: Path) -> Path:
    """`path` made an empty file readable by its owner only (0600) before anything is written to it: created
    so, or an existing one (of any mode, 0644 too) emptied and set to 0600; a writer that opens the file itself
    (gzip for `battlemap backup`'s partial file) keeps that mode. Returns `path`; OSError as the system raises it (no
    folder, no permission). The one rule for a file of personal data: uploads, job files, `backup`, `export`,
    `export-map`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # O_CREAT's mode applies only to a new file
    finally:
        os.close(fd)
    return path


def write_private(path: Path, data: bytes | str) -> Path:
    """Write `data` (text as UTF-8) to `path`, readable by its owner only (0600) from the first byte
    (`private_file`). Returns `path`; OSError as the system raises it (a full disk: ENOSPC), the half-written
    file removed first, so that no reader (a download, a job) takes it for the whole."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        private_file(path).write_bytes(raw)
    except OSError:
        path.unlink(missing_ok=True)
        raise
    return path


def safe_name(name: str, *, number: int = 0) -> str:
    """The base name of an uploaded file, cut to fit a file system (255 bytes) keeping its extension,
    without leading dots (a folder's reader skips hidden files); an empty or dot name becomes
    `upload-<number>`."""
    base = Path(name.replace("\\", "/")).name.strip().replace("\x00", "").lstrip(".")
    if not base:
        base = f"upload-{number}"
    if len(base.encode("utf-8")) <= NAME_MAX_BYTES:
        return base
    suffix = "".join(Path(base).suffixes[-2:])
    suffix = suffix if len(suffix.encode("utf-8")) <= 16 else ""
    stem = base[: len(base) - len(suffix)] if suffix else base
    while len((stem + suffix).encode("utf-8")) > NAME_MAX_BYTES:
        stem = stem[:-1]
    return stem + suffix


def save_uploads(files: Iterable) -> tuple[Path, list[str]]:
    """Save uploaded files into a new private folder under `upload_dir()`; returns (folder, names).

    Each file lies in its own numbered subfolder (`folder/000/name`, in upload order), so two uploads of
    the same name do not collide and every path's last part is the name the user gave (reports and errors
    name it). Names longer than a file system holds are cut (keeping the extension). On any error the
    folder and what was written are removed before the error goes on: nothing is left behind."""
    folder = Path(tempfile.mkdtemp(prefix="upload-", dir=upload_dir()))  # mkdtemp: 0700
    names: list[str] = []
    try:
        for number, upload in enumerate(files):
            name = safe_name(upload.name or "", number=number)
            (folder / f"{number:03d}").mkdir(mode=0o700)
            fd = os.open(folder / f"{number:03d}" / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            names.append(name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder, names


def upload_names(text: str, folder: str | Path) -> str:
    """`text` (an error or report naming saved files) with each `folder/NNN/` that `save_uploads` put
    before a file's name removed: the files as the user named them, and no server path shown."""
    return re.sub(re.escape(str(folder)) + r"/\d{3}/", "", text)
