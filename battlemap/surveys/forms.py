"""Forms of the surveys app: send a questionnaire, answer one (public), run an interview with a guide."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.core.choices import STAGE_OPTIONS, choices_of
from battlemap.core.dates import DayFormField
from battlemap.core.forms import IdsChoiceField
from battlemap.core.multilingual import active_language
from battlemap.deals.models import Deal
from battlemap.io.names import name_and_title
from battlemap.people.forms import big_picker
from battlemap.people.models import Person
from battlemap.surveys.guides import Question
from battlemap.surveys.models import LANGUAGES
from battlemap.surveys.services import (
    ASKED,
    DEFAULT_DAYS,
    MAX_DAYS,
    NO_CONSENT,
    NO_PEOPLE,
    RATE_ONE,
    rated_codes,
)
from battlemap.vocab import (
    ATTITUDES,
    BUYING_ROLES,
    DECISION_FACTORS,
    SATISFACTION_AREAS,
    SURVEY_KINDS,
)

RATINGS = [(str(n), str(n)) for n in range(1, 6)]
NPS = [(str(n), str(n)) for n in range(0, 11)]
OPTIONAL_RATING = [("", "–"), *RATINGS]

# between a name and a title: a comma, a colon, an em or en dash, "--" or a spaced hyphen (a hyphen inside a
# name, Mary-Jane, is no separator)
NAME_TITLE_SEPARATOR = re.compile(r"\s*(?:[,，:：]|[—–]+|-{2,}|\s-\s)\s*")


def named_line(line: str) -> tuple[str, str]:
    """A line of "new people named" as (name, title): "李四，采购经理", "李四 — 采购经理", "李四：采购经理",
    "Mary-Jane Smith - Buyer"; a post in brackets as an import's name cell reads it (`io.names.name_and_title`:
    "李四（采购经理）", "Tom Lee (CFO)"; `张伟（北京）` is a name, as in a file); a line without a separator is a name."""
    line = line.strip()
    name, title = name_and_title(line)
    if title:
        return name, title
    name, *title = NAME_TITLE_SEPARATOR.split(line, maxsplit=1)
    return name.strip(), "".join(title).strip()


class PersonChoice(IdsChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} · {obj.title}" if obj.title else obj.name


class SendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Questionnaire"), choices=choices_of(SURVEY_KINDS))
    deal = forms.ModelChoiceField(label=_("Deal"), queryset=Deal.objects.none(), required=False)
    people = PersonChoice(
        label=_("Send to"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": NO_PEOPLE
        },  # the service's own word, not Django's "This field is required."
    )
    language = forms.ChoiceField(label=_("Language of the questionnaire"), choices=LANGUAGES)
    days = forms.IntegerField(
        label=_("Link open for (days)"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS
    )

    def __init__(self, *args, account, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["deal"].queryset = Deal.objects.filter(account=account)
        self.fields["people"].queryset = Person.objects.filter(account=account, **ASKED)
        big_picker(self, "people", account, active=True)


class AnswerForm(forms.Form):
    """The questions of one questionnaire: each item rated 1..5, the NPS question (satisfaction), a
    comment and the consent box. Built for `kind`, labelled in the respondent's `lang`."""

    comment = forms.CharField(
        label=_("Anything else you want to tell us?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(label=_("I agree"), required=False)

    def __init__(self, *args, kind: str, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        vocabulary = DECISION_FACTORS if kind == "decision_factors" else SATISFACTION_AREAS
        self.kind = kind
        rated = {}
        for code in rated_codes(kind):
            rated[f"rating_{code}"] = forms.TypedChoiceField(
                label=vocabulary.label(code, lang),
                choices=RATINGS,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
        if kind == "satisfaction":
            rated["nps"] = forms.TypedChoiceField(
                label=_(
                    "How likely is it that you would recommend us to a colleague or peer? (0 = not at all, 10 = extremely likely)"
                ),
                choices=NPS,
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.fields = {**rated, **self.fields}

    def clean(self) -> dict:
        # the service checks these again; here they show with the other errors at once
        data = super().clean()
        if not any(data.get(name) not in (None, "") for name in self.fields if name.startswith("rating_")):
            self.add_error(None, RATE_ONE)
        if not data.get("consent"):
            self.add_error("consent", NO_CONSENT)
        return data

    def rating_fields(self) -> list:
        return [self[name] for name in self.fields if name.startswith("rating_")]

    def ratings(self) -> dict[str, int]:
        return {
            name.removeprefix("rating_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("rating_") and value not in (None, "")
        }


class GuideChoiceForm(forms.Form):
    """Which guide: the person interviewed, the deal, their buying role and the deal's stage."""

    person = forms.ModelChoiceField(label=_("Person interviewed"), queryset=Person.objects.none())
    deal = forms.ModelChoiceField(label=_("Deal"), queryset=Deal.objects.none(), required=False)
    role = forms.ChoiceField(label=_("Their buying role"), choices=choices_of(BUYING_ROLES))
    stage = forms.ChoiceField(label=_("Decision-chain stage"), choices=STAGE_OPTIONS)

    def __init__(self, *args, account, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(account=account, placeholder=False)
        self.fields["deal"].queryset = Deal.objects.filter(account=account)
        big_picker(self, "person", account)


class InterviewForm(GuideChoiceForm):
    """The guide's questions (one answer each) and the map updates the answers imply."""

    occurred_on = DayFormField(label=_("Date of the interview"))
    named_people = forms.CharField(
        label=_("New people named (one a line: name, title)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deciders = PersonChoice(
        label=_("Who else decides"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attitude = forms.ChoiceField(
        label=_("Their attitude toward us"), choices=[("", "–"), *choices_of(ATTITUDES)], required=False
    )

    def __init__(self, *args, account, questions: list[Question], **kwargs) -> None:
        super().__init__(*args, account=account, **kwargs)
        self.fields["deciders"].queryset = Person.objects.filter(account=account, placeholder=False)
        big_picker(self, "deciders", account)
        self.fields["occurred_on"].initial = timezone.localdate()
        self.questions = questions
        for q in questions:
            self.fields[f"q_{q.code}"] = forms.CharField(
                label=q.text, required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
            )
        for code in DECISION_FACTORS:
            self.fields[f"factor_{code}"] = forms.TypedChoiceField(
                label=DECISION_FACTORS.label(code, active_language()),
                choices=OPTIONAL_RATING,
                coerce=int,
                required=False,
                empty_value=None,
            )

    def question_fields(self) -> list:
        return [(q, self[f"q_{q.code}"]) for q in self.questions]

    def factor_fields(self) -> list:
        return [self[f"factor_{code}"] for code in DECISION_FACTORS]

    def answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data.get(f"q_{q.code}", "") for q in self.questions}

    def named(self) -> list[tuple[str, str]]:
        rows = [named_line(line) for line in (self.cleaned_data.get("named_people") or "").splitlines()]
        return [(name, title) for name, title in rows if name]

    def factor_ratings(self) -> dict[str, int]:
        return {
            code: self.cleaned_data[f"factor_{code}"]
            for code in DECISION_FACTORS
            if self.cleaned_data.get(f"factor_{code}") is not None
        }
