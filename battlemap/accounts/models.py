from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from battlemap.core.choices import FACTOR_KIND_CHOICES, LIFECYCLE_CHOICES
from battlemap.core.models import (
    KeyedByName,
    Named,
    Versioned,
    account_of,
    check_text_list,
    name_key_field,
    optional,
)
from battlemap.core.money import AmountField, CurrencyField
from battlemap.io.cleaning import tidy_text
from battlemap.io.company_names import company_key

# Slugs that would clash with fixed URLs under /accounts/ (e.g. Django's default /accounts/login/).
RESERVED_SLUGS = frozenset(
    {"login", "logout", "new", "add", "create", "import", "export", "search", "api", "admin"}
)


RESTORE_DAYS = 30  # a deleted account can be restored this long, then `battlemap purge-accounts` removes it
SLUG_NOT_AVAILABLE = _("The slug “%(slug)s” is not available; choose another.")


def validate_slug_not_reserved(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(SLUG_NOT_AVAILABLE, params={"slug": value}, code="reserved")


class LiveAccounts(models.Manager):
    """`Account.objects`: the accounts not deleted. Deleted ones (kept RESTORE_DAYS for a restore) are
    only reached through `Account.all_objects` (the admin, restore and purge)."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Account(KeyedByName, Versioned):
    # the one rule of imported and typed one-line text, as a person's title (people.models.Person): a
    # direction mark (RLM) or zero-width space pasted with the name goes
    text_cleaners = {"name": tidy_text}

    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, allow_unicode=False, validators=[validate_slug_not_reserved]
    )

    def unique_error_message(self, model_class, unique_check):
        """A slug in use is "not available", as a reserved one: slugs are addresses shared by every
        user, and "another account already has this slug" told an outsider that an account he may not
        see exists (trial 24; docs/security.md)."""
        if tuple(unique_check) == ("slug",):
            return ValidationError(SLUG_NOT_AVAILABLE, code="unique", params={"slug": self.slug})
        return super().unique_error_message(model_class, unique_check)

    name = models.CharField(_("name"), max_length=200)
    name_key = name_key_field()
    industry = models.CharField(_("industry"), max_length=120, blank=True)
    size = models.CharField(_("size"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    segments = models.JSONField(_("segment tags"), default=list, blank=True)
    # the other names the customer's files write it by (io.company_names.account_company_keys): a company a
    # people import took as the account's is kept here, so the next file writing it so is the account's too
    company_names = models.JSONField(_("also written as"), default=list, blank=True)
    potential_value = AmountField(_("potential value"))  # at most 15 digits, never negative (core.money)
    currency = CurrencyField(_("currency"))
    lifecycle = models.CharField(
        _("lifecycle stage"), max_length=20, choices=LIFECYCLE_CHOICES, default="prospect"
    )
    strategic_goals = models.TextField(_("strategic goals"), blank=True)
    needs = models.TextField(_("needs"), blank=True)
    pains = models.TextField(_("pains"), blank=True)
    buying_behaviour = models.TextField(_("buying behaviour"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_accounts",
        verbose_name=_("owner"),
    )
    team = optional("teams.Team", "accounts", _("team"))
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False, db_index=True)

    objects = LiveAccounts()
    all_objects = models.Manager()

    class Meta:
        ordering = ["name_key", "name"]
        default_manager_name = "all_objects"  # slug uniqueness and versioned updates see deleted accounts too
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def clean(self) -> None:
        if not isinstance(self.segments, list) or not all(isinstance(s, str) for s in self.segments):
            raise ValidationError({"segments": _("Segment tags must be a list of text tags.")})
        check_text_list(Account, "segments", self.segments, longest=SEGMENT_MAX, most=SEGMENTS_MAX)
        self.company_names = _company_names(self.company_names)
        if self._state.adding:
            self._check_new_slug()

    def _check_new_slug(self) -> None:
        """A new account's slug is an address no other account has or had, whatever the case ("HDNY" beside
        "hdny" is two addresses of one look), and holds a letter or a digit ("-" and "_" name nothing). An
        account's slug never changes (accounts.services.account_update), so a slug in history is still its
        account's: checked too, for accounts whose slugs changed before that rule."""
        if not any(ch.isalnum() for ch in self.slug):
            raise ValidationError({"slug": ValidationError(SLUG_NOT_AVAILABLE, params={"slug": self.slug})})
        others = Account.all_objects.exclude(pk=self.pk) if self.pk else Account.all_objects.all()
        taken = others.filter(slug__iexact=self.slug).exists() or (
            Account.history.filter(slug__iexact=self.slug).filter(id__in=others.values("pk")).exists()
        )
        if taken:
            raise ValidationError({"slug": ValidationError(SLUG_NOT_AVAILABLE, params={"slug": self.slug})})


# The lists of names an account keeps, each held to one rule (core.models.check_text_list) that its API schema
# (accounts.schemas.AccountFields) and so the map import read too.
SEGMENT_MAX = 60  # the most characters of a segment tag
SEGMENTS_MAX = 50  # the most segment tags
COMPANY_NAME_MAX = 200  # as the account's own name
COMPANY_NAMES_MAX = 50  # as its segment tags


def _company_names(names) -> list[str]:
    """`Account.company_names` as stored: each name tidied (`tidy_text`), the empty ones and a second spelling of one
    company (`company_names.company_key`) left out, in the order given. ValidationError naming `company_names`
    for a value that is not a list of text, more than COMPANY_NAMES_MAX names or one longer than
    COMPANY_NAME_MAX characters."""
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValidationError({"company_names": _("The other names must be a list of company names.")})
    kept: dict[str, str] = {}
    for name in map(tidy_text, names):
        if name and (key := company_key(name) or name) not in kept:
            kept[key] = name
    names = list(kept.values())
    check_text_list(Account, "company_names", names, longest=COMPANY_NAME_MAX, most=COMPANY_NAMES_MAX)
    return names


class OrgUnit(Named, Versioned):
    text_cleaners = {"name": tidy_text}  # as an account's name and a person's title

    history_by_account = True  # its history indexed by account and time (core.models.MapHistory)
    account = account_of("org_units")
    name = models.CharField(_("name"), max_length=200)
    parent = optional("self", "children", _("parent unit"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent.account_id != self.account_id:
            raise ValidationError({"parent": _("The parent unit belongs to another account.")})
        if self.pk is None:  # a new unit is nobody's parent yet: it cannot close a loop (no walk up the tree,
            return  # which made loading a chain of n nested units cost n² steps)
        seen, unit = {self.pk}, self.parent
        while unit is not None:
            if unit.pk in seen:
                raise ValidationError({"parent": _("This parent would make a loop in the department tree.")})
            seen.add(unit.pk)
            unit = unit.parent


class ExternalFactor(Versioned):
    history_by_account = True  # its history indexed by account and time (core.models.MapHistory)
    account = account_of("external_factors")
    kind = models.CharField(_("kind"), max_length=20, choices=FACTOR_KIND_CHOICES)
    description = models.TextField(_("description"))
    effect = models.SmallIntegerField(
        _("effect on us"), default=0, validators=[MinValueValidator(-2), MaxValueValidator(2)]
    )

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("external factor")
        verbose_name_plural = _("external factors")

    def __str__(self) -> str:
        return self.description[:60]
