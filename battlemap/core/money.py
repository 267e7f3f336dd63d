"""Money: an amount and its currency, one rule for every road in (web forms, the API, the map import).

An amount holds at most MONEY_DIGITS digits, MONEY_PLACES of them after the point (up to
9,999,999,999,999.99): SQLite keeps 15 significant digits, so one more was read back rounded, or failed to
read at all (Django's converter cannot quantize it: every page showing it answered 500); a JSON number of
15 digits also reads back exactly. The model fields carry the limit; the web forms (built from the models)
and the API schema (`core.schemas.Money`) read it from here.

A currency is an ISO 4217 code (pycountry's list of the codes in use), stored in upper case: `usd` and ` usd `
are read as USD, and a currency's name or sign that names one currency only (CURRENCY_SIGNS, the table the
amounts read too) as its code: `RMB`, `人民币`, `元` as CNY, `美元` as USD, `欧元` as EUR, `英镑` as GBP, `日元` as JPY,
`港币` / `港元` as HKD (`normalize_currency`); `€€`, `1X`, `$` (several currencies) or `ZZZ` (three letters, no
currency) are refused with CURRENCY_EXPECTED, naming the field and listing the names it takes.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache, cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from battlemap.core.templatetags.numbers import grouped
from battlemap.punctuation import list_separator

MONEY_DIGITS = 15
MONEY_PLACES = 2
CURRENCY_DEFAULT = "CNY"
CURRENCY_EXPECTED = _("Give a three-letter ISO 4217 code such as CNY, USD, or a currency's name: %(names)s.")
_CURRENCY = re.compile(r"[A-Z]{3}")


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
        exponent = value.as_tuple().exponent
        if (
            isinstance(exponent, int) and -exponent > MONEY_PLACES
        ):  # 0.30000000000000004: its decimals, not its size
            raise ValidationError(AMOUNT_PLACES, code="max_decimal_places")
        try:
            super().__call__(value)
        except ValidationError as error:
            raise ValidationError(error.message, code=error.code, params={"most": f"{MONEY_MAX:,}"}) from None


def _our_check(checks: list[Any]) -> list[Any]:
    return [AmountValidator(MONEY_DIGITS, MONEY_PLACES) if type(v) is DecimalValidator else v for v in checks]


# ---- what a seller types -------------------------------------------------------------------------------
# One reader for an amount typed as text (the web forms, and a string sent to the API): thousands grouped by
# commas (of either width) or spaces, a decimal point, 万 / 亿 (and their compounds 十万, 百万, 千万, 万亿),
# w, k, M, and a currency sign or code before or after it (¥1,200,000, 120万元, USD 1.2M). A number it cannot
# read exactly (1,2 or 1.200,50: a decimal comma or a stray group) is refused, never read as another number.
AMOUNT_EXPECTED = _("Give an amount such as 1,200,000, 1 200 000, 120万 or 1.2亿.")
# One point before exactly three digits, after one to three (12.000, €1.200, 3.000 USD) is twelve in one convention
# and twelve thousand in another (Germany, France, Italy, Spain, Brazil… group thousands with a point): a tester's
# `12.000` in EUR was stored as 12. Refused, saying how to write either; certain (and read) when nothing else
# can be meant: 0.500, 1234.000, 1,200.000, or a unit after it (1.500万, 1.250M: no one groups before a unit).
AMBIGUOUS_POINT = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
AMOUNT_AMBIGUOUS = _(
    "“%(typed)s” can be read two ways, with the point between thousands or before decimals: write %(grouped)s "
    "(or %(plain)s) for the thousands, %(decimal)s for the decimals."
)
AMOUNT_AMBIGUOUS_THOUSANDS = _(
    "“%(typed)s” can be read two ways, with the point between thousands or before decimals: write %(grouped)s "
    "(or %(plain)s) for the thousands; an amount has at most 2 digits after the point."
)
AMOUNT_OTHER_CURRENCY = _(
    "%(amount)s is not in %(currency)s: give the amount in %(currency)s, or choose the currency it is in."
)
AMOUNT_NO_SIGN = _("Send the amount without a currency sign; the currency goes in `currency`.")
AMOUNT_HELP = _("As you write it: 1,200,000, 120万, 1.2亿 or ¥1,200,000.")
# signs and words that name a currency, as sellers write them (any ISO 4217 code is read too; ¥ is also the yen)
CURRENCY_SIGNS: dict[str, frozenset[str]] = {
    sign: frozenset(codes.split())
    for sign, codes in {
        "¥": "CNY JPY", "元": "CNY", "人民币": "CNY", "人民币元": "CNY", "块": "CNY", "RMB": "CNY",
        "$": "USD HKD SGD TWD AUD CAD NZD MOP", "US$": "USD", "HK$": "HKD", "NT$": "TWD", "S$": "SGD",
        "A$": "AUD", "C$": "CAD", "美元": "USD", "美金": "USD", "港元": "HKD", "港币": "HKD", "新台币": "TWD",
        "€": "EUR", "欧元": "EUR", "£": "GBP", "英镑": "GBP", "円": "JPY", "日元": "JPY", "₩": "KRW",
        "韩元": "KRW", "₹": "INR", "CHF": "CHF",
    }.items()
}  # fmt: skip
# the currency field's names (人民币 → CNY, 美元 → USD…): the signs above that name one currency only
CURRENCY_ALIASES = {sign: min(codes) for sign, codes in CURRENCY_SIGNS.items() if len(codes) == 1}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
# Latin units, read in any case: 万 as w; k, thousand; m, mm, mn, million (finance's and an English seller's
# "2.4m", "2.4 million": a sales director's trial was refused both); bn, billion. Never a bare "b" (a byte, a bit).
_LATIN_UNITS = {
    "w": 10**4,
    "k": 1000,
    "thousand": 1000,
    "m": 10**6,
    "mm": 10**6,
    "mn": 10**6,
    "million": 10**6,
    "millions": 10**6,
    "bn": 10**9,
    "billion": 10**9,
    "billions": 10**9,
}
_AMOUNT = re.compile(
    r"(?P<lead>-?)\s*(?P<before>[^\d.,\s+-]*?)\s*(?P<minus>-?)\s*"
    r"(?P<number>(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(?P<after>[^\d.,]*)"
)


def _sign(text: str) -> frozenset[str] | None:
    """The currencies `text` (a sign or code, stripped) may mean, or None when it names none."""
    if text in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[text]
    code = normalize_currency(text)
    return frozenset([code]) if _CURRENCY.fullmatch(code) and code in iso_currencies() else None


def _unit(text: str) -> int | None:
    """10**4 for 万 (or w), 10**7 for 千万, 1000 for k, 10**6 for M or million, 1 for nothing; None when `text` is
    no unit."""
    if text.casefold() in _LATIN_UNITS:
        return _LATIN_UNITS[text.casefold()]
    if all(ch in _CHINESE_UNITS for ch in text):
        factor = 1
        for ch in text:
            factor *= _CHINESE_UNITS[ch]
        return factor
    return None


def _after(text: str) -> tuple[int, str] | None:
    """What follows the number — a unit, a sign, or a unit then a sign (万元, M USD) — as (factor, sign)."""
    text = text.strip()
    if not text or _sign(text) is not None:
        return 1, text
    for cut in range(len(text), 0, -1):
        factor = _unit(text[:cut].strip())
        if factor is not None and (not text[cut:].strip() or _sign(text[cut:].strip()) is not None):
            return factor, text[cut:].strip()
    return None


def parse_amount(text: str) -> tuple[Decimal, frozenset[str]]:
    """An amount typed as text → (the exact amount, the currencies its sign may mean; empty: no sign).

    `1,200,000`, `1 200 000`, `1200000.00` → 1200000; `120万`, `120万元`, `120w` → 1200000; `1.2亿` →
    120000000; `¥1,200,000` → (1200000, {CNY, JPY}); `USD 1.2M`, `USD 1.2m`, `1.2 million USD` → (1200000, {USD});
    `3bn` → 3000000000; full-width digits and
    commas read as their ASCII. A minus sign is kept (the model refuses a negative amount, naming the field).
    Raises ValidationError (AMOUNT_EXPECTED, code "amount") for anything it cannot read exactly: `1,2`,
    `1.200,50`, `1200万美元万`, `about 1M`, an empty text; and (AMOUNT_AMBIGUOUS, code "amount_ambiguous") for a
    point that may group thousands (`AMBIGUOUS_POINT`): `12.000`, `€1.200`, `3.000 USD`."""
    norm = unicodedata.normalize("NFKC", text).strip()
    m = _AMOUNT.fullmatch(norm)
    after = _after(m["after"]) if m else None
    before = m["before"].strip() if m else ""
    signs = [s for s in (before, after[1] if after else "") if s]
    known = [_sign(s) for s in signs]
    # 人民币120万元: two words for one currency are one sign; ¥120 USD names two
    currencies = frozenset.intersection(*known) if known and None not in known else frozenset()
    if m is None or after is None or None in known or (known and not currencies):
        raise ValidationError(AMOUNT_EXPECTED, code="amount")
    if after[0] == 1 and AMBIGUOUS_POINT.fullmatch(m["number"]):
        raise _ambiguous(text.strip(), m["number"])
    number = Decimal(m["number"].replace(",", "").replace(" ", "")) * after[0]
    if m["lead"] or m["minus"]:
        number = -number
    # exact, with no trailing zeros after the point: 1.2000亿 is 120000000, not 120000000.0000
    number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    return number, currencies


def _ambiguous(typed: str, number: str) -> ValidationError:
    """The error for `12.000`: how to write twelve thousand (12,000 or 12000) and, when an amount can hold it,
    twelve (12)."""
    thousands = int(number.replace(".", ""))
    decimal = Decimal(number).normalize()
    params = {"typed": typed, "grouped": f"{thousands:,}", "plain": str(thousands), "decimal": f"{decimal:f}"}
    fits = -decimal.as_tuple().exponent <= MONEY_PLACES  # type: ignore[operator]
    return ValidationError(
        AMOUNT_AMBIGUOUS if fits else AMOUNT_AMBIGUOUS_THOUSANDS, code="amount_ambiguous", params=params
    )


def read_amount(value: Any, *, currency: str | None = None, signs: bool = True) -> Any:
    """The one rule of an amount typed or sent as text: `parse_amount`'s exact amount, its sign checked.

    `value` that is not text (a number, None) is returned as it is, for the field's own checks; "" is None.
    `currency` given: a sign naming another currency is refused (ValidationError, AMOUNT_OTHER_CURRENCY,
    code "currency_sign"); `signs=False` (the API, where the currency has its own field): any sign is
    refused (AMOUNT_NO_SIGN). Unreadable text: ValidationError AMOUNT_EXPECTED."""
    if not isinstance(value, str):
        return value
    if not value.strip():
        return None
    number, currencies = parse_amount(value)
    if currencies and not signs:
        raise ValidationError(AMOUNT_NO_SIGN, code="currency_sign")
    if currencies and currency and normalize_currency(currency) not in currencies:
        raise ValidationError(
            AMOUNT_OTHER_CURRENCY,
            code="currency_sign",
            params={"amount": value.strip(), "currency": normalize_currency(currency)},
        )
    return number


class AmountInput(forms.TextInput):
    """A text box (not `type=number`, which drops 万 and commas without a word, nor a phone's number pad,
    which has no 万): the stored amount shows grouped as every page shows it (1,200,000)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int | float):
            return grouped(value)
        return super().format_value(value)


class AmountFormMixin:
    """A form holding an amount and a `currency` field: an amount's sign must name the form's currency
    (¥ for CNY, $ for USD…); otherwise the error is put on the amount's field."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # type: ignore[misc]
        currency = cleaned.get("currency")
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if isinstance(field, AmountFormField) and cleaned.get(name) is not None and currency:
                try:
                    read_amount(self[name].data, currency=currency)  # type: ignore[index]
                except ValidationError as error:
                    self.add_error(name, error)  # type: ignore[attr-defined]
        return cleaned


class AmountFormField(forms.DecimalField):
    """The web forms' amount, typed as the seller writes it (`read_amount`: 1,200,000, 120万, 1.2亿, ¥…)
    in a text box showing the stored amount grouped; the model's check and message, so the error shows
    beside the field at once. A sign's currency is checked by the form (AmountFormMixin)."""

    widget = AmountInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["help_text"] = (
            kwargs.get("help_text") or AMOUNT_HELP
        )  # a model field gives "" when it has none
        super().__init__(*args, **kwargs)
        self.validators = _our_check(self.validators)

    def to_python(self, value: Any) -> Decimal | None:
        return super().to_python(read_amount(value))


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
    """`usd`, ` Usd `, `ＵＳＤ` → `USD`; a name or sign of one currency (CURRENCY_ALIASES) → its code: `rmb`,
    `人民币`, `元` → `CNY`, `美元` → `USD`, `港币` → `HKD`; anything else is left for the check to refuse."""
    if not isinstance(value, str):
        return value
    code = unicodedata.normalize("NFKC", value).strip().upper()
    return CURRENCY_ALIASES.get(code, code)


def currency_names() -> str:
    """The names the currency field takes, by code, for CURRENCY_EXPECTED, listed as the reader's language
    lists (`punctuation.list_separator`): `元/人民币/…/RMB → CNY、美元/美金/US$ → USD、…` / `… → CNY, … → USD`."""
    by_code: dict[str, list[str]] = {}
    for name, code in CURRENCY_ALIASES.items():
        if name != code:
            by_code.setdefault(code, []).append(name)
    # words before signs: 港元/港币/HK$
    return list_separator(get_language() or "").join(
        f"{'/'.join(sorted(names, key=lambda n: not n.isalpha()))} → {code}"
        for code, names in by_code.items()
    )


@cache
def iso_currencies() -> frozenset[str]:
    """The ISO 4217 codes in use (pycountry's copy of the standard's list): CNY, USD, EUR, XAU, XXX…"""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def validate_currency(value: Any) -> None:
    """Refuse (ValidationError, CURRENCY_EXPECTED listing `currency_names`) anything but an ISO 4217 code
    (after normalising)."""
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value) or value not in iso_currencies():
        raise ValidationError(CURRENCY_EXPECTED, code="currency", params={"names": currency_names()})


class CurrencyFormField(forms.CharField):
    """The web forms' currency: normalised and checked as the model does, so the error shows at once; no
    `maxlength` on the box, so 人民币元 (four characters, CNY) can be typed."""

    default_validators = [validate_currency]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {k: v for k, v in super().widget_attrs(widget).items() if k != "maxlength"}

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


AMOUNT_SAVED = _("%(field)s saved as %(amount)s.")


def amount_saved(form: forms.Form, name: str, amount: Decimal | None, currency: str) -> str | None:
    """What a page says after saving an amount the seller typed or changed (field `name` of `form`), as
    every page shows it — "Amount saved as 12,000,000 CNY." — so 1200万 is seen to be 12,000,000; None when
    the amount is empty or was left as it was."""
    if amount is None or name not in form.changed_data:
        return None
    label = str(form.fields[name].label or name)
    return str(AMOUNT_SAVED) % {
        "field": label[:1].upper() + label[1:],
        "amount": f"{grouped(amount)} {currency}",
    }
