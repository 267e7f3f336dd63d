"""The one upload limit: every upload (people import, map import, mail and calendar archives) is held to
`settings.UPLOAD_MAX_BYTES`, set by the `UPLOAD_MAX_MB` environment variable (README, Configuration).

Django's own DATA_UPLOAD_MAX_MEMORY_SIZE covers form fields only, not files, so the size of the files
is checked here, before any of their content is read.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
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
