"""What the import views and the background task share: running an import from the web form's fields."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .columns import FIELDS
from .mappingfile import Mapping, load_mapping
from .selectors import deal_of_account
from .services import ImportResult, people_import

# the preview's choices, sent back by its forms; `map_seen`: the map the preview saw (io.views.import_confirm)
FORM_FIELDS = (
    "filename", "token", "mapping", "deal", "sheet", "encoding", "date_order", "columns", "map_seen", "map_seen_at",
)  # fmt: skip


def form_mapping(form: dict[str, str]) -> Mapping:
    """The uploaded mapping file plus the column choices made in the preview (they win)."""
    mapping = load_mapping(form.get("mapping") or None)
    try:
        columns = json.loads(form.get("columns") or "{}")
    except ValueError:
        columns = {}
    if isinstance(columns, dict):
        for key, fld in columns.items():
            if not (fld in FIELDS or fld == "ignore"):
                continue
            column = COLUMN_CHOICE.match(str(key))
            if column:  # a header the file repeats: the choice of that one column
                mapping.by_column[int(column["index"])] = (column["header"], str(fld))
            else:
                mapping.columns[str(key)] = str(fld)
    return mapping


# The preview's choice for one column of a header the file repeats: "#<0-based column>:<header>".
COLUMN_CHOICE = re.compile(r"^#(?P<index>\d+):(?P<header>.*)$", re.DOTALL)


def column_choices(headers: list[str], chosen: list[str]) -> dict[str, str]:
    """The preview's column choices as the form keeps them: by header, and by column for a header that
    several columns share (`职务`, `职务`: "#1:职务", "#2:职务"), so each of them is chosen on its own."""
    repeated = {h for h in headers if headers.count(h) > 1}
    return {
        (f"#{i}:{header}" if header in repeated else header): fld
        for i, (header, fld) in enumerate(zip(headers, chosen, strict=False))
    }


def run_import(
    account: Any,
    user: Any,
    *,
    data: bytes,
    form: dict[str, str],
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
    via: str = "",
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
        via=via,
        progress=progress,
    )
