from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from battlemap.core.choices import (
    DECISION_STYLE_CHOICES,
    EXTERNAL_KIND_CHOICES,
    LINK_KIND_CHOICES,
    NEEDS_LEVEL_CHOICES,
    PERSON_STATUS_CHOICES,
)
from battlemap.core.dates import DayField
from battlemap.core.models import KeyedByName, Versioned, account_of, name_key_field, optional, part_of
from battlemap.core.multilingual import active_language
from battlemap.core.refusals import PERSON_OF_ANOTHER_ACCOUNT
from battlemap.core.request_items import item_of_request
from battlemap.io.cleaning import clean_text, tidy_text
from battlemap.io.matching import clean_name, email_stored

LEFT_WITHOUT_DATE = _("Give the date the person left.")
LEFT_AFTER_TODAY = _("%(day)s is after today: give the day the person left, up to today.")
LEFT_ON_NOT_LEFT = _("A leaving date is for a person who left: set the status to “left”, or remove the date.")
# a person's department or manager, an influence link's person, of another account, a reporting cycle and a link
# from a person to themselves: the models' refusals and the import's (people.services.bulk) in the same words
DEPARTMENT_ELSEWHERE = _("This department belongs to another account.")
MANAGER_ELSEWHERE = _("The manager belongs to another account.")
SELF_INFLUENCE = _("A person cannot influence themselves.")
REPORTING_CYCLE = _("This would make a reporting cycle.")
REPORTS_TO_SELF = _("A person cannot report to themselves.")


def new_leaving_date_error(*, status: str, left_on: Any, stored: Any = None) -> str | None:
    """A leaving date given for a person whose status (as it will be) is not "left" is refused, not dropped: the
    API took `{"left_on": …}` with 200 and kept nothing (an integrator's trial). `stored` is the person's leaving
    date now: sent back unchanged beside a new status (a rehire on the web form) it is cleared by
    `leaving_date_error`, as before. Returns LEFT_ON_NOT_LEFT or None; the file import says the same by row
    (io.tabular.rows, "left_on_active"), the map import by path (io.mapformat.load)."""
    if left_on is not None and status != "left" and left_on != stored:
        return str(LEFT_ON_NOT_LEFT)
    return None


def leaving_date_error(person: Any) -> str | None:
    """The one rule of a person's status and leaving date, on every road (Person.clean for the web form, the
    API and the map import; people_bulk_insert / people_bulk_update for the file import): an active person has
    no leaving date — a rehire clears it, so `left_on` is set to None here —; a person who left has one, and
    not after today (who leaves next month is still active: the map shows them greyed from that day only if
    the day has come). Returns the message on `left_on`, or None."""
    if person.status != "left":
        person.left_on = None
        return None
    if person.left_on is None:
        return str(LEFT_WITHOUT_DATE)
    if person.left_on > timezone.localdate():
        return str(LEFT_AFTER_TODAY) % {"day": person.left_on.isoformat()}
    return None


PHONE_MIN_DIGITS = 3  # the shortest number people write: an extension (分机 801); "abc" or "—" is none


def validate_phone(value: str) -> None:
    """A phone number holds at least PHONE_MIN_DIGITS digits, whatever else it holds (+86 (10) 6512-3456 转 801,
    ext. 12): "abc" typed in the phone field was saved without a word (a seller's trial). The one rule of the
    web form, the API, the map import and the people import (by row)."""
    if value and sum(c.isdigit() for c in value) < PHONE_MIN_DIGITS:
        raise ValidationError(NOT_A_PHONE, params={"value": value}, code="not_a_phone")


NOT_A_PHONE = _("“%(value)s” is not a phone number: a number holds digits.")


EXTERNAL_ID_TAKEN = _(
    "%(name)s already has the external id %(id)s on this account: a CRM's id is one record's (re-importing its "
    "file finds people by it). Give another id, or merge the two records."
)
EMAIL_TAKEN = _(
    "%(name)s already has the e-mail %(email)s on this account: one e-mail is one person's (mail and imports find "
    "people by it). Give another e-mail, or merge the two records."
)


def email_owners(account_id: int, emails: Any, *, besides: Any = ()) -> dict[str, Any]:
    """The one rule of e-mails on an account (every road: Person.clean for the web form, the API and the map
    import; people_bulk_insert / people_bulk_update for the file import): two people of one account never share
    an e-mail (compared as `io.matching.email_key`: case and width aside), or mail and later imports would not
    know whose it is. Returns {e-mail key: a person of the account other than `besides` (ids) who has it}, for
    the `emails` asked about (a query per 500 e-mails)."""
    from django.db.models.functions import Lower

    from battlemap.io.matching import email_key

    keys = sorted({email_key(e) for e in emails} - {""})
    besides = set(besides)
    # The database's lower() is A–Z alone on SQLite (and the collation's on PostgreSQL): it narrows ASCII keys
    # down, and every candidate is compared by email_key here; a key beyond ASCII (ü, İ) is rare and compared
    # over the account's e-mails.
    ascii_keys = [k for k in keys if k.isascii()]
    batches = [
        Person.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=ascii_keys[s : s + 500])
        for s in range(0, len(ascii_keys), 500)  # a query's parameters stay few, whatever the import's size
    ]
    if len(ascii_keys) < len(keys):
        batches.append(Person.objects.exclude(email=""))
    wanted = set(keys)
    owners: dict[str, Any] = {}
    for found in batches:
        for person in (
            found.filter(account_id=account_id)
            .only("pk", "name", "email", "name_key")
            .order_by("name_key", "pk")
        ):
            key = email_key(person.email)
            if key in wanted and person.pk not in besides:
                owners.setdefault(key, person)
    return owners


EMAIL_IN_REQUEST = _(
    "%(item)s of this request has the e-mail %(email)s too: one e-mail is one person's (mail and imports find "
    "people by it). Give each person their own e-mail."
)


def email_taken_error(owner: Any) -> str:
    """EMAIL_TAKEN for `owner` (a Person, named with their id; a new row of a bulk without an id yet, by name),
    in the active language — or EMAIL_IN_REQUEST when an earlier item of the request made them."""

    from battlemap.punctuation import aside, isolate, with_id

    lang = active_language()
    if item := item_of_request(owner):
        return str(EMAIL_IN_REQUEST) % {"item": item + aside(lang, isolate(owner.name)), "email": owner.email}
    pk = getattr(owner, "pk", None)
    name = with_id(lang, owner.name, pk) if pk else isolate(owner.name)
    return str(EMAIL_TAKEN) % {"name": name, "email": owner.email}


def external_id_taken_error(owner: Any) -> str:
    """EXTERNAL_ID_TAKEN for `owner`, the person who holds the id, named with their id and the id as they hold it
    (a Salesforce 18-character id sent for a person stored with its 15 named the sent one, which nobody held)."""
    from battlemap.punctuation import with_id

    return str(EXTERNAL_ID_TAKEN) % {
        "name": with_id(active_language(), owner.name, owner.pk),
        "id": owner.external_id,
    }


def _trait(label):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class _EmailFormField(forms.EmailField):
    """A person's e-mail as the model stores it (`email_stored`) before it is checked: `Zhao＠Example.com`, typed with
    a Chinese input method, is zhao@example.com on the web form too, as the import and the API read it."""

    def to_python(self, value: Any) -> str:
        return email_stored(super().to_python(value))


class PersonEmailField(models.EmailField):
    """An EmailField whose form field reads the address as the model stores it (`Person.text_cleaners`)."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": _EmailFormField, **kwargs})


class Person(KeyedByName, Versioned):
    # stored the same whichever road they came by — form, API, paste, file (core.text_fields.clean_text_fields):
    # 张　伟 → 张伟, ＣＦＯ → CFO, as the importer has always stored them
    # an id pasted with a zero-width space or spaces around it is the id (tidy_text)
    # an e-mail and a phone half-width, the e-mail in lower case (`email_stored`; they match by `email_key`), as
    # the file import and the paste have always stored them: re-importing a person's own export is no change
    text_cleaners = {
        "name": clean_name,
        "title": tidy_text,
        "organisation": tidy_text,
        "external_id": tidy_text,
        "email": email_stored,
        "phone": clean_text,
    }

    history_by_account = True  # its history indexed by account and time (core.models.MapHistory)
    account = account_of("people")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    name_key = name_key_field()
    title = models.CharField(_("title"), max_length=200, blank=True)
    org_unit = optional("accounts.OrgUnit", "people", _("department"))
    reports_to = optional("self", "reports", _("reports to"))
    email = PersonEmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True, validators=[validate_phone])
    status = models.CharField(_("status"), max_length=10, choices=PERSON_STATUS_CHOICES, default="active")
    left_on = DayField(_("left on"), null=True, blank=True)
    placeholder = models.BooleanField(
        _("placeholder"), default=False, help_text=_("A role we know exists before we know who holds it.")
    )
    external = models.BooleanField(_("external"), default=False)
    external_kind = models.CharField(
        _("external kind"), max_length=20, choices=EXTERNAL_KIND_CHOICES, blank=True
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # Role portrait (seeds 001 and 004).
    duties = models.TextField(_("duties"), blank=True)
    concerns = models.TextField(_("concerns"), blank=True)
    decision_style = models.CharField(
        _("decision style"), max_length=20, choices=DECISION_STYLE_CHOICES, blank=True
    )
    needs_level = models.CharField(_("needs level"), max_length=20, choices=NEEDS_LEVEL_CHOICES, blank=True)
    power = _trait(_("power"))
    expertise = _trait(_("expertise"))
    budget_control = _trait(_("budget control"))
    network = _trait(_("network"))
    personal_win = models.TextField(_("personal win"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    external_id = models.CharField(_("external id"), max_length=120, blank=True, db_index=True)

    class Meta:
        ordering = ["name_key", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.org_unit_id and self.org_unit.account_id != self.account_id:
            errors["org_unit"] = DEPARTMENT_ELSEWHERE
        if self.reports_to_id:
            if self.reports_to_id == self.pk:
                errors["reports_to"] = REPORTS_TO_SELF
            elif self.reports_to.account_id != self.account_id:
                errors["reports_to"] = MANAGER_ELSEWHERE
            elif self.pk is not None and self._manager_chain_reaches_self():
                errors["reports_to"] = REPORTING_CYCLE
        if leaving := leaving_date_error(self):
            errors["left_on"] = leaving
        owners = email_owners(self.account_id, [self.email], besides=[self.pk] if self.pk else [])
        # an e-mail shared before the rule is refused when it is given, not on an edit of other fields
        if owners and not (self.pk and Person.objects.filter(pk=self.pk, email=self.email).exists()):
            errors["email"] = email_taken_error(next(iter(owners.values())))
        if self.external_id and (taken := self._external_id_taken()):
            errors["external_id"] = external_id_taken_error(taken)
        if self.external_kind and not self.external:
            self.external = True
        if errors:
            raise ValidationError(errors)

    def _external_id_taken(self) -> Person | None:
        """Another person of the account with this external id (a CRM's record id: re-importing the CRM's file
        finds people by it, so two would make it update one of them at random) — asked when the id is given or
        changed, not on an edit of other fields of a record that shared it before the rule."""
        from battlemap.io.matching import id_key

        if self.pk and Person.objects.filter(pk=self.pk, external_id=self.external_id).exists():
            return None
        # compared as the import matches ids (`io.matching.id_key`: width aside, a Salesforce id's 15 and 18
        # characters one id), over the account's ids: a handful to thousands, and only when one is given
        key = id_key(self.external_id)
        others = Person.objects.filter(account_id=self.account_id).exclude(external_id="").exclude(pk=self.pk)
        return next(
            (
                p
                for p in others.order_by("pk").only("pk", "name", "external_id")
                if id_key(p.external_id) == key
            ),
            None,
        )

    def _manager_chain_reaches_self(self) -> bool:
        seen: set[int] = set()
        manager_id = self.reports_to_id
        while manager_id is not None and manager_id not in seen:
            if manager_id == self.pk:
                return True
            seen.add(manager_id)
            manager_id = Person.objects.filter(pk=manager_id).values_list("reports_to_id", flat=True).first()
        return False


class DottedLine(Versioned):
    """A dotted-line (secondary) manager."""

    person = part_of(Person, "dotted_lines", _("person"))
    manager = part_of(Person, "dotted_reports", _("dotted-line manager"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "manager"], name="one_dotted_line_per_pair")]
        verbose_name = _("dotted line")
        verbose_name_plural = _("dotted lines")

    def __str__(self) -> str:
        # as a link reads: from the person to their dotted-line manager
        return f"{self.person} → {self.manager}"

    def clean(self) -> None:
        if self.person_id == self.manager_id:
            raise ValidationError({"manager": _("A person cannot be their own dotted-line manager.")})
        if self.person.account_id != self.manager.account_id:
            raise ValidationError({"manager": MANAGER_ELSEWHERE})


LINK_EXISTS = _("This influence link exists already: change its strength instead.")
# how strongly one person sways another (vocab.LINK_STRENGTH_MIN..MAX): one set of words for the form and the table
LINK_STRENGTH_CHOICES = [(1, _("weak")), (2, _("medium")), (3, _("strong"))]


class InfluenceLink(Versioned):
    """`source` sways `target`: the arrow points from the influencer to the influenced."""

    history_by_account = True  # its history indexed by account and time (core.models.MapHistory)
    account = account_of("influence_links")
    source = part_of(Person, "influences", _("from"))
    target = part_of(Person, "influenced_by", _("to"))
    kind = models.CharField(_("kind"), max_length=20, choices=LINK_KIND_CHOICES, default="advises")
    strength = models.PositiveSmallIntegerField(
        _("strength"),
        default=2,
        choices=LINK_STRENGTH_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("influence link")
        verbose_name_plural = _("influence links")

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"

    def clean(self) -> None:
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": SELF_INFLUENCE})
        for field in ("source", "target"):
            person = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if person is not None and person.account_id != self.account_id:
                raise ValidationError({field: PERSON_OF_ANOTHER_ACCOUNT})
        same = InfluenceLink.objects.filter(
            source_id=self.source_id, target_id=self.target_id, kind=self.kind
        )
        if self.source_id and self.target_id and same.exclude(pk=self.pk).exists():
            # a second identical arrow would be drawn twice and counted twice by the analysis
            raise ValidationError({"target": LINK_EXISTS})
