"""Reading an uploaded map file (the JSON of docs/map-format.md) for the web's *Import a map*: the
checks a person can act on, each naming the form's field, before io.mapformat loads it (the one loader,
shared with `battlemap import-map` and the demo)."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.core.uploads import check_upload_size
from battlemap.io.mapformat.load import MapImportError, map_import


def import_map_file(form, *, user) -> Account:
    """The new account, owned by `user`, from the form's `file`, `slug` and `team`; ValidationError
    naming `file` (not JSON, not a map this version reads) or `slug` (taken)."""
    upload = form.cleaned_data["file"]
    check_upload_size([upload])
    try:
        data = json.loads(upload.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError({"file": _("This is not a JSON file.")}) from None
    if not isinstance(data, dict):
        raise ValidationError({"file": _("This is not a map file.")})
    slug = form.cleaned_data["slug"] or (data.get("account") or {}).get("slug") or ""
    if slug and Account.all_objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("An account with the slug “%(slug)s” exists; give another one.") % {"slug": slug}}
        )
    team = form.cleaned_data["team"]
    try:
        return map_import(data=data, owner=user, slug=slug or None, team=team.slug if team else None, by=user)
    except MapImportError as e:
        raise ValidationError(
            {"file": _("Battlemap cannot load this map: %(error)s") % {"error": e}}
        ) from None
