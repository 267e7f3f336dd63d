"""The audit entry of a command: `--user U` is who acted (none: the installation)."""

from __future__ import annotations

from battlemap.audit.services import audit_record
from battlemap.core.cli import user_named


def audit_command(*, action: str, account, username: str | None, what: str, **params) -> None:
    audit_record(
        action=action,
        account=account,
        user=user_named(username) if username else None,
        via="cli",
        what=what,
        **params,
    )
