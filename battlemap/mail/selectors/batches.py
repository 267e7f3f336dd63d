"""Reads of the accept-all batches (`services.batches`): which are live — their suggestions still accepted by
that batch, its name being the history reason of their acceptance — and how the mail page lists them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from battlemap.core import reasons
from battlemap.core.history_stamp import LATEST_FIRST
from battlemap.core.multilingual import active_language
from battlemap.mail.models import Suggestion
from battlemap.punctuation import labelled

BATCH_PREFIX = f"{reasons.PREFIX}batch{reasons.SEP}"  # core.reasons' "batch" code: an accept-all's name


def is_batch_reason(stored: str) -> bool:
    """Whether a history reason names an accept-all batch (not, say, the undo of one, which names it too)."""
    return stored.startswith(BATCH_PREFIX) and "#" in stored


def batch_suggestion_ids(account, batch: str) -> list[int]:  # noqa: ANN001
    """The suggestions an accept-all batch accepted that are still accepted *by that batch*: their latest
    acceptance carries its name. A batch undone and then partly accepted again by a later batch is not live
    (its lines now belong to the later batch, whose undo takes them back)."""
    ids = set(
        Suggestion.history.filter(
            account_id=account.pk, history_change_reason=batch, state=Suggestion.State.ACCEPTED
        ).values_list("id", flat=True)
    )
    accepted = Suggestion.objects.filter(pk__in=ids, state=Suggestion.State.ACCEPTED).values_list(
        "pk", flat=True
    )
    latest: dict[int, str | None] = {}
    acceptances = (
        Suggestion.history.filter(id__in=accepted, state=Suggestion.State.ACCEPTED)
        .exclude(history_type="-")
        .order_by("id", *LATEST_FIRST)
        .values_list("id", "history_change_reason")
    )  # one query, not one per suggestion (a batch of 187 lines: 187 a batch, twice, on every load of the page)
    for pk, why in acceptances:
        latest.setdefault(pk, why)
    return [pk for pk in sorted(latest) if latest[pk] == batch]


def accept_all_batches(account, limit: int = 5) -> list[str]:  # noqa: ANN001
    """The latest accept-all batches of the account that still have accepted suggestions (newest first)."""
    reasons = (
        Suggestion.history.filter(
            account_id=account.pk,
            history_change_reason__startswith=BATCH_PREFIX,
            state=Suggestion.State.ACCEPTED,
        )
        .order_by(*LATEST_FIRST)
        .values_list("history_change_reason", flat=True)
    )
    found: list[str] = []
    seen: set[str] = set()
    for reason in reasons:
        if reason in seen:
            continue
        seen.add(reason)
        if batch_suggestion_ids(account, reason):
            found.append(reason)
        if len(found) >= limit:
            break
    return found


@dataclass(frozen=True)
class BatchRow:
    """An accept-all batch as the page lists it: when, how many, by whom (said in the viewer's language; the
    batch's own name is the history reason, in the language of whoever accepted)."""

    batch: str
    at: datetime | None
    count: int
    user: str
    # what the batch wrote, one line a suggestion ("reports to: 王强 → 陈国栋"), the first BATCH_ITEMS_SHOWN: what
    # an undo takes back
    items: tuple[str, ...] = ()
    more: int = 0


BATCH_ITEMS_SHOWN = 20


def _item(suggestion: Suggestion, name_of, deal_names: dict[int, str]) -> str:  # noqa: ANN001
    from battlemap.mail.selectors.suggestions import suggestion_value_label

    lang = active_language()
    who = suggestion.name or name_of(suggestion.email)
    if suggestion.kind == Suggestion.Kind.PERSON:
        return labelled(lang, suggestion.get_kind_display(), who)
    value = (
        name_of(suggestion.value)
        if suggestion.kind == Suggestion.Kind.REPORTS_TO
        else suggestion_value_label(suggestion, deal_names)
    )
    return labelled(lang, suggestion.get_kind_display(), f"{who} → {value}")


def accept_all_batch_rows(account, limit: int = 5, index=None) -> list[BatchRow]:  # noqa: ANN001
    """The latest live accept-all batches (`accept_all_batches`), each with when, by whom, how many and what:
    one query a batch, and one for the account's people (none with the request's `index`), one for its deals and
    two for the names of the addresses shown that are no person's e-mail."""
    from battlemap.mail.selectors.people import person_index
    from battlemap.mail.selectors.suggestions import learn_addresses, person_of_address

    batches = accept_all_batches(account, limit=limit)
    if not batches:
        return []
    index = index or person_index(account)
    deal_names = dict(account.deals.values_list("pk", "name"))

    def name_of(email: str) -> str:
        person = person_of_address(account, email, index)
        return person.name if person is not None else email

    decided_of = {
        batch: list(
            Suggestion.objects.filter(pk__in=batch_suggestion_ids(account, batch))
            .select_related("decided_by")
            .order_by("decided_at", "pk")
        )
        for batch in batches
    }
    shown = [s for decided in decided_of.values() for s in decided[:BATCH_ITEMS_SHOWN]]
    learn_addresses(
        account,
        index,
        {s.email for s in shown if not s.name}
        | {s.value for s in shown if s.kind == Suggestion.Kind.REPORTS_TO},
    )
    rows = []
    for batch, decided in decided_of.items():
        first = decided[0] if decided else None
        user = first.decided_by.get_username() if first and first.decided_by else ""
        items = tuple(_item(s, name_of, deal_names) for s in decided[:BATCH_ITEMS_SHOWN])
        rows.append(
            BatchRow(
                batch, first.decided_at if first else None, len(decided), user, items,
                max(0, len(decided) - BATCH_ITEMS_SHOWN),
            )
        )  # fmt: skip
    return rows
