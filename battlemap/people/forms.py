"""Input forms for people, influence links, merge and paste-to-add. They parse input; the services
validate the model (full_clean) and the views put those errors next to the fields."""

from __future__ import annotations

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from battlemap.people.models import InfluenceLink, Person
from battlemap.people.services import PERSON_FIELDS, PERSON_PORTRAIT_FIELDS


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class QuickSelect(forms.Select):
    """A plain <select> written in Python instead of one template render per option: a picker of the
    2,000 people of a big account takes milliseconds, not most of a second (issue 19). Same markup."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        if self.allow_multiple_selected:
            final["multiple"] = True
        chosen = {str(v) for v in self.format_value(value)}
        parts = [format_html("<select{}>", flatatt(final))]
        for option, label in self.choices:
            key = "" if option is None else str(option)
            mark = " selected" if key in chosen else ""
            parts.append(f'<option value="{escape(key)}"{mark}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    """QuickSelect for several choices (`<select multiple>`; the posted list read as SelectMultiple reads it)."""


class PersonChoiceField(forms.ModelChoiceField):
    widget = QuickSelect

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} · {obj.title}" if obj.title else obj.name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    widget = QuickSelectMultiple

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} · {obj.title}" if obj.title else obj.name


_person_fields = fields_for_model(
    Person,
    fields=PERSON_FIELDS,
    widgets={
        "left_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),  # what a date input reads
        "duties": forms.Textarea(attrs={"rows": 2}),
        "concerns": forms.Textarea(attrs={"rows": 2}),
        "personal_win": forms.Textarea(attrs={"rows": 2}),
        "notes": forms.Textarea(attrs={"rows": 3}),
    },
)
_person_fields["reports_to"] = PersonChoiceField(Person.objects.none(), required=False, label=_("reports to"))


_PersonFields = type("_PersonFields", (VersionedForm,), dict(_person_fields))


class PersonForm(_PersonFields):
    """All fields of a person, including the portrait, status and dotted-line managers."""

    dotted_managers = PeopleChoiceField(
        Person.objects.none(),
        required=False,
        label=_("dotted-line managers"),
        widget=QuickSelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args, account, person: Person | None = None, **kwargs):
        if person is not None and "initial" not in kwargs:
            initial = model_to_dict(person, fields=PERSON_FIELDS)
            initial["dotted_managers"] = list(person.dotted_lines.values_list("manager_id", flat=True))
            initial["version"] = person.version
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        others = account.people.order_by("name_key")
        if person is not None:
            others = others.exclude(pk=person.pk)
        self.fields["reports_to"].queryset = others
        self.fields["dotted_managers"].queryset = others
        self.fields["org_unit"].queryset = account.org_units.all()
        self.fields["name"].label = pgettext_lazy("person", "name")

    def person_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in PERSON_FIELDS}

    def portrait_fields(self):
        return [self[n] for n in PERSON_PORTRAIT_FIELDS]

    def main_fields(self):
        names = (
            "name",
            "title",
            "org_unit",
            "reports_to",
            "dotted_managers",
            "email",
            "phone",
            "status",
            "left_on",
            "placeholder",
            "external",
            "external_kind",
            "organisation",
        )
        return [self[n] for n in names]


class InfluenceLinkForm(forms.Form):
    source = PersonChoiceField(Person.objects.none(), label=_("who sways"))
    target = PersonChoiceField(Person.objects.none(), label=_("whom"))
    kind = fields_for_model(InfluenceLink, fields=["kind"])["kind"]
    strength = forms.TypedChoiceField(
        label=_("strength"),
        coerce=int,
        initial=2,
        choices=[(1, _("weak")), (2, _("medium")), (3, _("strong"))],
    )
    note = forms.CharField(label=_("note"), required=False)

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        people = account.people.order_by("name_key")
        self.fields["source"].queryset = people
        self.fields["target"].queryset = people


class MergeForm(forms.Form):
    survivor = PersonChoiceField(Person.objects.none(), label=_("keep this record"))
    duplicate = PersonChoiceField(Person.objects.none(), label=_("merge this record into it"))
    survivor_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    duplicate_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        people = account.people.order_by("name_key")
        self.fields["survivor"].queryset = people
        self.fields["duplicate"].queryset = people


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("pasted text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "An Excel range, a list of email signatures or a meeting invite: names, titles and emails "
            "in any order."
        ),
    )


class InfluenceLinkEditForm(VersionedForm):
    """Change a link's kind, strength and note (who sways whom stays; delete and add for another pair)."""

    kind = InfluenceLinkForm.base_fields["kind"]
    strength = InfluenceLinkForm.base_fields["strength"]
    note = InfluenceLinkForm.base_fields["note"]

    def __init__(self, *args, link: InfluenceLink | None = None, **kwargs):
        if link is not None and (not args or args[0] is None):
            kwargs["initial"] = {
                "kind": link.kind,
                "strength": link.strength,
                "note": link.note,
                "version": link.version,
            }
        super().__init__(*args, **kwargs)

    def link_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("kind", "strength", "note")}
