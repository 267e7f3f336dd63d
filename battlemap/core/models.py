from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from battlemap.core.text import name_key
from battlemap.core.text_fields import check_multi_line_length, clean_text_fields, most_chars

UNIQUE_TAKEN = _("Another %(model_name)s already has this %(field_label)s.")


class MapHistory(HistoricalRecords):
    """simple-history's records; the history of a model that says `history_by_account = True` is indexed by
    (account, time, history id): the changes feed (maps.history.map_edits_since) reads a page of it, newest first,
    straight from that index instead of sorting the account's whole history for every page."""

    def get_meta_options(self, model):  # noqa: ANN001, ANN201
        options = super().get_meta_options(model)
        if getattr(model, "history_by_account", False):
            newest = models.Index(
                fields=["account", "history_date", "history_id"],
                name=f"h_{model._meta.model_name[:18]}_account",
            )
            options["indexes"] = (*options.get("indexes", ()), newest)
        return options


class Versioned(models.Model):
    """Base of every map model: timestamps, an edit counter that refuses stale edits, and full history."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = MapHistory(inherit=True)

    class Meta:
        abstract = True

    def unique_error_message(self, model_class, unique_check):
        """The message for a value another row holds (a unique field or constraint), in words a user
        reads in either language: "Another account already has this slug." (Django's own reads
        "具有 标识 的 客户 已存在。" in Chinese). A `name_key` column is named as the name it keys."""
        opts = model_class._meta
        labels = [str(opts.get_field("name" if n == "name_key" else n).verbose_name) for n in unique_check]
        params = {"model_name": opts.verbose_name, "field_label": get_text_list(labels, _("and"))}
        code = "unique" if len(unique_check) == 1 else "unique_together"
        return ValidationError(UNIQUE_TAKEN, code=code, params=params)

    def clean_fields(self, exclude=None):
        """Django's checks, and no multi-line text longer than its limit (`text_limit`): a TextField
        has none of its own, and the web form and the API read this one."""
        errors: dict[str, list] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.message_dict
        for f in self._meta.concrete_fields:
            if f.name in (exclude or ()):
                continue
            try:
                check_multi_line_length(f, getattr(self, f.attname, None))
            except ValidationError as error:
                errors.setdefault(f.name, []).extend(error.messages)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        clean_text_fields(self)  # no control characters in any text (core.services)
        if self.pk is not None and not kwargs.get("force_insert"):
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)


class Named:
    """A model shown by its `name` (a mixin before the model base: `class Deal(Named, Versioned)`)."""

    def __str__(self) -> str:
        return self.name  # type: ignore[attr-defined]


class KeyedByName(Named):
    """A named model that keeps `name_key` (core.text.name_key: lower case, pinyin, no spaces) for
    search and sorting in step with `name` on every save."""

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        self.name_key = name_key(self.name)  # type: ignore[attr-defined]
        super().save(*args, **kwargs)  # type: ignore[misc]


def text_limit(model: type[models.Model], name: str) -> int:
    """The most characters field `name` of `model` keeps: its max_length, else TEXT_MAX for a
    multi-line text. The one limit the model checks (Versioned.clean_fields), its web form's
    `max_length` and its API schema's `text(…)`."""
    return most_chars(model._meta.get_field(name)) or 0


# A list of names past its rule: the model's refusal and the map import's (io.mapformat.limits), in the same words
LIST_ITEM_TOO_LONG = _("%(where)s: %(value)s is longer than %(limit)s characters, the most allowed.")
LIST_TOO_LONG = _("%(where)s: more than %(limit)s items, the most allowed.")


def text_list_problem(items: list, *, longest: int, most: int) -> tuple[Any, dict[str, Any]] | None:
    """What breaks the rule of a list of names of at most `most` items of at most `longest` characters each:
    (LIST_TOO_LONG or LIST_ITEM_TOO_LONG, its params but `where`, the place the caller names), the first item too
    long quoted by its first 39 characters and "…"; None when `items` keeps the rule. Items that are no text are
    the caller's to refuse."""
    if len(items) > most:
        return LIST_TOO_LONG, {"limit": most}
    for item in items:
        if isinstance(item, str) and len(item) > longest:
            shown = item if len(item) <= 40 else item[:39] + "…"
            return LIST_ITEM_TOO_LONG, {"value": f"“{shown}”", "limit": longest}
    return None


def check_text_list(
    model: type[models.Model], name: str, items: list[str], *, longest: int, most: int
) -> None:
    """ValidationError naming field `name` of `model` (its message names the field by its label and quotes the
    item) when `items` breaks the rule of `text_list_problem`. The one rule of a model's list of names kept in a
    JSONField (an account's segment tags and other names, a deal's competitors): its model runs it in `clean`, so
    the web forms, the CLI and every service write refuse what its API schema refuses (`list[text(longest)]` of at
    most `most` items: the same constants), and the map import reads that schema's numbers
    (io.mapformat.limits.check_lists)."""
    problem = text_list_problem(items, longest=longest, most=most)
    if problem is not None:
        message, params = problem
        params["where"] = capfirst(model._meta.get_field(name).verbose_name)
        raise ValidationError({name: ValidationError(message, code="limit", params=params)})


def name_key_field() -> models.CharField:
    """The `name_key` column a `KeyedByName` model keeps (not edited by hand)."""
    return models.CharField(max_length=255, blank=True, editable=False, db_index=True)


# Relation fields the map models share; each returns a plain ForeignKey (the migrations see no helper).


def part_of(to: Any, related_name: str | None = None, verbose_name: Any = None) -> models.ForeignKey:
    """The object this one belongs to: required, and deleting it deletes this one (CASCADE)."""
    return models.ForeignKey(
        to, on_delete=models.CASCADE, related_name=related_name, verbose_name=verbose_name
    )


def account_of(related_name: str) -> models.ForeignKey:
    """The account a map object belongs to (`account.<related_name>`); deleted with it."""
    return part_of("accounts.Account", related_name, _("account"))


def optional(to: Any, related_name: str | None = None, verbose_name: Any = None) -> models.ForeignKey:
    """A relation that may be empty, and is emptied when its object is deleted (SET_NULL)."""
    return models.ForeignKey(
        to,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )
