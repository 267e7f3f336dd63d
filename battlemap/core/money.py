"""Money: an amount and its currency, one rule for every road in (web forms, the API, the map import).

An amount holds at most MONEY_DIGITS digits, MONEY_PLACES of them after the point (up to
9,999,999,999,999.99): SQLite keeps 15 significant digits, so one more was read back rounded, or failed to
read at all (Django's converter cannot quantize it: every page showing it answered 500); a JSON number of
15 digits also reads back exactly. The model fields carry the limit; the web forms (built from the models)
and the API schema (`core.schemas.Money`) read it from here.

A currency is an ISO 4217 code (pycountry's list of the codes in use), stored in upper case: `usd` and ` usd `
are read as USD and `RMB`, how Chinese sellers write the yuan, as CNY (`normalize_currency`); `€€`, `1X` or
`ZZZ` (three letters, no currency) are refused with CURRENCY_EXPECTED, naming the field.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY_DIGITS = 15
MONEY_PLACES = 2
CURRENCY_DEFAULT = "CNY"
CURRENCY_EXPECTED = _("Give a three-letter ISO 4217 code such as CNY, USD.")
_CURRENCY = re.compile(r"[A-Z]{3}")
CURRENCY_ALIASES = {"RMB": "CNY"}  # 人民币 as sellers and their CRMs write it; ISO 4217 knows only CNY


MONEY_MAX = Decimal(10) ** (MONEY_DIGITS - MONEY_PLACES) - Decimal(1).scaleb(-MONEY_PLACES)
AMOUNT_TOO_LARGE = _("Give an amount of at most %(most)s (15 digits, 2 of them after the point).")
AMOUNT_PLACES = _("Give an amount with at most 2 digits after the point.")


class AmountValidator(DecimalValidator):
    """Django's check of the digits, said as a seller reads it: the largest amount, not a count of digits."""

    messages = {
        **DecimalValidator.messages,
        "max_digits": AMOUNT_TOO_LARGE,
        "max_whole_digits": AMOUNT_TOO_LARGE,
        "max_decimal_places": AMOUNT_PLACES,
    }

    def __call__(self, value: Decimal) -> None:
        try:
            super().__call__(value)
        except ValidationError as error:
            raise ValidationError(error.message, code=error.code, params={"most": f"{MONEY_MAX:,}"}) from None


def _our_check(checks: list[Any]) -> list[Any]:
    return [AmountValidator(MONEY_DIGITS, MONEY_PLACES) if type(v) is DecimalValidator else v for v in checks]


class AmountFormField(forms.DecimalField):
    """The web forms' amount: the model's check and message, so the error shows beside the field at once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.validators = _our_check(self.validators)


class AmountField(models.DecimalField):
    """An amount that may be left empty, never negative (it would lower the pipeline's totals), at most
    MONEY_DIGITS digits (MONEY_MAX)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [MinValueValidator(0)])
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self) -> list[Any]:
        return _our_check(super().validators)

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": AmountFormField, **kwargs})


def normalize_currency(value: Any) -> Any:
    """`usd`, ` Usd ` → `USD`, `rmb` → `CNY` (CURRENCY_ALIASES); anything but text is left for the check to
    refuse."""
    if not isinstance(value, str):
        return value
    code = value.strip().upper()
    return CURRENCY_ALIASES.get(code, code)


@cache
def iso_currencies() -> frozenset[str]:
    """The ISO 4217 codes in use (pycountry's copy of the standard's list): CNY, USD, EUR, XAU, XXX…"""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def validate_currency(value: Any) -> None:
    """Refuse (ValidationError, CURRENCY_EXPECTED) anything but an ISO 4217 code (after normalising)."""
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value) or value not in iso_currencies():
        raise ValidationError(CURRENCY_EXPECTED, code="currency")


class CurrencyFormField(forms.CharField):
    """The web forms' currency: normalised and checked as the model does, so the error shows at once."""

    default_validators = [validate_currency]

    def to_python(self, value: Any) -> Any:
        return normalize_currency(super().to_python(value))


class CurrencyField(models.CharField):
    """A currency code (ISO 4217), normalised on every full_clean (the services run it for the forms,
    the API and the imports alike) and checked."""

    default_validators = [validate_currency]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("default", CURRENCY_DEFAULT)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        return normalize_currency(super().to_python(value))

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": CurrencyFormField, **kwargs})
