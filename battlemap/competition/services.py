"""Writes of the competition app: set or delete what we know of a competitor in a deal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from battlemap.competition.models import CompetitorNote
from battlemap.core.services import check_version, create_validated, delete_versioned, update_versioned
from battlemap.io.matching import clean_name, match_name

NOTE_FIELDS = ("strengths", "weaknesses", "offer")


def competitor_note_set(
    *, deal, name: str, version: int | None, strengths: str = "", weaknesses: str = "", offer: str = ""
) -> CompetitorNote:
    """What we know of competitor `name` in `deal`: created when none is stored (`version` 0), else
    updated if the editor saw the stored `version`. Names match through io.matching.match_name, so
    "华为云" and "华为云 " are one competitor; the stored name keeps the first spelling, cleaned.

    Errors: ValidationError naming `name` (empty) or a text field (too long); StaleEdit."""
    name = clean_name(name or "", person=False)  # a company: "Dr. Oetker" keeps its "Dr."
    if not name:
        raise ValidationError({"name": _("Name the competitor.")})
    changes = {"strengths": strengths or "", "weaknesses": weaknesses or "", "offer": offer or ""}
    current = CompetitorNote.objects.filter(deal=deal, name_key=match_name(name, person=False)).first()
    if current is None:
        check_version(None, version)
        return create_validated(CompetitorNote(deal=deal, name=name, **changes))
    return update_versioned(current, version=version, changes=changes, allowed=NOTE_FIELDS)


def competitor_note_delete(*, note: CompetitorNote, version: int | None = None) -> None:
    """Forget what we noted of a competitor in a deal (history keeps it)."""
    delete_versioned(note, version=version)
