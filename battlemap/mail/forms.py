from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files: a list of them. No file at all (no file part, or only parts whose name the
    upload handler drops: "", ".", "..") is FileField's own "required" error, not an empty list."""

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(d, initial) for d in data]
        file = single(data or None, initial)
        return [file] if file else []


def _domains(value: str) -> list[str]:
    found = [d.strip().lower() for d in re.split(r"[,\s]+", value or "") if d.strip()]
    bad = [d for d in found if not _DOMAIN.match(d)]
    if bad:
        raise forms.ValidationError(_("Not a domain: %(value)s") % {"value": ", ".join(bad)})
    return found


def domain_list(value: str, *, field: str) -> list[str]:
    """The domains of a comma-separated text; a bad one is an error naming `field` (the API's check)."""
    try:
        return _domains(value)
    except forms.ValidationError as error:
        raise forms.ValidationError({field: error.messages}) from None


SKIP_BAD_LABEL = _("Ingest the readable files if some are not")


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Mail or calendar files"),
        widget=MultipleFileInput(),
        help_text=_(
            "mbox, .eml, Outlook .msg, .ics or CSV activity logs (Salesforce Task/Event exports too), or a .zip "
            "of them."
        ),
    )
    our_domains = forms.CharField(
        label=_("Our domains"),
        required=False,
        help_text=_(
            "e.g. ours.com, ours.cn. Left empty: those set before, else your own e-mail's domain; mail with nobody "
            "of ours is never an interaction with us."
        ),
    )
    customer_domains = forms.CharField(
        label=_("Customer domains"),
        required=False,
        help_text=_(
            "Replace the customer domains chosen before; already ingested items are linked again when "
            "you upload their files once more."
        ),
    )
    skip_bad = forms.BooleanField(label=SKIP_BAD_LABEL, required=False)
    bodies = forms.BooleanField(  # the API's `bodies` and the CLI's --bodies: off unless asked
        label=_("Read the message bodies (signatures: titles, phones)"),
        required=False,
        help_text=_(
            "Only the signature block at the end of each message is kept. Files ingested before without "
            "it can be uploaded again with it: their signatures are added, nothing else twice."
        ),
    )
    date_order = forms.ChoiceField(
        label=_("Dates like 03/04/2026 in CSV activity logs"),
        required=False,
        choices=[
            ("", _("decide from the file")),
            ("dmy", _("day first (03/04 = 3 April)")),
            ("mdy", _("month first (03/04 = 4 March)")),
        ],
        help_text=_(
            "Used only when a file's dates can be read both ways; otherwise such a file is refused by row."
        ),
    )

    def clean_our_domains(self) -> list[str]:
        return _domains(self.cleaned_data["our_domains"])

    def clean_customer_domains(self) -> list[str]:
        return _domains(self.cleaned_data["customer_domains"])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))])


class AcceptAboveForm(forms.Form):
    percent = forms.IntegerField(label=_("From (%)"), min_value=0, max_value=100)


class UndoBatchForm(forms.Form):
    batch = forms.CharField(label=_("Batch"), max_length=500)
