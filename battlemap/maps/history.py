"""The edits made to the map since a moment (the changes feed) and the deal outcomes and people of a window.

They come from django-simple-history's tables, so deleted people and deals show up too. These are
the raw records (the API's history routes; the map as it was at a moment is as_of.py); the analysis as of a day
and the analysis changes since a day are in analysis.py.
"""

from __future__ import annotations

import heapq
from datetime import datetime
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from battlemap.accounts.models import Account, ExternalFactor, OrgUnit
from battlemap.core.api import MAX_ID
from battlemap.core.cursors import bad_cursor, cursor_of, cursor_parts
from battlemap.core.dates import in_range, moment_text
from battlemap.core.history import edit_kind, previous_records
from battlemap.core.history_stamp import LATEST_FIRST, OLDEST_FIRST, Place, after_place
from battlemap.core.reasons import reason_text
from battlemap.core.text import person_name_of
from battlemap.deals.models import ActionItem, Deal, StageChange, StakeholderRole
from battlemap.interactions.models import Interaction, Participant
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.process.models import BodyMember, BodyRole, DecisionBody, ProcessStep, StepPerson

from .tables import latest_rows

SKIP_IN_DIFF = {"updated_at", "version", "name_key"}

# --- changes since ----------------------------------------------------------------------------------

_LABEL_FIELDS = ("name", "text", "description", "summary", "stage", "note")


def _label(record) -> str:
    """An edit's label in the feed: its record's name (or text, …) as the edit left it; a body's role in a deal or a
    member, the body's name then (`tables.latest_rows`: of two rows at one moment the later written, a body deleted in
    the same write by its deletion row)."""
    if isinstance(record.instance, (BodyRole, BodyMember)):
        body = latest_rows(DecisionBody, record.history_date).filter(id=record.body_id).first()
        if body is not None:
            return body.name[:80]
    for name in _LABEL_FIELDS:
        value = getattr(record, name, None)
        if value:
            return str(value)[:80]
    title = getattr(record.instance, "title", None)
    if callable(title):  # a process step without a name of its own: its kind's label
        return str(title())[:80]
    return f"{record.instance._meta.verbose_name} {record.id}"


def account_histories(account: Account) -> list[tuple[str, models.QuerySet]]:
    """(model name, historical queryset) for every part of this account's map, deleted rows included:
    the one list the changes API and the account's timeline read."""
    deal_ids = Deal.history.filter(account_id=account.id).values("id")
    person_ids = Person.history.filter(account_id=account.id).values("id")
    interaction_ids = Interaction.history.filter(account_id=account.id).values("id")
    body_ids = DecisionBody.history.filter(account_id=account.id).values("id")
    step_ids = ProcessStep.history.filter(deal_id__in=deal_ids).values("id")
    return [
        ("account", Account.history.filter(id=account.id)),
        ("org_unit", OrgUnit.history.filter(account_id=account.id)),
        ("external_factor", ExternalFactor.history.filter(account_id=account.id)),
        ("person", Person.history.filter(account_id=account.id)),
        ("dotted_line", DottedLine.history.filter(person_id__in=person_ids)),
        ("influence_link", InfluenceLink.history.filter(account_id=account.id)),
        ("deal", Deal.history.filter(account_id=account.id)),
        ("stage_change", StageChange.history.filter(deal_id__in=deal_ids)),
        ("stakeholder_role", StakeholderRole.history.filter(deal_id__in=deal_ids)),
        ("action_item", ActionItem.history.filter(deal_id__in=deal_ids)),
        ("interaction", Interaction.history.filter(account_id=account.id)),
        ("participant", Participant.history.filter(interaction_id__in=interaction_ids)),
        ("decision_body", DecisionBody.history.filter(account_id=account.id)),
        ("body_member", BodyMember.history.filter(body_id__in=body_ids)),
        ("body_role", BodyRole.history.filter(deal_id__in=deal_ids)),
        ("process_step", ProcessStep.history.filter(deal_id__in=deal_ids)),
        ("step_person", StepPerson.history.filter(step_id__in=step_ids)),
    ]


def map_edits_since(
    *, account: Account, since: datetime, limit: int, offset: int = 0, after: str | None = None
) -> dict[str, Any]:
    """Every edit to the account's map since `since`, newest first, the `limit` after the first `offset` of them, or
    after the place `after` (the `next` of the page before, a keyset cursor: core.cursors):
    {"since", "total" (all of them since then), "offset", "count" (those given), "truncated" (more after these),
    "next" (the cursor of the last one given when more follow, else None),
    "changes": [{"at", "model", "id", "change": created / changed / deleted / restored (core.history.edit_kind),
    "fields", "by" (the author's username, None when none was recorded), "author" (the user: a page names them by
    core.text.user_name), "label"}]}. The order is fixed — time, then the model (in `account_histories`' order), then the
    history id, each newest first — and the same both ways. With `offset`, an edit made meanwhile comes first and
    moves the rest one on (a page then repeats an item, never skips one), and a deep page reads every row above it
    (9–15 s past 100,000); with `after`, a page reads only its own rows from each model's history, and an edit made
    meanwhile, being newer, is not among the pages after the cursor: none repeats or skips."""
    histories = account_histories(account)
    names = [name for name, _history in histories]
    start = edit_place(after, names) if after else None
    streams = []
    total = 0
    for index, (name, history) in enumerate(histories):
        records = history.filter(history_date__gte=since)
        total += records.count()
        if start is not None:
            records = records.filter(after_place(start, index))
        newest = records.select_related("history_user").order_by(*LATEST_FIRST)
        streams.append(
            [
                (Place(record.history_date, index, record.history_id), name, record)
                for record in newest[: offset + limit + 1]
            ]
        )
    # newest first: by time, then the model's place in the list, then history id (within one model's history its
    # own order: core.history_stamp.Place); the cursor holds these three of the last item given
    merged = heapq.merge(*streams, key=lambda item: item[0].key(), reverse=True)
    page = {"since": since, "total": total, "offset": offset}
    chosen = list(islice(merged, offset, offset + limit + 1))
    truncated = len(chosen) > limit
    chosen = chosen[:limit]
    before = previous_records([record for _place, _name, record in chosen if record.history_type == "~"])
    changes = []
    for _place, name, record in chosen:
        fields: list[str] = []
        if (previous := before.get((type(record), record.history_id))) is not None:
            delta = record.diff_against(previous)
            fields = [c.field for c in delta.changes if c.field not in SKIP_IN_DIFF]
        changes.append(
            {
                "at": record.history_date,
                "model": name,
                "id": record.id,
                "change": edit_kind(record),
                "fields": fields,
                # the username, as the API's 409 and 410 name users; `author` is the user, for a page to name
                "by": record.history_user.get_username() if record.history_user else None,
                "author": record.history_user,
                "label": _label(record),
            }
        )
    return {
        **page,
        "count": len(changes),
        "truncated": truncated,
        "next": edit_cursor(chosen[-1][0], names) if truncated else None,
        "changes": changes,
    }


def edit_cursor(place: Place, names: list[str]) -> str:
    """The keyset cursor just after `place` (a `Place` in a list of the tables `names`, `account_histories`' names):
    its time (to the microsecond), its table's name and the row's id. The changes feed's `next`, the timeline's
    "Older entries"."""
    return cursor_of(place.at.isoformat(), names[place.table], str(place.id))


def edit_place(cursor: str, names: list[str], *, field: str = "after") -> Place:
    """The `Place` a cursor of `edit_cursor` holds; a ValidationError naming `field` (a 422) for anything else — a
    time outside the years of the rule (`core.dates.in_range`: 0001-01-01T00:00+14:00 is before the first UTC moment,
    the query's conversion overflowed) or an id no row can have (`MAX_ID`) included."""
    at, name, number = cursor_parts(cursor, field=field, count=3)
    try:
        moment = datetime.fromisoformat(at)
        table = names.index(name)
    except ValueError:
        raise ValidationError({field: bad_cursor()}) from None
    if moment.tzinfo is None or not in_range(moment) or not number.isascii() or not number.isdigit():
        raise ValidationError({field: bad_cursor()})
    if len(number) > len(str(MAX_ID)) or int(number) > MAX_ID:
        raise ValidationError({field: bad_cursor()})
    return Place(moment, table, int(number))


# --- deal outcomes ----------------------------------------------------------------------------------


def deal_status_changes(
    *,
    account_ids: list[int],
    since: datetime,
    until: datetime | None,
    status_then: dict[int, str],
    lang: str,
) -> dict[int, list[dict[str, Any]]]:
    """Every change of a deal's status (open / won / lost) recorded after `since` (up to `until`),
    oldest first, per account: {account id: [{"deal", "name", "before", "after", "before_label",
    "after_label", "change": closed / reopened, "at" (ISO, TIME_ZONE), "when" ("YYYY-MM-DD HH:MM"),
    "by" (name or ""), "reason", "lost_to"}]}. `status_then`: each deal's status at `since` (the
    earlier map); a deal opened since starts from the status it was created with. One query for all
    the accounts. A deal closed and reopened in the window shows both moves, though its status
    is the same at both ends."""
    from django.utils import timezone

    from battlemap import vocab

    records = Deal.history.filter(account_id__in=account_ids, history_date__gt=since)
    if until is not None:
        records = records.filter(history_date__lte=until)
    rows = records.order_by(*OLDEST_FIRST).values_list(
        "id",
        "account_id",
        "name",
        "status",
        "close_reason",
        "lost_to",
        "reopen_reason",
        "history_date",
        "history_type",
        "history_user__username",
        "history_user__first_name",
        "history_user__last_name",
    )
    status = dict(status_then)
    out: dict[int, list[dict[str, Any]]] = {}
    for deal_id, account_id, name, now, reason, lost_to, reopened, at, kind, username, first, last in rows:
        before = status.get(deal_id)
        status[deal_id] = now
        if kind == "+" or before is None or before == now:
            continue
        local = timezone.localtime(at)
        out.setdefault(account_id, []).append(
            {
                "deal": deal_id,
                "name": name,
                "before": before,
                "after": now,
                "before_label": vocab.DEAL_STATUSES.label(before, lang),
                "after_label": vocab.DEAL_STATUSES.label(now, lang),
                "change": "reopened" if now == "open" else "closed",
                "at": local.isoformat(timespec="seconds"),
                "when": moment_text(local),
                "by": person_name_of(first, last, username or ""),
                "reason": reason if now != "open" else reopened,
                "lost_to": lost_to if now == "lost" else "",
            }
        )
    return out


DEAL_TERMS = ("amount", "expected_close")  # what a manager reviews besides stage and outcome


def deal_term_changes(
    *, account_ids: list[int], since: datetime, until: datetime | None
) -> dict[int, list[dict[str, Any]]]:
    """The deals whose amount (with its currency) or expected close differs between `since` and `until` (default
    now), from the deals' history, per account: {account id: [{"deal", "name", "field": "amount" or
    "expected_close", "before", "after"}]}, the values as read ("4,500,000 CNY", "2026-12-20", "" for none),
    by deal then field. A deal created in the window is a new deal (its health says so), not listed; a value
    changed and changed back is no change. Two queries for all the accounts."""
    from battlemap.core.templatetags.numbers import money

    later = Deal.history.filter(account_id__in=account_ids, history_date__gt=since)
    if until is not None:
        later = later.filter(history_date__lte=until)
    fields = ("id", "account_id", "name", "amount", "currency", "expected_close", "history_type")
    last: dict[int, tuple] = {}
    for row in later.order_by(*OLDEST_FIRST).values_list(*fields):
        last[row[0]] = row
    then: dict[int, tuple] = {}
    earlier = Deal.history.filter(id__in=list(last), history_date__lte=since)
    for row in earlier.order_by(*OLDEST_FIRST).values_list(*fields):
        then[row[0]] = row

    def shown(row: tuple, field: str) -> str:
        if field == "amount":
            return money(row[3], row[4]) if row[3] is not None else ""
        return row[5].isoformat() if row[5] else ""

    out: dict[int, list[dict[str, Any]]] = {}
    for deal_id, now in last.items():
        was = then.get(deal_id)
        if was is None or now[6] == "-":
            continue  # new in the window, or deleted since
        for field in DEAL_TERMS:
            before, after = shown(was, field), shown(now, field)
            if before != after:
                out.setdefault(now[1], []).append(
                    {"deal": deal_id, "name": now[2], "field": field, "before": before, "after": after}
                )
    return out


def people_present(*, account_ids: list[int], since: datetime, until: datetime | None) -> dict[int, set[int]]:
    """{account id: its people recorded with the customer (status not "left") at some moment after `since`
    (up to `until`) and recorded as left by then}: whom `analysis.changes_between` may say left in the
    window when it sees them only added (its `present`; a person imported as already gone was never
    there). One query for all the accounts, whatever the number of people."""
    from django.db.models import Exists, OuterRef

    records = Person.history.filter(account_id__in=account_ids, history_date__gt=since).exclude(status="left")
    gone = Person.history.filter(id=OuterRef("id"), status="left")
    if until is not None:
        records = records.filter(history_date__lte=until)
        gone = gone.filter(history_date__lte=until)
    out: dict[int, set[int]] = {}
    for account_id, person_id in records.filter(Exists(gone)).values_list("account_id", "id").distinct():
        out.setdefault(account_id, set()).add(person_id)
    return out


def account_owner_changes(
    *, account_ids: list[int], since: datetime, until: datetime | None
) -> dict[int, list[dict[str, Any]]]:
    """Every change of an account's owner recorded after `since` (up to `until`), oldest first, per account: {account
    id: [{"before", "after" (usernames), "before_name", "after_name" (as every page names a user: `person_name_of`),
    "at" (ISO, TIME_ZONE), "when" ("YYYY-MM-DD HH:MM"), "by" (who made it, named so; "" when unrecorded), "note"
    (the handover's note, `core.reasons.reason_text`)}]} — a handover, a reassignment in the admin or the API. The
    owner before the window is the account's last record up to `since`; an account created in the window starts
    with the owner it was created with (no change). Two queries for all the accounts. A director's trial: a handover was on the timeline, in neither What changed nor
    the new owner's This week."""
    from django.utils import timezone

    later = Account.history.filter(id__in=account_ids, history_date__gt=since)
    if until is not None:
        later = later.filter(history_date__lte=until)
    fields = ("id", "owner_id", "owner__username", "owner__first_name", "owner__last_name", "history_date")
    who = (
        "history_user__username",
        "history_user__first_name",
        "history_user__last_name",
        "history_change_reason",
    )
    rows = list(later.order_by(*OLDEST_FIRST).values_list(*fields, *who))
    owner: dict[int, tuple] = {}
    earlier = Account.history.filter(id__in={r[0] for r in rows}, history_date__lte=since)
    for row in earlier.order_by(*OLDEST_FIRST).values_list(*fields[:5]):
        owner[row[0]] = row[1:5]
    out: dict[int, list[dict[str, Any]]] = {}
    for account_id, owner_id, username, first, last, at, by_username, by_first, by_last, note in rows:
        was = owner.get(account_id)
        owner[account_id] = (owner_id, username, first, last)
        if was is None or was[0] == owner_id:
            continue
        local = timezone.localtime(at)
        out.setdefault(account_id, []).append(
            {
                "before": was[1] or "",
                "after": username or "",
                "before_name": person_name_of(was[2] or "", was[3] or "", was[1] or ""),
                "after_name": person_name_of(first or "", last or "", username or ""),
                "at": local.isoformat(timespec="seconds"),
                "when": moment_text(local),
                "by": person_name_of(by_first or "", by_last or "", by_username or ""),
                "note": reason_text(note or ""),
            }
        )
    return out
