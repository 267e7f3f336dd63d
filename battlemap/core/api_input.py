"""Reading what an API client sent: the JSON body's parser (bounded), pydantic's errors as the one error
shape's `{field, message}` in the reader's language, and the refusal of parts nobody reads (an unknown query
parameter or multipart field is a 422 naming it, as an unknown JSON field is)."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext_lazy
from ninja.parser import Parser

from battlemap import vocab
from battlemap.core.api import MAX_BODY_FIELDS, MAX_ERRORS
from battlemap.core.multilingual import active_language
from battlemap.core.schemas import NO_NUL, QUARTER, lang_value


class BodyTooWide(ValueError):
    """A JSON body with more than MAX_BODY_FIELDS fields (ninja answers a parse error as a 400 caused by it)."""


class BoundedJSON(Parser):
    """The API's JSON parser: refuses a body holding more than MAX_BODY_FIELDS fields while parsing it."""

    def parse_body(self, request: HttpRequest) -> Any:
        fields = 0

        def counted(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            nonlocal fields
            fields += len(pairs) + 1
            if fields > MAX_BODY_FIELDS:
                raise BodyTooWide(MAX_BODY_FIELDS)
            return dict(pairs)

        return json.loads(request.body, object_pairs_hook=counted)


def ninja_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic errors (loc like ('body', 'payload', 'people', 2, 'name')) as [{field, message}]: the first
    MAX_ERRORS of them (error_body counts the rest)."""
    out = []
    for error in errors[:MAX_ERRORS]:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[2:]  # drop 'body' and the parameter name
        elif loc and loc[0] in {"query", "path", "header", "cookie", "form", "file"}:
            loc = loc[1:]
        loc = [part for part in loc if part != "[key]"]  # a bad dict key: name the key itself
        out.append({"field": ".".join(loc) or "body", "message": pydantic_message(error)})
    return out


def refuse_unknown_form_fields(request, form: type, files: tuple[str, ...]) -> None:
    """A multipart upload's fields are `form`'s (a Schema) and the file parts `files`: any other part is refused
    naming it (ValidationError: a 422), as a JSON body's unknown field is (`schemas.InSchema`) — django-ninja
    reads only the fields it knows, so `dry-run=false` would have run a dry run and answered 200. (The query
    string: `refuse_unknown_query_parameters`.)"""
    known = {*form.model_fields, *files}
    unknown = sorted({*request.POST, *request.FILES} - known)
    if unknown:
        raise DjangoValidationError({name: _PYDANTIC_MESSAGES["extra_forbidden"] for name in unknown})


def _query_parameters(operation) -> frozenset[str]:
    """The query parameters a django-ninja operation reads: the names of its query models' fields, flattened as
    ninja flattens a Schema given as `Query[...]` (its `__ninja_flatten_map__`), aliases as sent."""
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) != "query":
            continue
        flat = getattr(model, "__ninja_flatten_map__", None)
        names |= set(flat) if flat else {f.alias or n for n, f in model.model_fields.items()}
    return frozenset(names)


def refuse_unknown_query_parameters(api) -> None:
    """Every operation of `api` refuses a query parameter it does not read, naming it (a 422 after the access
    check, as a JSON body's unknown field is): django-ninja reads only those it knows, so
    `DELETE /api/people/52?versoin=1` deleted the person whatever their version and `GET /api/deals?staus=won`
    listed every deal (an integrator's trial). Call it once every router is added."""
    seen: set[int] = set()
    routers = [entry[1] for entry in api._routers]
    while routers:  # every router, the ones mounted on another too (the account's map and analysis routes)
        router = routers.pop()
        if id(router) in seen:
            continue
        seen.add(id(router))
        routers += [entry[1] for entry in getattr(router, "_routers", ())]
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                operation.view_func = _refusing(operation.view_func, _query_parameters(operation))


def _refusing(view_func, known: frozenset[str]):
    @functools.wraps(view_func)
    def checked(request, *args, **kwargs):
        # `?lang=` is every route's: the language of its answer, errors too (users.auth activates it); a route
        # whose answer has no words checks it here, as a route's `Lang` does
        unknown = sorted(set(request.GET) - known - {"lang"})
        errors = {name: _PYDANTIC_MESSAGES["extra_forbidden"] for name in unknown}
        if "lang" in request.GET and "lang" not in known:
            try:
                lang_value(request.GET["lang"])
            except ValueError as exc:
                errors["lang"] = str(exc)
        if errors:
            raise DjangoValidationError(errors)
        return view_func(request, *args, **kwargs)

    return checked


# Pydantic's messages are English only: its common error types, said in the viewer's language.
_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("Unknown field: this request does not take it."),
    "string_type": gettext_lazy("Enter text."),
    # a JSON string pydantic cannot read as text: a lone half of a UTF-16 pair ("\ud800")
    "string_unicode": gettext_lazy("Enter text: this holds a broken character that cannot be read."),
    # the count's word follows the count: ngettext_lazy with the name of the number in the context
    "string_too_short": ngettext_lazy(
        "Ensure this value has at least %(min_length)s character.",
        "Ensure this value has at least %(min_length)s characters.",
        "min_length",
    ),
    "string_too_long": ngettext_lazy(
        "Ensure this value has at most %(max_length)s character.",
        "Ensure this value has at most %(max_length)s characters.",
        "max_length",
    ),
    "string_pattern_mismatch": gettext_lazy("Enter a valid value."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "float_type": gettext_lazy("Enter a number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "finite_number": gettext_lazy("Enter a finite number."),
    "decimal_max_digits": gettext_lazy("Ensure that there are no more than %(max_digits)s digits in total."),
    "decimal_max_places": gettext_lazy(
        "Ensure that there are no more than %(decimal_places)s decimal places."
    ),
    "decimal_whole_digits": gettext_lazy("Too many digits before the decimal point."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "greater_than": gettext_lazy("Ensure this value is greater than %(gt)s."),
    "greater_than_equal": gettext_lazy("Ensure this value is greater than or equal to %(ge)s."),
    "less_than": gettext_lazy("Ensure this value is less than %(lt)s."),
    "less_than_equal": gettext_lazy("Ensure this value is less than or equal to %(le)s."),
    "date_type": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_parsing": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_from_datetime_parsing": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_from_datetime_inexact": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "datetime_type": gettext_lazy("Enter a valid date and time (ISO 8601)."),
    "datetime_parsing": gettext_lazy("Enter a valid date and time (ISO 8601)."),
    "datetime_from_date_parsing": gettext_lazy("Enter a valid date and time (ISO 8601)."),
    "too_short": ngettext_lazy(
        "Give at least %(min_length)s item.", "Give at least %(min_length)s items.", "min_length"
    ),
    "too_long": ngettext_lazy(
        "Give at most %(max_length)s item.", "Give at most %(max_length)s items.", "max_length"
    ),
    "list_type": gettext_lazy("Enter a list."),
    "dict_type": gettext_lazy("Enter an object."),
    "model_type": gettext_lazy("Enter an object."),
    "model_attributes_type": gettext_lazy("Enter an object."),
    "literal_error": gettext_lazy("Select one of: %(expected)s."),
    "enum": gettext_lazy("Select one of: %(expected)s."),
    "json_invalid": gettext_lazy("The body is not valid JSON."),
}


# A pattern's own message, saying what the value must be, where pydantic's (and "Enter a valid value.") do not.
_PATTERN_MESSAGES = {
    NO_NUL: gettext_lazy("Text cannot hold control characters such as NUL: remove them."),
    QUARTER: gettext_lazy("Enter a quarter as YYYY-Qn, e.g. 2027-Q1."),
}


_EXPECTED = re.compile(r"'([^']*)'|\"([^\"]*)\"|(-?\d+)")


def allowed_choices(expected: str) -> str:
    """pydantic's list of allowed values (`'advocate', 'supporter' or 'unknown'`, in English) said in the
    active language, for every choice field of the API: each code of a vocabulary by its label with the
    code (the API's value) beside it (`强烈支持（advocate）、支持（supporter）…`), other codes as they are;
    the empty choice of a field that may be left empty is no value to list."""
    found = (
        int(number) if number else single or double for single, double, number in _EXPECTED.findall(expected)
    )
    codes = tuple(code for code in found if code != "")
    if not codes:
        return expected
    language = active_language()
    vocabulary = vocab.vocabulary_of(codes)
    if vocabulary is not None:
        return vocabulary.listing(language, codes)
    return ("、" if language.startswith("zh") else ", ").join(map(str, codes))


def pydantic_message(error: dict[str, Any]) -> str:
    """One pydantic error's message in the active language; an unknown type keeps pydantic's words."""
    ctx = error.get("ctx") or {}
    if error.get("type") == "value_error" and ctx.get("error") is not None:
        return str(ctx["error"])  # our own validators raise translated messages
    if error.get("type") in ("literal_error", "enum") and isinstance(ctx.get("expected"), str):
        ctx = {**ctx, "expected": allowed_choices(ctx["expected"])}
    message = _PYDANTIC_MESSAGES.get(error.get("type", ""))
    if error.get("type") == "string_pattern_mismatch":
        message = _PATTERN_MESSAGES.get(ctx.get("pattern"), message)
    if message is None:
        return str(error.get("msg", ""))
    try:
        return message % {key: value if isinstance(value, int) else str(value) for key, value in ctx.items()}
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))
