"""Reading an uploaded map file (the JSON of docs/map-format.md) for the web's *Import a map* and the API's
`POST /api/maps`: the checks a person can act on, each naming the field, before io.mapformat loads it in a
background job (the one loader, shared with `battlemap import-map` and the demo)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.accounts.services import NOT_A_TEAM_MEMBER
from battlemap.core.multilingual import active_language
from battlemap.core.uploads import check_upload_size
from battlemap.io.mapformat.jobs import map_import_start
from battlemap.io.mapformat.limits import check_size, read_map
from battlemap.io.mapformat.load import MapImportError
from battlemap.teams.selectors import teams_visible_to


def import_map_file(*, upload: Any, slug: str, team: Any, user: Any, via: str = "") -> str:
    """Queue the load of the uploaded file `upload` as a new account owned by `user`, with the slug `slug`
    (empty: the file's) and shared with `team` (a Team of `user`'s, or None for none); the job's token
    (io.mapformat.jobs). `via`: how it came, for the audit log ("api"; "" the web).
    ValidationError naming `file` (past UPLOAD_MAX_MB or a limit of mapformat.limits, not JSON, not a map this
    version reads), `slug` (taken, by a deleted account too) or `team` (not one of `user`'s: the rule of
    accounts.services, as the web form offers only theirs), before anything is queued or written."""
    check_upload_size([upload])
    try:
        check_size(upload.size)
        raw = upload.read()
        data = read_map(raw)
    except MapImportError as e:
        raise ValidationError({"file": str(e)}) from None
    slug = slug or (data.get("account") or {}).get("slug") or ""
    if slug and Account.all_objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("An account with the slug “%(slug)s” exists; give another one.") % {"slug": slug}}
        )
    if team is not None and not teams_visible_to(user).filter(pk=team.pk).exists():
        raise ValidationError({"team": NOT_A_TEAM_MEMBER})
    return map_import_start(
        raw,
        user=user,
        slug=slug or None,
        team=team.slug if team else None,
        filename=upload.name,
        lang=active_language(),
        via=via,
    )
