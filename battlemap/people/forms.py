"""Input forms for people, influence links, merge and paste-to-add. They parse input; the services
validate the model (full_clean) and the views put those errors next to the fields."""

from __future__ import annotations

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import OrgUnit
from battlemap.accounts.selectors import unit_labels
from battlemap.core.choices import ONE_TO_FIVE
from battlemap.core.forms import IdsChoiceField, InNameOrder, limited_formfield
from battlemap.io.matching import match_name
from battlemap.io.paste import cells_in
from battlemap.people.models import LINK_STRENGTH_CHOICES, InfluenceLink, Person
from battlemap.people.selectors import matching, people_like
from battlemap.people.services import PERSON_FIELDS, PERSON_PORTRAIT_FIELDS, SOLID_NOT_DOTTED


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


PICKER_LIMIT = 200  # above this many people a person picker lists only the chosen ones, with a search
PICKER_MATCHES = 20  # people a picker's search shows


class PeopleSearch(forms.Widget):
    """The picker of a big account (more than PICKER_LIMIT people): the chosen people as ticked boxes
    (radio buttons for one person) and a search box asking the account's one people search
    (`interaction_people`, `?field=`) for the others; a person ticked among the found joins the chosen
    (battlemap/app.js). The meeting form's participant table is the same widget with an attitude per row.
    Set up by `big_picker`."""

    template = "people/_picker.html"

    def __init__(self, *, url: str, total: int, chosen, multiple: bool, optional: bool, active: bool):
        super().__init__()
        self.url, self.total, self.chosen = url, total, chosen
        self.multiple, self.optional, self.active = multiple, optional, active
        self.allow_multiple_selected = multiple

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # nothing ticked means nobody

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        values = value if isinstance(value, list | tuple) else [value]
        ticked = {str(v) for v in values if v not in (None, "")}
        query = {"field": name, "multiple": int(self.multiple), **({"active": 1} if self.active else {})}
        return render_to_string(
            self.template,
            {
                "name": name,
                "id": attrs.get("id") or f"id_{name}",
                "url": f"{self.url}?{urlencode(query)}",
                "total": self.total,
                "multiple": self.multiple,
                "optional": self.optional,
                "active": self.active,
                "rows": [(pk, label, str(pk) in ticked) for pk, label in self.chosen],
                "nobody": not ticked,
            },
        )


def big_picker(form: forms.Form, name: str, account, *, active: bool = False) -> bool:
    """On an account of more than PICKER_LIMIT people in `form.fields[name]`'s queryset, make that
    person field (one or several) a `PeopleSearch`: it lists only the people chosen (the posted or
    initial value) and searches for the others. `active`: the search offers active people only.
    Validation is the field's own (any person of its queryset). Returns whether it did."""
    field = form.fields[name]
    total = field.queryset.count()
    if total <= PICKER_LIMIT:
        return False
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    value = form[name].value() if not isinstance(field.widget, forms.HiddenInput) else None
    values = value if isinstance(value, list | tuple) else [value]
    ids = [str(getattr(v, "pk", v)) for v in values if v not in (None, "")]
    chosen = field.queryset.filter(pk__in=[i for i in ids if i.isdigit()]) if ids else []
    field.widget = PeopleSearch(
        url=reverse("interaction_people", args=[account.slug]),
        total=total,
        chosen=[(p.pk, field.label_from_instance(p)) for p in chosen],
        multiple=multiple,
        optional=not field.required,
        active=active,
    )
    return True


def people_search_rows(account, search: str, *, active: bool = False) -> list[tuple[int, str, bool]]:
    """(id, label, ticked) of at most PICKER_MATCHES people of `account` matching `search` (name,
    pinyin, title, email), by name: the rows a `PeopleSearch` picker offers. None for a blank search."""
    if not search.strip():
        return []
    people = account.people.filter(status="active") if active else account.people.all()
    found = matching(people, search).order_by("name_key")[:PICKER_MATCHES]
    return [(p.pk, person_label(p), False) for p in found]


def person_label(person: Person) -> str:
    """How a person reads in a picker: name · title, or, without a title, name · e-mail or organisation,
    so that two people of one name can be told apart (fields of the row itself: no query per person)."""
    detail = person.title or person.email or person.organisation
    return f"{person.name} · {detail}" if detail else person.name


class PersonChoiceField(forms.ModelChoiceField):
    widget = QuickSelect

    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)


class PeopleChoiceField(IdsChoiceField):
    widget = QuickSelectMultiple

    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)


_person_fields = fields_for_model(
    Person,
    formfield_callback=limited_formfield,
    fields=PERSON_FIELDS,
    widgets={
        "duties": forms.Textarea(attrs={"rows": 2}),
        "concerns": forms.Textarea(attrs={"rows": 2}),
        "personal_win": forms.Textarea(attrs={"rows": 2}),
        "notes": forms.Textarea(attrs={"rows": 3}),
    },
)
_person_fields["reports_to"] = PersonChoiceField(Person.objects.none(), required=False, label=_("reports to"))
for _trait in ("power", "expertise", "budget_control", "network"):  # the model takes 1–5 or nothing
    _person_fields[_trait] = forms.TypedChoiceField(
        label=_person_fields[_trait].label,
        choices=[("", "—"), *ONE_TO_FIVE],
        coerce=int,
        empty_value=None,
        required=False,
    )


_PersonFields = type("_PersonFields", (VersionedForm,), dict(_person_fields))


def person_labels() -> dict[str, str]:
    """A person's fields as the person form labels them (the model's verbose names, capitalised: 姓名, 职务, 部门,
    邮箱 … / Name, Title, Department, Email …): the tables listing people head their columns with them (the people
    list, the paste preview, merge), so a field reads the same on every page."""
    return {name: capfirst(field.label) for name, field in _person_fields.items()}


class PersonForm(_PersonFields):
    """All fields of a person, including the portrait, status and dotted-line managers."""

    dotted_managers = PeopleChoiceField(
        Person.objects.none(),
        required=False,
        label=_("dotted-line managers"),
        widget=QuickSelectMultiple(attrs={"size": 4}),
    )
    another_person = forms.BooleanField(
        required=False, label=_("Add a new person all the same: another person with this name")
    )
    new_department = forms.CharField(
        required=False,
        max_length=OrgUnit._meta.get_field("name").max_length,
        label=_("or a new department"),
        help_text=_("Type a department not in the list: it is added to the account's departments."),
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
        # the solid-line manager is not offered as a dotted-line one (nor, in app.js, a newly chosen one),
        # unless they are one already (a line from before the rule): shown, so saving never drops it unseen
        boss = None if self.is_bound else self.initial.get("reports_to")
        both = boss in (self.initial.get("dotted_managers") or ())
        self.fields["dotted_managers"].queryset = others.exclude(pk=boss) if boss and not both else others
        self.fields["dotted_managers"].widget.attrs["data-not-with"] = "reports_to"
        big_picker(self, "reports_to", account)
        big_picker(self, "dotted_managers", account)
        self.fields["org_unit"].iterator = InNameOrder  # departments in pinyin order, as the people pickers
        self.fields["org_unit"].queryset = account.org_units.all()
        units = unit_labels(account=account)  # nine 财务资产部 of nine subsidiaries, each with its company
        self.fields["org_unit"].label_from_instance = lambda unit: units.get(unit.pk, unit.name)
        self.account, self.person = account, person
        self.duplicates: list[Person] = []  # a new person's name already on the map

    def clean(self):
        """A new person whose name is already on the map (selectors.people_like) is refused on `name` until
        `another_person` is ticked: the form then shows those records to open instead (an e-mail another person
        has is refused on `email` by Person.clean, naming them). The solid-line manager is not also a
        dotted-line one (refused on `dotted_managers`)."""
        data = super().clean()
        boss = data.get("reports_to")
        if boss is not None and boss in (data.get("dotted_managers") or []):
            self.add_error("dotted_managers", SOLID_NOT_DOTTED)
        name = data.get("name") or ""
        renamed = self.person is not None and match_name(name) != match_name(self.person.name)
        if (self.person is None or renamed) and not data.get("another_person"):
            # a new person, or a rename to another's name (the API's rule too, people.api._person_update)
            self.duplicates = people_like(account=self.account, name=name)
            if self.duplicates:
                self.add_error(
                    "name", _("Already on the map: open that record, or tick below to add another.")
                )
        return data

    def person_fields(self) -> dict:
        """The person's fields for people.services, with `new_department` (a department typed by name)."""
        fields = {k: v for k, v in self.cleaned_data.items() if k in PERSON_FIELDS}
        return {**fields, "new_department": self.cleaned_data.get("new_department", "")}

    def portrait_fields(self):
        return [self[n] for n in PERSON_PORTRAIT_FIELDS]

    def main_fields(self):
        """The person's own fields (`services.PERSON_FIELDS` but the portrait's), in its order, each field of the
        form alone beside the one it completes: a new department after the department, the dotted-line
        managers after the manager."""
        beside = {"org_unit": "new_department", "reports_to": "dotted_managers"}
        own = [n for n in PERSON_FIELDS if n not in PERSON_PORTRAIT_FIELDS]
        return [self[n] for field in own for n in (field, beside.get(field)) if n]


class InfluenceLinkForm(forms.Form):
    source = PersonChoiceField(Person.objects.none(), label=_("who sways"))
    target = PersonChoiceField(Person.objects.none(), label=_("whom"))
    kind = fields_for_model(InfluenceLink, fields=["kind"])["kind"]
    strength = forms.TypedChoiceField(
        label=_("strength"),
        coerce=int,
        initial=2,
        choices=LINK_STRENGTH_CHOICES,
    )
    note = forms.CharField(label=_("note"), required=False)

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        people = account.people.order_by("name_key")
        self.fields["source"].queryset = people
        self.fields["target"].queryset = people
        big_picker(self, "source", account)
        big_picker(self, "target", account)


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
        big_picker(self, "survivor", account)
        big_picker(self, "duplicate", account)


# A paste reads at most PASTE_MAX_ROWS (200) people: 200 rows of an Excel range or 200 signatures fit in this many
# characters many times over; a longer paste is refused before it is read (reading is linear, a few seconds a MB).
PASTE_MAX_CHARS = 200_000
# and at most this many cells (`io.paste.cells_in`): 200 rows of 50 columns; reading them takes about a second
PASTE_MAX_CELLS = 10_000


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("pasted text"),
        max_length=PASTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "An Excel range, a list of email signatures or a meeting invite: names, titles and emails "
            "in any order."
        ),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if (count := cells_in(text)) > PASTE_MAX_CELLS:
            raise forms.ValidationError(
                _(
                    "This paste holds up to %(count)s cells; at most %(max)s are read. Paste fewer rows, or "
                    "import them as a file (Import / export)."
                ),
                params={"count": f"{count:,}", "max": f"{PASTE_MAX_CELLS:,}"},
            )
        return text


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
