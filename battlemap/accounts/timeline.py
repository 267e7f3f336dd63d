"""The account's timeline: interactions, stage changes and edits from history, newest first, in words
(the account page's "Timeline" tab). Callers pass an account already reached through `core.access`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.core.dates import in_range
from battlemap.core.history import (
    HIDDEN_FIELDS,
    VALUE_CHARS,
    change_text,
    display_value,
    edit_kind,
    kind_label,
    previous_records,
    reason_label,
    verbose_name,
)
from battlemap.core.history_stamp import LATEST_FIRST, Place, after_place, before_moment
from battlemap.core.multilingual import active_language
from battlemap.core.text import user_name
from battlemap.deals.models import Deal, StageChange
from battlemap.interactions.models import Interaction
from battlemap.maps import account_histories
from battlemap.maps.history import edit_cursor, edit_place
from battlemap.maps.namesakes import namesake_notes, shown_name
from battlemap.people.models import Person
from battlemap.process.models import DecisionBody, ProcessStep
from battlemap.punctuation import join_names, labelled


@dataclass
class TimelineEntry:
    when: datetime
    kind: str  # interaction / stage / edit
    title: str
    detail: str = ""
    who: str = ""
    interaction: Interaction | None = None  # an interaction's entry shows its outcome and next step
    place: Place | None = None  # where it stands in the timeline's order (the page's cursor)


@dataclass
class TimelinePage:
    entries: list[TimelineEntry]
    older: str = ""  # the cursor of the page of older entries ("" on the last page): `?before=`


TIMELINE_PAGE = 200  # entries a page of the timeline shows; "Older entries" shows the ones before them


def timeline_start(before: str, account: Account) -> Place | None:
    """Where a page of `?before=` starts: after the place of an "Older entries" cursor (`maps.history.edit_cursor`),
    or before the moment an ISO time names (the links of earlier releases); None — the newest page — for anything
    else (a link cut short, a time outside the years of the rule: 0001-01-01T00:00 overflowed turned into UTC)."""
    try:
        moment = parse_datetime(before[:40])
    except ValueError:  # well formed but no time: 2026-13-45T10:00
        return None
    if moment is not None and not in_range(moment):
        return None
    if moment is not None:
        return before_moment(moment if timezone.is_aware(moment) else timezone.make_aware(moment))
    try:
        return edit_place(before, _names(account), field="before") if before else None
    except ValidationError:
        return None


def _names(account: Account) -> list[str]:
    """The tables of the timeline's order (`Place.table`): `account_histories`', an interaction's entry in
    "interaction"'s place and a stage move's in "stage_change"'s (their own edits are not told: no id is shared)."""
    return [name for name, _qs in account_histories(account)]


def timeline(account: Account, *, limit: int = TIMELINE_PAGE, after: Place | None = None) -> TimelinePage:
    """Interactions, stage changes and edits (from history), newest first (`core.history_stamp.Place`'s order: by
    moment, then the table, then the id): the `limit` newest, or the `limit` after the place `after` (the page of
    older entries: a team's trial found everything before one 6,000-row import out of reach; an older page that
    started strictly before the last time shown skipped the rest of an import's rows at that moment)."""
    entries: list[TimelineEntry] = []
    lang = active_language()
    names = _names(account)
    # namesakes told apart as the analysis' sentences tell them (maps.namesakes), deleted people included
    notes = namesake_notes(account=account, removed=True)
    meetings = Interaction.objects.filter(account=account).order_by("-occurred_at", "-id")
    table = names.index("interaction")
    if after is not None:
        meetings = meetings.filter(after_place(after, table, date="occurred_at", key="id"))
    for i in meetings.prefetch_related("participants__person")[: limit + 1]:
        names_of = join_names(
            lang, (shown_name(p.person.name, notes.get(p.person_id), lang) for p in i.participants.all())
        )
        place = Place(i.occurred_at, table, i.id)
        entries.append(
            TimelineEntry(i.occurred_at, "interaction", i.get_kind_display(), i.summary, names_of, i, place)
        )
    tz = timezone.get_current_timezone()
    changes = list(
        StageChange.objects.filter(deal__account=account)
        .select_related("deal", "by")
        .order_by("deal_id", "changed_on", "id")
    )
    # when each move was recorded (its history's creation): the move's time of day when recorded on the
    # day it names; a move dated to another day (entered late) sits at the start of that day
    recorded = dict(
        StageChange.history.filter(id__in=[c.id for c in changes], history_type="+").values_list(
            "id", "history_date"
        )
    )
    # the stage each deal was created at: its first stage change at that stage is its opening, not a move
    created_at = dict(Deal.history.filter(account_id=account.id, history_type="+").values_list("id", "stage"))
    previous: dict[int, StageChange] = {}
    moves = []
    table = names.index("stage_change")
    for change in changes:  # each move from the deal's stage before it: old → new
        before = previous.get(change.deal_id)
        previous[change.deal_id] = change
        at = recorded.get(change.id)
        if at is not None and timezone.localtime(at, tz).date() == change.changed_on:
            when = timezone.localtime(at, tz)
        else:
            when = datetime.combine(change.changed_on, datetime.min.time(), tzinfo=tz)
        stage = change.get_stage_display()
        if before is None and created_at.get(change.deal_id) == change.stage:
            move = _("opened at %(stage)s") % {"stage": stage}
        elif before is not None and before.stage != change.stage:
            move = f"{before.get_stage_display()} → {stage}"
        else:
            move = stage
        moves.append(
            TimelineEntry(
                when,
                "stage",
                labelled(active_language(), change.deal.name, move),
                change.note,
                user_name(change.by),
                place=Place(when, table, change.id),
            )
        )
    entries += moves
    deal_names = dict(Deal.history.filter(account_id=account.id).values_list("id", "name"))
    person_names = {
        pk: shown_name(name, notes.get(pk), lang)
        for pk, name in Person.history.filter(account_id=account.id).values_list("id", "name")
    }
    body_names = dict(DecisionBody.history.filter(account_id=account.id).values_list("id", "name"))
    step_titles = {h.id: h.instance.title() for h in ProcessStep.history.filter(deal_id__in=list(deal_names))}
    # the parts of the map the timeline tells (interactions and stage moves are told above), each
    # with how its edit is named
    described = {
        "account": lambda h: h.name,
        "person": lambda h: shown_name(h.name, notes.get(h.id), lang),
        "deal": lambda h: h.name,
        "stakeholder_role": lambda h: (
            f"{deal_names.get(h.deal_id, '?')} · {person_names.get(h.person_id, '?')}"
        ),
        "influence_link": lambda h: (
            f"{person_names.get(h.source_id, '?')} → {person_names.get(h.target_id, '?')}"
        ),
        "decision_body": lambda h: h.name,
        "body_member": lambda h: f"{body_names.get(h.body_id, '?')} · {person_names.get(h.person_id, '?')}",
        "body_role": lambda h: f"{deal_names.get(h.deal_id, '?')} · {body_names.get(h.body_id, '?')}",
        "process_step": lambda h: f"{deal_names.get(h.deal_id, '?')} · {h.instance.title()}",
        "step_person": lambda h: f"{step_titles.get(h.step_id, '?')} · {person_names.get(h.person_id, '?')}",
        "action_item": lambda h: f"{deal_names.get(h.deal_id, '?')} · {Truncator(h.text).chars(VALUE_CHARS)}",
    }
    histories = [
        (table, qs, described[name])
        for table, (name, qs) in enumerate(account_histories(account))
        if name in described
    ]
    edits = []
    for table, qs, describe in histories:
        if after is not None:
            qs = qs.filter(after_place(after, table))
        # newest first, two edits of a record at one moment (an import, an undo) the later written above: LATEST_FIRST
        for h in qs.select_related("history_user").order_by(*LATEST_FIRST)[: limit + 1]:
            entry = TimelineEntry(
                h.history_date,
                "edit",
                labelled(active_language(), h.instance_type._meta.verbose_name, describe(h)),
                kind_label(edit_kind(h)),
                user_name(h.history_user),
                place=Place(h.history_date, table, h.history_id),
            )
            edits.append((entry, h))
            entries.append(entry)
    if after is not None:  # the stage moves are dated above, in Python
        entries = [e for e in entries if e.place.key() < after.key()]
    entries.sort(key=lambda e: e.place.key(), reverse=True)
    older = edit_cursor(entries[limit - 1].place, names) if len(entries) > limit else ""
    entries = entries[:limit]
    kept = {id(e) for e in entries}
    changed = [h for entry, h in edits if id(entry) in kept and h.history_type == "~"]
    before = previous_records(changed)
    related: dict = {}  # the names of related rows (owner, team, reports to), each read once
    silent = set()
    for entry, h in edits:
        if id(entry) in kept and h.history_type == "~":
            said = _changed_fields(h, before.get((type(h), h.history_id)), related)
            # a save that changed only a list of the record (a body's members: core.services.update_versioned): the
            # lines of the list's rows say who came or went, an empty "Changed" beside them says nothing (a delete or
            # a restore says what it did)
            if not said and not h.history_change_reason and edit_kind(h) == "changed":
                silent.add(id(entry))
            entry.detail = said or entry.detail
    return TimelinePage([e for e in entries if id(e) not in silent], older)


def _change_text(model, field_name: str, change, related: dict) -> str:
    """'amount: 100,000 → 150,000', 'stage: evaluation → purchase decision': the field's name and its
    old and new values as the history panels show them (`core.history.display_value`: labels from the
    vocabulary in the active language, amounts grouped, names for related rows)."""
    old, new = (display_value(model, field_name, value, related) for value in (change.old, change.new))
    return change_text(verbose_name(model, field_name), old, new)


def _changed_fields(record, previous, related: dict) -> str:
    """'changed: title, lifecycle stage: prospect → new customer' for an edit, from the history record before it
    (`previous`: core.history.previous_records)."""
    if previous is None:
        return ""
    model = record.instance_type
    fields = {f.name for f in model._meta.fields}
    changed = [
        _change_text(model, c.field, c, related)
        for c in record.diff_against(previous).changes
        if c.field in fields and c.field not in HIDDEN_FIELDS
    ]
    text = _("changed: %(fields)s") % {"fields": join_names(active_language(), changed)} if changed else ""
    reason = reason_label(getattr(record, "history_change_reason", None))
    return f"{text} — {reason}" if text and reason else text
