from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from battlemap.competition.models import CompetitorNote
from battlemap.core.forms import long_text


class CompetitorNoteForm(forms.Form):
    name = forms.CharField(label=_("competitor"), max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    strengths = long_text(CompetitorNote, "strengths", _("strengths"))
    weaknesses = long_text(CompetitorNote, "weaknesses", _("weaknesses"))
    offer = long_text(CompetitorNote, "offer", _("what they offered"), help_text=_("price, terms, scope"))

    @classmethod
    def for_competitor(cls, index: int, name: str, note: CompetitorNote | None) -> CompetitorNoteForm:
        """The form of one competitor's card; ids are unique on the page (`c3-strengths`)."""
        initial: dict = {"name": name, "version": note.version if note else 0}
        if note is not None:
            initial |= {"strengths": note.strengths, "weaknesses": note.weaknesses, "offer": note.offer}
        form = cls(initial=initial, auto_id=f"c{index}-%s")
        form.fields["name"].widget = forms.HiddenInput()
        return form
