"""Forms for the account pages; model validation names the field in every error."""

from __future__ import annotations

import copy

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from battlemap.accounts import services
from battlemap.accounts.models import Account, ExternalFactor
from battlemap.accounts.selectors import accounts_named, common_handover_candidates, handover_candidates
from battlemap.accounts.services import PORTRAIT_FIELDS
from battlemap.core.choices import LIFECYCLE_OPTIONS
from battlemap.core.forms import limited_formfield
from battlemap.core.money import AmountFormMixin
from battlemap.core.multilingual import active_language
from battlemap.core.text import colleague_label
from battlemap.punctuation import join_names
from battlemap.teams.models import Team
from battlemap.teams.selectors import teams_visible_to


class PortraitForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Account
        fields = list(PORTRAIT_FIELDS)
        formfield_callback = limited_formfield
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in PORTRAIT_FIELDS}


# An outside factor's effect on us, each value said (a new user met a bare number box from −2 to 2)
EFFECT_CHOICES = [
    (-2, _("−2 · strongly against us")),
    (-1, _("−1 · against us")),
    (0, _("0 · neither")),
    (1, _("+1 · for us")),
    (2, _("+2 · strongly for us")),
]


class ExternalFactorForm(forms.ModelForm):
    class Meta:
        model = ExternalFactor
        fields = ["kind", "description", "effect"]
        widgets = {"description": forms.TextInput(), "effect": forms.Select(choices=EFFECT_CHOICES)}


class ExternalFactorEditForm(ExternalFactorForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def factor_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("kind", "description", "effect")}


class ReportsToForm(forms.Form):
    """Drag a card onto another: `person` now reports to `manager` (empty = top of the chart)."""

    person = forms.IntegerField(label=_("person"))
    manager = forms.IntegerField(label=_("reports to"), required=False)
    # the person's version on the chart, required as in every edit: a stale drag is refused
    version = forms.IntegerField(label=_("version"))

    def __init__(self, *args, account: Account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def _person(self, field: str):
        pid = self.cleaned_data.get(field)
        if pid is None:
            return None
        person = self.account.people.filter(pk=pid).first()
        if person is None:
            raise forms.ValidationError(_("No such person in this account."))
        return person

    def clean_person(self):
        return self._person("person")

    def clean_manager(self):
        return self._person("manager")


_account_fields = fields_for_model(
    Account,
    fields=["name", "slug", "industry", "size", "region", "potential_value", "currency", "lifecycle"],
)
_account_fields[
    "lifecycle"
].choices = LIFECYCLE_OPTIONS  # sentence case in the select, as in the account list


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return colleague_label(obj)  # an owner who left: "alice (deactivated)"


SAME_NAME = _(
    "You already see an account of this name: %(accounts)s. If it is the same customer, open it instead; if it is "
    "another customer of the same name, tick the box below."
)


# the account's fields the form types as text, and the form's fields that show their errors
ACCOUNT_FORM_FIELDS = {"segments": "segments_text", "company_names": "company_names_text"}


COMPANY_NAMES_HELP = _(
    "Other names the customer's files write it by, one a line (a short form, an old name). A people import takes rows of these "
    "companies as the account's own people, and keeps here a company it took as the account's: remove a wrong one."
)


class AccountForm(AmountFormMixin, forms.Form):
    """Create or edit an account. Owner and team are offered only to its owner or an administrator;
    the teams offered are the user's own (every team for an administrator)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    segments_text = forms.CharField(
        label=_("segment tags"), required=False, help_text=_("Separate tags with commas.")
    )
    # Account.company_names, one a line: a company's name may hold a comma (Delta Power Co., Ltd.)
    company_names_text = forms.CharField(
        label=_("also written as"), required=False, help_text=COMPANY_NAMES_HELP
    )
    owner = UserChoice(get_user_model().objects.none(), label=_("owner"), required=False)
    team = forms.ModelChoiceField(Team.objects.none(), label=_("team"), required=False)

    def __init__(self, *args, user, account: Account | None = None, **kwargs):
        if account is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(account, name) for name in _account_fields},
                "segments_text": ", ".join(account.segments or []),
                "company_names_text": "\n".join(account.company_names or []),
                "owner": account.owner_id,
                "team": account.team_id,
                "version": account.version,
            }
        super().__init__(*args, **kwargs)
        for name, field in _account_fields.items():
            self.fields[name] = copy.deepcopy(field)
        order = ["name", "slug", "company_names_text", "industry", "size", "region", "segments_text"]
        order += ["potential_value", "currency", "lifecycle", "owner", "team", "version"]
        self.order_fields(order)
        self.user, self.account = user, account
        teams = Q(pk__in=teams_visible_to(user).values("pk"))  # their own; every team for an administrator
        if account is not None and account.team_id:
            teams |= Q(pk=account.team_id)
        team_qs = Team.objects.filter(teams).order_by("name")
        self.fields["team"].queryset = team_qs
        # who may own it: anyone active for an administrator; else you, your teams' members; and the owner now,
        # though deactivated (marked so by UserChoice): the form names them, a save that leaves them keeps them
        people = Q() if user.is_superuser else Q(pk=user.pk) | Q(memberships__team__in=team_qs.values("pk"))
        users = get_user_model().objects.filter(people, is_active=True)
        if account is not None:
            users = get_user_model().objects.filter(Q(pk__in=users.values("pk")) | Q(pk=account.owner_id))
        self.fields["owner"].queryset = users.distinct().order_by("username")
        self.fields["currency"].widget.attrs["size"] = 4
        self.fields["company_names_text"].widget = forms.Textarea(attrs={"rows": 2})
        if account is None:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Part of the address; left empty, it is made from the name (pinyin for Chinese)."
            )
            self.fields["owner"].initial = user.pk
            # the rule of every new account (services.team_for_new_account), shown as the form's choice
            self.fields["team"].initial = services.team_for_new_account(user)
            self.fields["team"].help_text = _(
                "Its members see and edit the account, its managers see it; left empty, only its owner, the "
                "managers of the owner's teams and administrators see it."
            )
            # shown once the name is found among the accounts the user sees (`namesake_unconfirmed`)
            self.fields["another_account"] = forms.BooleanField(
                label=_("This is another customer of the same name: create it anyway"), required=False
            )
        else:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _("The address of the account; it does not change.")
        self.may_change_owner = user.is_superuser or account is None or account.owner_id == user.pk
        if not self.may_change_owner:
            self.fields["owner"].disabled = True
            self.fields["team"].disabled = True

    def namesake_unconfirmed(self) -> bool:
        """A new account bearing the name of one the user sees (`services.check_no_namesake`), the box "another
        customer of the same name" not ticked: the name field names them, each a link to open it instead
        (`namesakes`: the accounts the user sees), and the box is shown (a new user's trial created a second and a
        third 上海申通地铁集团有限公司 told only "Account created", as a person's form never would:
        people.services.check_not_on_map)."""
        if self.account is not None or self.cleaned_data.get("another_account"):
            return False
        name = self.cleaned_data.get("name") or ""
        try:
            services.check_no_namesake(user=self.user, name=name, message=SAME_NAME)
        except forms.ValidationError as error:
            self.ask_another = True
            self.add_error(None, error)
            self.namesakes = accounts_named(self.user, name)
            return True
        return False

    ask_another = False
    namesakes: list[Account] = []

    def account_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("another_account", None)
        text = data.pop("segments_text", "") or ""
        data["segments"] = [t.strip() for t in text.replace("，", ",").split(",") if t.strip()]
        names = data.pop("company_names_text", "") or ""
        data["company_names"] = [n.strip() for n in names.splitlines() if n.strip()]
        if self.account is not None:
            data.pop("slug", None)
            if not self.may_change_owner:
                data.pop("owner", None)
                data.pop("team", None)
        if data.get("owner") is None:
            data["owner"] = self.account.owner if self.account is not None else self.user
        return data


class _HandoverFields(forms.Form):
    to = UserChoice(get_user_model().objects.none(), label=_("new owner"))
    note = forms.CharField(
        label=_("note"),
        max_length=100,
        widget=forms.TextInput(attrs={"maxlength": 100}),
        help_text=_(
            "Why, and what the new owner should know (kept in the account's history; up to 100 characters)."
        ),
    )


class HandoverForm(_HandoverFields):
    """Hand an account over: to whom, and a note kept in history. The people offered are those the
    rule of `services.handover.account_handover` accepts (`handover_candidates`), the owner left out."""

    # the account as the form was opened: a hand-over made meanwhile is not undone without a word (a team's trial)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, user, account: Account, **kwargs):
        kwargs.setdefault("initial", {"version": account.version})
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = handover_candidates(user, account)


class AccountsHandoverForm(_HandoverFields):
    """Hand over every account of a seller who leaves (`services.handover.accounts_handover`): to whom — someone who may
    take each of them (`selectors.common_handover_candidates`) — and one note. `seen` carries the accounts and
    their versions as the page listed them ("id:version,…"): one handed over, added or edited meanwhile shows
    the page again instead of handing over what nobody saw."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, accounts: list[Account], **kwargs):
        kwargs.setdefault("initial", {"seen": seen_versions(accounts)})
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = common_handover_candidates(user, accounts)


def seen_versions(accounts: list[Account]) -> str:
    """The accounts and their versions as a page lists them: "id:version,…" by id."""
    return ",".join(f"{a.pk}:{a.version}" for a in sorted(accounts, key=lambda a: a.pk))


def seen_parsed(seen: str) -> dict[int, int]:
    """{account id: version} of a `seen_versions` string (parts that are not "id:version" left out)."""
    shown: dict[int, int] = {}
    for part in filter(None, seen.split(",")):
        pk, _sep, version = part.partition(":")
        if pk.isdigit() and version.isdigit():
            shown[int(pk)] = int(version)
    return shown


def list_changes(seen: str, accounts: list[Account]) -> list[str]:
    """What differs between the list a page showed (`seen_versions`) and `accounts` now, one sentence per kind
    in the active language: accounts added, no longer in it (handed over, deleted), edited — each named."""
    shown = seen_parsed(seen)
    now = {a.pk: a for a in accounts}
    gone = Account.all_objects.filter(pk__in=set(shown) - set(now)).order_by("name")
    kinds = (
        (_("Added meanwhile: %(names)s."), [a for pk, a in now.items() if pk not in shown]),
        (_("No longer in the list (handed over or deleted): %(names)s."), list(gone)),
        (
            _("Edited meanwhile: %(names)s."),
            [a for pk, a in now.items() if pk in shown and shown[pk] != a.version],
        ),
    )
    lang = active_language()
    return [
        str(said) % {"names": join_names(lang, [a.name for a in found])} for said, found in kinds if found
    ]


class MapImportForm(forms.Form):
    """A whole account from a map file (the JSON of *Export → JSON* or `battlemap export-map`), owned by
    the user, shared with one of their own teams or none."""

    file = forms.FileField(
        label=_("map file (JSON)"),
        help_text=_("A map exported from Battlemap (Import / export → Map (JSON), or battlemap export-map)."),
    )
    slug = forms.SlugField(
        label=_("slug"),
        required=False,
        max_length=80,
        help_text=_("Left empty: the slug in the file."),
    )
    team = forms.ModelChoiceField(Team.objects.none(), label=_("team"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_visible_to(user).order_by("name")
        self.fields["team"].initial = services.team_for_new_account(user)
