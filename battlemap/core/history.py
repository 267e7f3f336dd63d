"""Reading history: who changed what, when — field by field, from django-simple-history. The history panels,
the account's timeline and a stale edit's refusal (`changed_since`: what changed after the version a form was
opened on) all say a change this one way. Core: every app stands on it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import DecimalField, Model, OuterRef, Subquery
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from battlemap.core.choices import (
    CHANNEL_CHOICES,
    DECISION_FACTOR_CHOICES,
    ROLE_CHOICES,
    STAGE_CHOICES,
    label,
)
from battlemap.core.dates import moment_text
from battlemap.core.history_stamp import LATEST_FIRST, written_before
from battlemap.core.multilingual import active_language
from battlemap.core.reasons import reason_text
from battlemap.core.templatetags.numbers import grouped
from battlemap.core.text import user_name
from battlemap.punctuation import clauses, join_names, labelled
from battlemap.vocab import ATTITUDE_VALUES

# an edit a stale form did not show, as its refusal says it (core.services.StaleEdit)
CHANGED_MEANWHILE = gettext_lazy("%(who)s changed %(changes)s at %(when)s.")
SAVED_MEANWHILE = gettext_lazy("%(who)s saved it at %(when)s.")
ADDED_MEANWHILE = gettext_lazy("%(who)s added it at %(when)s.")

HIDDEN_FIELDS = {"version", "updated_at", "created_at", "name_key"}
LIMIT = 60
EDIT_KINDS = {"+": "created", "~": "changed", "-": "deleted"}  # django-simple-history's history_type


def previous_records(records: Iterable) -> dict[tuple[type, int], Any]:
    """(historical model, history id) -> the record of the same object before each of `records` in `LATEST_FIRST`'s
    order (`core.history_stamp.written_before`: of two rows at one moment — an import that creates then renames, a
    map load — the one written first is before), absent for an object's first. simple-history's `prev_record` looks
    only strictly earlier, so a rename at its creation's moment had no "before". Two queries per model among them.
    The one reading of "the record before" (the changes feed, the timeline, restores, undos)."""
    by_model: dict[type, list[int]] = defaultdict(list)
    for record in records:
        by_model[type(record)].append(record.history_id)
    found: dict[tuple[type, int], Any] = {}
    for model, ids in by_model.items():
        rows = model._default_manager
        earlier = (
            rows.filter(written_before(), id=OuterRef("id")).order_by(*LATEST_FIRST).values("history_id")
        )
        pairs = dict(
            rows.filter(history_id__in=ids)
            .annotate(previous=Subquery(earlier[:1]))
            .values_list("history_id", "previous")
        )
        previous = rows.in_bulk([p for p in pairs.values() if p is not None])
        found.update({(model, h): previous[p] for h, p in pairs.items() if p is not None})
    return found


def previous_record(record) -> Any:
    """The record of the same object before `record` (`previous_records`), None for its first."""
    return previous_records([record]).get((type(record), record.history_id))


def edit_kind(record) -> str:
    """What a history record did: "created", "changed", "deleted", or — for a model that is deleted softly (an
    account: `deleted_at`, accounts.services.account_delete) — "deleted" when the edit set `deleted_at` and
    "restored" when it cleared it (a fresh reviewer read both as "Changed"). The one reading of the history
    panels, the account's timeline and the changes feed (maps.history.map_edits_since)."""
    kind = EDIT_KINDS.get(record.history_type, "")
    if kind == "changed" and hasattr(record, "deleted_at"):
        previous = previous_record(record)
        if previous is not None and (previous.deleted_at is None) != (record.deleted_at is None):
            return "restored" if record.deleted_at is None else "deleted"
    return kind


def kind_label(kind: str) -> str:
    """An edit_kind in words, capitalised for a timeline line: "Created", "Restored"."""
    labels = {
        "created": pgettext("timeline", "Created"),
        "changed": pgettext("timeline", "Changed"),
        "deleted": pgettext("timeline", "Deleted"),
        "restored": pgettext("timeline", "Restored"),
    }
    return labels.get(kind, "")


@dataclass
class Change:
    field: str  # the field's label (its verbose name)
    old: str
    new: str
    direction: str = ""  # "better" / "worse": an attitude or relationship moved up or down its scale
    code: str = ""  # the field's name (the API's)


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    kind: str  # created / changed / deleted / restored (edit_kind)
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    phrase: str = ""  # what happened in words, instead of "<verb> <what>" (a stage move)
    username: str = ""  # who, as the API names users ("" for no recorded author)


def display_value(model: type[Model], name: str, value, related: dict | None = None) -> str:
    """A field's value as a user reads it in history: labels in the active language for codes, amounts
    grouped by thousands, names for related rows, lists joined; "—" for empty. `related`: a dict kept
    by the caller over many values, so each related row is read once."""
    if value in (None, "", [], {}):
        return "—"
    f = model._meta.get_field(name)
    lang = active_language()
    if name == "roles" and isinstance(value, list):
        return join_names(lang, [label(ROLE_CHOICES, v) for v in value])
    if name == "decision_factors" and isinstance(value, dict):
        return join_names(
            lang, [f"{label(DECISION_FACTOR_CHOICES, k)} {grouped(v)}" for k, v in value.items()]
        )
    if name == "channels" and isinstance(value, dict):
        return clauses(
            lang,
            (
                labelled(
                    lang, label(STAGE_CHOICES, k), join_names(lang, [label(CHANNEL_CHOICES, c) for c in v])
                )
                for k, v in value.items()
            ),
        )
    if f.choices:
        return label(f.choices, value)
    if isinstance(f, DecimalField):
        return grouped(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return join_names(lang, [str(v) for v in value])
    if f.is_relation:
        # a user as every page names them (user_name: "Demo Rep", not the login "demo"), any other row as itself
        shown = user_name if f.related_model is get_user_model() else str
        if isinstance(value, Model):
            return shown(value)
        key = (f.related_model, value)
        if related is None or key not in related:
            obj = f.related_model._default_manager.filter(pk=value).first()
            found = shown(obj) if obj is not None else f"#{value}"
            if related is None:
                return found
            related[key] = found
        return related[key]
    return str(value)


def _direction(name: str, old, new) -> str:
    """ "better" or "worse" when an attitude (advocate … opponent; unknown is off the scale) or a
    relationship strength (0 … 4) moved up or down; "" for any other change."""
    if name == "attitude":
        old, new = ATTITUDE_VALUES.get(old), ATTITUDE_VALUES.get(new)
    elif name != "relationship":
        return ""
    if not isinstance(old, int) or not isinstance(new, int) or old == new:
        return ""
    return "better" if new > old else "worse"


def verbose_name(model: type[Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since
        return name


def reason_label(raw: str | None) -> str:
    """A history record's reason as its reader sees it: a merge said in words, a reason the app wrote
    (core.reasons) in the reader's language, a typed note as it is."""
    raw = raw or ""
    if raw.startswith("merged:into"):
        return _("merged into another record of the same person")
    if raw.startswith("merged:"):
        return _("another record of the same person was merged into this one")
    return reason_text(raw)  # a reason the app wrote, in the reader's language; a typed note as it is


def history_entries(
    records: Iterable,
    describe: Callable[[object], str],
    phrase: Callable[[object], str] | None = None,
    *,
    every_save: bool = False,
) -> list[HistoryEntry]:
    """Entries for the given historical records (any models), newest first, each diffed against the one
    before. `phrase(record)` may say what happened in words ("" for the usual "<verb> <what>"). A save that
    changed no field shown and gives no reason is left out, unless `every_save` (a stale edit's refusal: a save
    that changed only a list of the record, its members or participants, kept in rows of their own)."""
    by_object: dict[tuple, list] = defaultdict(list)
    for rec in records:
        by_object[(rec.instance_type, rec.id)].append(rec)
    entries: list[tuple[tuple, HistoryEntry]] = []  # (the record's place in LATEST_FIRST's order, its entry)
    related: dict = {}  # names of related rows, each read once
    for (model, _pk), recs in by_object.items():
        recs.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for rec in recs:
            changes = []
            if previous is not None and rec.history_type == "~":
                delta = rec.diff_against(previous)
                changes = [
                    Change(
                        verbose_name(model, c.field),
                        display_value(model, c.field, c.old, related),
                        display_value(model, c.field, c.new, related),
                        _direction(c.field, c.old, c.new),
                        c.field,
                    )
                    for c in delta.changes
                    if c.field not in HIDDEN_FIELDS
                ]
            previous = rec
            reason = reason_label(rec.history_change_reason)
            if rec.history_type == "~" and not changes and not reason and not every_save:
                continue  # a save that changed nothing visible
            who = user_name(rec.history_user) if rec.history_user_id else _("system")
            entry = HistoryEntry(
                rec.history_date,
                who,
                describe(rec),
                edit_kind(rec),
                reason,
                changes,
                phrase(rec) if phrase else "",
                rec.history_user.get_username() if rec.history_user_id else "",
            )
            entries.append(((rec.history_date, rec.history_id), entry))
    # newest first, two edits of a record at one moment (created and renamed by an import) the later written above
    # (LATEST_FIRST): "created" had shown above the rename it was before
    entries.sort(key=lambda pair: pair[0], reverse=True)
    return [entry for _place, entry in entries[:LIMIT]]


VALUE_CHARS = 60  # a long text (a close reason, a portrait note) is cut to this many characters


def change_text(label: str, old: str, new: str) -> str:
    """'amount: 100,000 → 150,000': a field's label and its old and new values as shown (display_value), long
    texts cut at VALUE_CHARS, punctuated in the reader's language."""
    old, new = (Truncator(value).chars(VALUE_CHARS) for value in (old, new))
    return labelled(active_language(), label, f"{old} → {new}")


def changed_since(instance: Model, seen: int) -> list[HistoryEntry]:
    """The edits of `instance` after its version `seen` (what a form opened then did not show), oldest first:
    who, when and each field old → new, as the history panels say them (a save that changed only a list of the
    record has no field: said as "saved it", SAVED_MEANWHILE). `seen` 0 — the editor saw no record (a competitor's
    note, a body's part in a deal: set by a "version 0" create-or-update) — gives the record's whole history from its
    creation (ADDED_MEANWHILE): a stale PUT of a competitor note had answered `"changed": []` and no sentence.
    [] when there is nothing to tell (a model without history)."""
    history = getattr(instance, "history", None)
    if history is None or seen < 0 or instance.pk is None:
        return []
    if seen == 0:
        records = list(history.exclude(history_type="-").select_related("history_user"))
        return list(reversed(history_entries(records, lambda r: "", every_save=True)))
    records = list(history.filter(version__gte=seen).exclude(history_type="-").select_related("history_user"))
    base = min(records, key=lambda r: (r.history_date, r.history_id), default=None)
    if base is None or base.version != seen:
        return []
    entries = history_entries(records, lambda r: "", every_save=True)  # a list's change: "bob saved it at…"
    return [e for e in reversed(entries) if e.when > base.history_date]


def meanwhile_text(entry: HistoryEntry) -> str:
    """'bob changed title: 采购经理 → CIO at 2026-12-04 15:52.': one edit of `changed_since` in words."""
    values = {"who": entry.who, "when": moment_text(entry.when)}
    if entry.kind == "created":
        return str(ADDED_MEANWHILE) % values
    if not entry.changes:
        return str(SAVED_MEANWHILE) % values
    changes = join_names(active_language(), [change_text(c.field, c.old, c.new) for c in entry.changes])
    return str(CHANGED_MEANWHILE) % {**values, "changes": changes}
