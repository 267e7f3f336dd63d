"""Writes to interactions (a meeting, call or mail with the customer) and who took part.

The only writers of these models, for the web, the API, map loading and mail ingest alike (those two in bulk:
`interactions.services.bulk`, on the rules here; the form after a meeting: `interactions.capture`). The rules
live here once: an interaction a person logs names at least one participant from the customer when it is
created or its list emptied (`needs_a_participant`: one recorded from mail or a calendar may have none yet,
and one whose people were all deleted since keeps its history), all of them people of this account
(ValidationError naming `participants`); one a person logs has happened — dated no later than today
(`not_yet_happened`; a calendar may record a meeting scheduled ahead). Every write validates the model, refuses a stale edit
(core.services.StaleEdit) and is kept in history.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.core.cli import lazy_text
from battlemap.core.multilingual import active_language
from battlemap.core.refusals import PERSON_OF_ANOTHER_ACCOUNT
from battlemap.core.restore import Restored, restore_one
from battlemap.core.services import (
    apply_changes,
    create_validated,
    delete_versioned,
    replace_rows,
    update_versioned,
)
from battlemap.interactions.models import Interaction, OurParticipant, Participant
from battlemap.interactions.selectors import contact_cutoff
from battlemap.io.mail.records import all_day_moment
from battlemap.people.erased import ERASED_TAKES_NOTHING, is_erased
from battlemap.people.models import Person
from battlemap.punctuation import join_names, labelled

INTERACTION_FIELDS = (
    "occurred_at",
    "all_day",
    "kind",
    "deal",
    "summary",
    "outcome",
    "next_step",
    "source",
    "source_ref",
)

NO_CUSTOMER_PARTICIPANT = _("Name at least one person from the customer who took part.")
LEFT_BEFORE = _(
    "%(names)s had left the company before this day (on %(day)s): leave them out, or date the interaction on or "
    "before the day they left."
)
IN_THE_FUTURE = _(
    "%(date)s is in the future: an interaction records a contact that happened; plan a future meeting as an "
    "action item."
)


def aware(moment: datetime | None) -> datetime | None:
    """A moment without a zone is in the server's time zone."""
    return timezone.make_aware(moment) if moment is not None and timezone.is_naive(moment) else moment


def _moment(moment: datetime, all_day: bool) -> datetime:
    """The moment stored: made aware (`aware`); an all-day interaction's is 09:00 of its day in the server's time
    zone, as a calendar's all-day event (io.mail.records.all_day_moment), so its day reads the same in UTC."""
    moment = aware(moment)
    if not all_day:
        return moment
    return all_day_moment(timezone.localdate(moment), timezone.get_current_timezone())


# Recorded traffic (a mail or calendar item) may name nobody on the map yet: accepting the suggested
# person attaches them (intel). An interaction a person logs names who took part.
RECORDED_SOURCES = ("mail", "calendar")


def not_yet_happened(occurred_at: datetime | None, *, source: str = "manual") -> str | None:
    """Why an interaction of `source` cannot be dated `occurred_at` (None: it can): one logged by a person, the
    API or an import records a contact that happened, so a date after today (TIME_ZONE; the rest of today is
    allowed, as `selectors.contact_cutoff` counts contacts) is a typo the analysis would silently ignore. Recorded
    traffic is exempt: a calendar holds meetings scheduled ahead (mail ingest skips other future-dated items)."""
    moment = aware(occurred_at)
    if moment is None or source in RECORDED_SOURCES or moment <= contact_cutoff():
        return None
    # read when shown, in the reader's language (a background map import keeps it in every language)
    return lazy_text(IN_THE_FUTURE, date=timezone.localdate(moment).isoformat())


def _check_happened(occurred_at: datetime | None, *, source: str) -> None:
    if (problem := not_yet_happened(occurred_at, source=source)) is not None:
        raise ValidationError({"occurred_at": problem})


def needs_a_participant(people: Sequence[Any], *, source: str, before: Collection[int] | None) -> bool:
    """Whether `people` (an interaction's customer participants as written) break the one rule of who must
    take part: an interaction a person logs (not recorded traffic, RECORDED_SOURCES, which may name nobody on
    the map yet) names at least one of the customer's people when it is created (`before` None) or when the
    people taking part until now (`before`: their ids) are all taken off. One whose people were all deleted
    since (deleting a person takes them off what they took part in) happened all the same: re-saved with
    nobody (a GET then a PUT, the web form), it is accepted, and a map file that holds it loads it
    (bulk.interactions_bulk_create), so what the product stores it accepts back."""
    if source in RECORDED_SOURCES or people:
        return False
    return before is None or bool(before)


def _checked_participants(
    account_id: int,
    participants: Iterable[Person],
    *,
    source: str = "manual",
    occurred_at: datetime | None = None,
    already: Iterable[int] | None = None,
) -> list[Person]:
    """`participants`, all of the account; at least one when `needs_a_participant` (`already`: the ids taking
    part until now, None for a new interaction); none who had left the company before the day it `occurred_at`,
    when a person logs it (the web's form offers only people still there; the API took anyone); no new one (not
    among the ids `already` taking part) whose data was erased (a team's trial: a form opened before the erasure
    recorded a lunch with them).
    ValidationError naming `participants` otherwise."""
    people = list(participants)
    taking_part = set(already or ())
    if needs_a_participant(people, source=source, before=None if already is None else taking_part):
        raise ValidationError({"participants": NO_CUSTOMER_PARTICIPANT})
    if any(p.account_id != account_id for p in people):
        raise ValidationError({"participants": PERSON_OF_ANOTHER_ACCOUNT})
    erased = [p for p in people if is_erased(p) and p.pk not in taking_part]
    if erased:  # named as the map shows them ("Erased person"), with the id that tells several apart
        named = join_names(active_language(), [f"{p.name} #{p.pk}" for p in erased])
        raise ValidationError(
            {"participants": labelled(active_language(), named, gettext(ERASED_TAKES_NOTHING))}
        )
    if source not in RECORDED_SOURCES and occurred_at is not None:
        day = timezone.localdate(aware(occurred_at))
        gone = [p for p in people if p.status == "left" and p.left_on is not None and p.left_on < day]
        if gone:
            raise ValidationError(
                {
                    "participants": LEFT_BEFORE
                    % {"names": join_names(active_language(), [p.name for p in gone]), "day": gone[0].left_on}
                }
            )
    return people


def _set_participants(interaction: Interaction, people: list[Person]) -> bool:
    """The customer's people who took part become `people`; True when one went or came."""
    return replace_rows(
        interaction.participants.all(),
        {p.pk: p for p in people},
        key=lambda participant: participant.person_id,
        add=lambda person: create_validated(Participant(interaction=interaction, person=person)),
    )


def _set_our_participants(interaction: Interaction, users: Iterable) -> bool:
    """The users on our side who took part become `users`; True when one went or came."""
    return replace_rows(
        interaction.our_participants.all(),
        {u.pk: u for u in users},
        key=lambda ours: ours.user_id,
        add=lambda user: create_validated(OurParticipant(interaction=interaction, user=user)),
    )


@transaction.atomic
def interaction_create(
    *,
    account: Account,
    occurred_at: datetime,
    participants: Iterable[Person],
    our_participants: Iterable = (),
    kind: str = "meeting",
    **fields: Any,
) -> Interaction:
    """Log an interaction of `account` with the customer's `participants` (at least one, all of this
    account) and the users on our side who took part.

    fields: `deal` (of this account), `summary`, `outcome`, `next_step`, `source`, `source_ref`, `all_day` (the day
    alone: stored at 09:00 of `occurred_at`'s day, `_moment`).
    Errors: ValidationError naming the field (`occurred_at` after today, `participants`, `deal`, `source_ref`
    taken…)."""
    _check_happened(occurred_at, source=fields.get("source") or "manual")
    people = _checked_participants(
        account.pk, participants, source=fields.get("source") or "manual", occurred_at=occurred_at
    )
    occurred_at = _moment(occurred_at, bool(fields.get("all_day")))
    interaction = Interaction(account=account, occurred_at=occurred_at, kind=kind)
    apply_changes(interaction, fields, INTERACTION_FIELDS)
    create_validated(interaction)
    _set_participants(interaction, people)
    _set_our_participants(interaction, our_participants)
    return interaction


def interaction_update(
    *,
    interaction: Interaction,
    version: int | None,
    participants: Iterable[Person] | None = None,
    our_participants: Iterable | None = None,
    **fields: Any,
) -> Interaction:
    """Change fields of INTERACTION_FIELDS; `participants` / `our_participants` (when given) replace
    who took part (not emptied of the customer's people: `needs_a_participant`; one whose people were all
    deleted is saved with none).

    Errors: StaleEdit; ValidationError naming the field (`occurred_at` after today: `not_yet_happened`)."""
    source = fields.get("source", interaction.source)
    people = (
        None
        if participants is None
        else _checked_participants(
            interaction.account_id,
            participants,
            source=source,
            occurred_at=fields.get("occurred_at", interaction.occurred_at),
            already=list(interaction.participants.values_list("person_id", flat=True)),
        )
    )
    if "occurred_at" in fields:
        _check_happened(aware(fields["occurred_at"]), source=source)
    if "occurred_at" in fields or "all_day" in fields:
        all_day = fields.get("all_day", interaction.all_day)
        fields["occurred_at"] = _moment(fields.get("occurred_at", interaction.occurred_at), all_day)

    def set_people(after: Interaction) -> bool:
        changed = people is not None and _set_participants(after, people)
        if our_participants is not None:
            changed = _set_our_participants(after, our_participants) or changed
        return changed

    return update_versioned(
        interaction, version=version, changes=fields, allowed=INTERACTION_FIELDS, lists=set_people
    )


def interaction_delete(*, interaction: Interaction, version: int | None = None) -> None:
    delete_versioned(interaction, version=version)


def interaction_restore(*, account: Account, interaction_id: int) -> Restored:
    """The undo of interaction_delete (core.restore): the interaction, who took part on both sides and an interview
    it held; a deal deleted since stays off it. Errors: ValidationError naming `interaction` or `account`."""
    return restore_one(Interaction, account=account, pk=interaction_id, name="interaction")


@transaction.atomic
def participations_move(*, duplicate: Person, survivor: Person) -> None:
    """A person merge's part in the interactions: what `duplicate` took part in, `survivor` did (once
    per interaction). History keeps each move."""
    taken = set(Participant.objects.filter(person=survivor).values_list("interaction_id", flat=True))
    for part in list(Participant.objects.filter(person=duplicate)):
        if part.interaction_id in taken:
            delete_versioned(part)
        else:
            update_versioned(part, version=part.version, changes={"person": survivor}, allowed=("person",))
            taken.add(part.interaction_id)


def participant_add(*, interaction_id: int, person: Person) -> Participant:
    """`person` took part in the interaction (nothing changes when already recorded)."""
    existing = Participant.objects.filter(interaction_id=interaction_id, person=person).first()
    return existing or create_validated(Participant(interaction_id=interaction_id, person=person))
