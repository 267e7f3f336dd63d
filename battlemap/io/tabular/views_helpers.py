"""What the import views and the background task share: running an import from the web form's fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .columns import FIELDS
from .mappingfile import Mapping, load_mapping
from .selectors import deal_of_account
from .services import ImportResult, people_import

FORM_FIELDS = ("filename", "token", "mapping", "deal", "sheet", "encoding", "date_order", "columns")


def form_mapping(form: dict[str, str]) -> Mapping:
    """The uploaded mapping file plus the column choices made in the preview (they win)."""
    mapping = load_mapping(form.get("mapping") or None)
    try:
        columns = json.loads(form.get("columns") or "{}")
    except ValueError:
        columns = {}
    if isinstance(columns, dict):
        mapping.columns.update({str(h): str(f) for h, f in columns.items() if f in FIELDS or f == "ignore"})
    return mapping


def run_import(
    account: Any,
    user: Any,
    *,
    data: bytes,
    form: dict[str, str],
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    deal_id = form.get("deal", "")
    deal = deal_of_account(account, int(deal_id)) if deal_id.isdigit() else None
    mapping = form_mapping(form)
    return people_import(
        account=account,
        data=data,
        filename=form["filename"],
        deal=deal,
        mapping=mapping,
        sheet=form.get("sheet") or None,
        encoding=form.get("encoding") or None,
        date_order=form.get("date_order") or None,
        dry_run=dry_run,
        user=user,
        progress=progress,
    )
