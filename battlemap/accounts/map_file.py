"""Reading an uploaded map file (the JSON of docs/map-format.md) for the web's *Import a map*: the
checks a person can act on, each naming the form's field, before io.mapformat loads it in a background job
(the one loader, shared with `battlemap import-map` and the demo)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.core.multilingual import active_language
from battlemap.core.uploads import check_upload_size
from battlemap.io.mapformat.jobs import map_import_start
from battlemap.io.mapformat.limits import check_size, read_map
from battlemap.io.mapformat.load import MapImportError


def import_map_file(form, *, user) -> str:
    """Queue the load of the form's `file` as a new account owned by `user`, with the form's `slug` and
    `team`; the job's token. ValidationError naming `file` (past a limit, not JSON, not a map this
    version reads) or `slug` (taken), before anything is written."""
    upload = form.cleaned_data["file"]
    check_upload_size([upload])
    try:
        check_size(upload.size)
        raw = upload.read()
        data = read_map(raw)
    except MapImportError as e:
        raise ValidationError({"file": str(e)}) from None
    slug = form.cleaned_data["slug"] or (data.get("account") or {}).get("slug") or ""
    if slug and Account.all_objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("An account with the slug “%(slug)s” exists; give another one.") % {"slug": slug}}
        )
    team = form.cleaned_data["team"]
    return map_import_start(
        raw,
        user=user,
        slug=slug or None,
        team=team.slug if team else None,
        filename=upload.name,
        lang=active_language(),
    )
