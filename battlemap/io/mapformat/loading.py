"""The map loader's plumbing (load.py): the error that names the part of a map at fault, the blocks that
turn a service's ValidationError into it, the Timeline that back-dates history, the loader's state
(users, people and decision bodies loaded so far, dates) and what of the map was not kept (LeftOut)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.core.access import can
from battlemap.core.errors import validation_message
from battlemap.core.history_stamp import recorded
from battlemap.core.multilingual import active_language
from battlemap.deals.models import Deal
from battlemap.io.mail.records import all_day_moment, all_day_of
from battlemap.people.models import Person
from battlemap.process.models import DecisionBody
from battlemap.punctuation import clauses, join_names


class MapImportError(Exception):
    """The map cannot be loaded; the message names the part at fault.

    The message is put together when read (`str`), in the active language: `message` (a lazy text, or
    plain text) `%`-formatted with `params`, whose values may be lazy too (a service's ValidationError).
    So a background job builds its refusal in every language (core.multilingual) from the one error."""

    def __init__(self, message: Any, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message, self.params = message, dict(params or {})

    def __str__(self) -> str:
        if not self.params:
            return str(self.message)
        return str(self.message) % {key: str(value) for key, value in self.params.items()}


# a bulk service's "field: row n: " (core.bulk.at_row) in a ValidationError said in one line (the colon
# after the field is the language's: core.errors.validation_message)
_BULK_ROW = re.compile(r"(\w+)(?:: |：)row (\d+): ")
_lazy_messages = lazy(validation_message, str)


def _after_row(detail: Any) -> str:
    """What a bulk service's message says after its "field: row n: ", in the active language."""
    text = str(detail)
    found = _BULK_ROW.search(text)
    return text[found.end() :] if found else text


_lazy_after_row = lazy(_after_row, str)


@dataclass(frozen=True)
class Timeline:
    """When the parts of a map happened, so their history is back-dated (the demo; an import happens now).

    The account, its departments, people, links and factors are known from `known_since` (reporting
    lines a minute later, so "as of" never sees a tie). The map's own dates place the rest, at `hour`
    local time: a deal opens on its first recorded stage and moves (by the owner) on each later one (a won or
    lost deal is closed on the day of its last move: a closed deal keeps its stage); its roles, coverage and, a week before they are due (the day before `today` at the latest), its action items
    appear with it; an interaction is logged on its day at 18:00; a person who left leaves on `left_on`.
    `role_edits[(deal id, person id)]`: later (day, field, value) edits of a role; before its first edit,
    the field holds its default (e.g. attitude "unknown").
    """

    known_since: dt.datetime
    role_edits: Mapping[tuple[Any, Any], Sequence[tuple[dt.date, str, Any]]] = field(default_factory=dict)
    hour: int = 10
    today: dt.date = field(default_factory=timezone.localdate)

    def at(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(self.hour if hour is None else hour)))


@contextmanager
def part(where: str, at: dt.datetime | None = None) -> Iterator[None]:
    """Writes of one part of the map: a ValidationError becomes a MapImportError naming it."""
    try:
        with recorded(at=at):
            yield
    except ValidationError as exc:
        raise MapImportError(
            _("%(where)s: %(detail)s"), {"where": where, "detail": _lazy_messages(exc)}
        ) from None


@contextmanager
def bulk_part(what: str, ids: Sequence[Any], at: dt.datetime | None = None) -> Iterator[None]:
    """Writes of many parts at once (a bulk service): its "row n: …" errors name the part of the map
    at fault, as `part` does for one ("people 7: email: …")."""
    try:
        with part(what, at):
            yield
    except MapImportError as exc:
        detail = exc.params.get("detail", "")
        found = _BULK_ROW.search(str(detail))  # the field and the row read the same in every language
        if found is None:
            raise
        rest = _lazy_after_row(detail)
        raise MapImportError(
            _("%(part)s %(id)s: %(field)s: %(rest)s"),
            {"part": what, "id": ids[int(found[2]) - 1], "field": found[1], "rest": rest},
        ) from None


# What lost a user of the map (LeftOut.items), in the order the summary says them: each item counted once.
LEFT_OUT_PARTS = ("covered_by", "owner", "our_participants")


def _left_out_part(what: str, count: int) -> str:
    texts = {
        "covered_by": lambda: ngettext(
            "who covers %(count)d deal role", "who covers %(count)d deal roles", count
        ),
        "owner": lambda: ngettext(
            "the owner of %(count)d action item", "the owner of %(count)d action items", count
        ),
        "our_participants": lambda: ngettext(
            "our people in %(count)d interaction", "our people in %(count)d interactions", count
        ),
    }
    return texts[what]() % {"count": count}


@dataclass
class LeftOut:
    """The users a map names (coverage, action owners, our participants) that were not kept: unknown on this
    installation, or who may not see the new account (core.access); `items` counts, per part of LEFT_OUT_PARTS,
    the items that lost one or more of them. The import's summary says it (`text`): nothing is dropped unseen."""

    items: Counter = field(default_factory=Counter)
    unknown: set[str] = field(default_factory=set)
    not_allowed: set[str] = field(default_factory=set)
    read_only: set[str] = field(default_factory=set)  # named as an action item's owner, may only read it

    def __bool__(self) -> bool:
        return bool(self.items)

    def text(self) -> str:
        """`Not kept from the map: the owner of 5 action items, our people in 17 interactions — users not found
        here: ops1.` in the active language; "" when everything was kept."""
        if not self:
            return ""
        lang = active_language()
        parts = [_left_out_part(what, self.items[what]) for what in LEFT_OUT_PARTS if self.items[what]]
        why = []
        if self.unknown:
            why.append(
                gettext("users not found here: %(names)s") % {"names": join_names(lang, sorted(self.unknown))}
            )
        if self.not_allowed:
            why.append(
                gettext("users who may not see this account: %(names)s")
                % {"names": join_names(lang, sorted(self.not_allowed))}
            )
        if self.read_only:
            why.append(
                gettext(
                    "users who may see this account but not change it, so cannot own an action item: %(names)s"
                )
                % {"names": join_names(lang, sorted(self.read_only))}
            )
        return gettext("Not kept from the map: %(what)s — %(why)s.") % {
            "what": join_names(lang, parts),
            "why": clauses(lang, why),
        }


def iso_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def interaction_moment(date: str, all_day: bool) -> tuple[dt.datetime, bool]:
    """An interaction's `date` and `all_day` of a map as the moment stored and whether it is all day: a day alone
    (`2026-12-01`, what the export writes for an all-day interaction) is all day, at 09:00 of that day in this
    installation's TIME_ZONE (io.mail.records.all_day_moment), as the API stores one; so is a date and time marked
    `all_day` (a map written before), its day the one where that moment is 09:00 (`all_day_of`: the exporting
    installation's zone is not in the file). Any other date and time is kept as it is (a naive one: TIME_ZONE)."""
    if len(date) == len("2026-12-01"):
        day = dt.date.fromisoformat(date)
    else:
        moment = dt.datetime.fromisoformat(date)
        if not all_day:
            return moment, False
        day = all_day_of(moment if timezone.is_aware(moment) else timezone.make_aware(moment))
    return all_day_moment(day, timezone.get_current_timezone()), True


class LoaderBase:
    """What every part of a map refers to while it loads: the owner, the timeline, the users, and the
    account, departments, people, deals and decision bodies loaded so far (map id -> object)."""

    def __init__(self, data: dict[str, Any], owner: Any, timeline: Timeline | None, team: Any = None) -> None:
        self.data, self.owner, self.timeline, self.team = data, owner, timeline, team
        self.users = {u.username: u for u in get_user_model().objects.all()}
        self.account_: Account | None = None
        self.allowed: dict[tuple[str, str], bool] = {}
        self.units: dict[Any, Any] = {}
        self.people: dict[Any, Person] = {}
        self.deals: dict[Any, Deal] = {}
        self.bodies: dict[Any, DecisionBody] = {}
        self.left_out = LeftOut()

    def when(self, day: dt.date | None, hour: int | None = None) -> dt.datetime | None:
        return self.timeline.at(day, hour) if self.timeline and day else None

    @property
    def since(self) -> dt.datetime | None:
        return self.timeline.known_since if self.timeline else None

    def colleague(self, name: Any, action: str = "view") -> Any:
        """The user of that name if they may `action` the new account (the gate decides: its owner, its
        team, their managers to view; an action item's owner must change it, `edit`); else None, noted in
        `left_out` — a map from another installation or another owner names colleagues who are not on this
        account, and they are left out like unknown names."""
        user = self.users.get(name) if isinstance(name, str) else None
        if user is None or self.account_ is None:
            self.left_out.unknown.add(str(name))
            return None
        if (name, action) not in self.allowed:
            self.allowed[(name, action)] = can(user, self.account_, action)
        if not self.allowed[(name, action)]:
            seen = action != "view" and can(user, self.account_, "view")
            (self.left_out.read_only if seen else self.left_out.not_allowed).add(name)
            return None
        return user

    def colleagues(self, names: Iterable[Any], what: str, action: str = "view") -> list[Any]:
        """The users of `names` kept (`colleague`, for `action`); an item that loses one is counted in
        `left_out` under `what` (LEFT_OUT_PARTS)."""
        named = [name for name in names if name not in (None, "")]
        kept = [user for user in (self.colleague(name, action) for name in named) if user is not None]
        if len(kept) < len(named):
            self.left_out.items[what] += 1
        return kept

    def ref(self, pid: Any, where: str) -> Person:
        """The person of map id `pid`; MapImportError naming `where` and the id when there is none."""
        return referred(self.people, pid, where, NO_PERSON)

    def unit_ref(self, uid: Any, where: str) -> Any:
        """The org unit of map id `uid`, None for null; MapImportError when the map has no such unit."""
        return None if uid is None else referred(self.units, uid, where, NO_UNIT)

    def deal_ref(self, did: Any, where: str) -> Deal | None:
        """The deal of map id `did`, None for null; MapImportError when the map has no such deal."""
        return None if did is None else referred(self.deals, did, where, NO_DEAL)


# A reference to an item the map does not hold is refused, never dropped: one message per part referred to.
NO_PERSON = _("%(where)s: no person with id %(id)s")
NO_UNIT = _("%(where)s: no org unit with id %(id)s")
NO_DEAL = _("%(where)s: no deal with id %(id)s")
NO_BODY = _("%(where)s: no decision body with id %(id)s")


def referred(items: Mapping[Any, Any], key: Any, where: str, missing: Any) -> Any:
    if key not in items:
        raise MapImportError(missing, {"where": where, "id": key})
    return items[key]
