"""Stale-edit protection: every edit form carries the `version` it was shown; a mismatch is refused."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

STALE_EDIT = _(
    "Someone else changed this record while you were editing it. Your changes were not saved; "
    "reload to see the current values, then make your change again."
)


class StaleEdit(ValidationError):
    def __init__(self):
        super().__init__({NON_FIELD_ERRORS: [ValidationError(STALE_EDIT, code="stale")]})


def check_version(obj, version: int | None) -> None:
    """Refuse the edit when the record changed since the form was shown (version 0 = 'I saw no record')."""
    current = obj.version if obj is not None and obj.pk is not None else 0
    if version is None or int(version) != current:
        raise StaleEdit()


def attach_errors(form, error: ValidationError) -> None:
    """Put a model ValidationError on the form: next to its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e)
    else:
        form.add_error(None, error)
