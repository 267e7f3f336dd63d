"""Reads: the account's people by the keys mail addresses are matched by (`PersonIndex`), the names stored mail
was sent under (`latest_sender_names`), and the names calendar attendees carry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from battlemap.accounts.models import Account
from battlemap.io.mail.records import Address
from battlemap.io.matching import email_key, emails_differ, match_name, name_orders, other_order
from battlemap.mail.models import MailItem
from battlemap.people.models import Person

# archives repeat the same few thousand addresses hundreds of thousands of times
cached_email_key = lru_cache(maxsize=65536)(email_key)


@dataclass
class PersonIndex:
    """Account people by e-mail, then by display name (only names that are unique in the account), both by
    the matching keys of `battlemap.io.text` (`email_key`, `match_name`: NFKC, full-width, spaces, case).
    A name matches only a person without an e-mail: one whose e-mail is another is another person of that name
    (`emails_differ`, the people import's rule) — `namesake` names them."""

    by_email: dict[str, Person]
    by_name: dict[str, Person]
    shared_names: dict[str, int] = field(default_factory=dict)  # name key -> people (2 or more) of that name
    # what the run this index serves has read of addresses that are no person's e-mail (the stored mail and the
    # suggestions do not change within it): e-mail key -> the name its latest message was sent under ("": none)
    # (`mail.selectors.suggestions.person_of_address`), and -> the name of the new person suggested for it
    # ("": none) (`suggested_name`); `learn_addresses` reads many at once
    sender_names: dict[str, str] = field(default_factory=dict)
    suggested_names: dict[str, str] = field(default_factory=dict)

    def match(self, address: Address) -> Person | None:
        person = self.by_email.get(cached_email_key(address.email))
        if person is None and address.name:
            person = self.named(address.name)
            if person is not None and emails_differ(person.email, address.email):
                return None
        return person

    def named(self, name: str) -> Person | None:
        """The one person on the map `name` finds in either order: as written and, written last name first
        after a comma ("Stone, Oliver"), in the stored order (`matching.name_orders`, a manager cell's rule); a
        name of two Latin words in the other order too (`matching.other_order`: "Stone Oliver" is how a
        suggestion and the inference read "Stone, Oliver", its comma dropped, so they find whom the header
        found). None when it finds no one or several (an Oliver Stone and a Stone Oliver: `namesakes` counts
        them) — "Stone, Oliver" was suggested as a second person beside the map's Oliver Stone, or silently
        joined a "Stone Oliver" beside him."""
        found, shared = self.finds(name)
        return found[0] if len(found) == 1 and not shared else None

    def finds(self, name: str) -> tuple[list[Person], int]:
        """The people of the map `name` finds, each once, by the keys of `named` (as written, the stored order,
        two Latin words turned), and how many more it finds among names that several people bear: `named`
        reads one person of it, `namesakes` the count."""
        keys = _name_keys(name)
        found = list({p.pk: p for k in keys if (p := self.by_name.get(k)) is not None}.values())
        return found, sum(self.shared_names.get(k, 0) for k in keys)

    def namesake(self, address: Address) -> Person | None:
        """The one person on the map named as `address` whose e-mail is another (so not matched to it), or None."""
        if not address.name or self.by_email.get(cached_email_key(address.email)) is not None:
            return None
        person = self.named(address.name)
        return person if person is not None and emails_differ(person.email, address.email) else None

    def replace(self, person: Person) -> None:
        """Hold `person` as saved since (a new version, another manager; the same e-mail and name) in place of
        the copy read before: the index stays what `person_index` would read now, so one index serves a run
        that writes people but adds nobody (accept-all)."""
        if (
            person.email
            and getattr(self.by_email.get(key := email_key(person.email)), "pk", None) == person.pk
        ):
            self.by_email[key] = person
        if getattr(self.by_name.get(name := match_name(person.name)), "pk", None) == person.pk:
            self.by_name[name] = person

    def namesakes(self, name: str) -> int:
        """How many people on the map bear `name` when it is not unique (matched to none of them), else 0."""
        if not name:
            return 0
        found, shared = self.finds(name)
        return len(found) + shared if len(found) + shared > 1 else 0


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[str, ...]:
    """The keys of `PersonIndex.named`: archives repeat the same few thousand names hundreds of thousands of
    times."""
    turned = other_order(name)
    return tuple(dict.fromkeys([*name_orders(name), *([match_name(turned)] if turned else [])]))


def person_index(account: Account) -> PersonIndex:
    return index_of(Person.objects.filter(account=account))


def index_of(people: Iterable[Person]) -> PersonIndex:
    """The index of `people` (an account's: rows with `email` and `name`, a migration's historical ones too)."""
    people = list(people)
    by_email = {email_key(p.email): p for p in people if p.email}
    names: dict[str, list[Person]] = {}
    for p in people:
        names.setdefault(match_name(p.name), []).append(p)
    unique = {k: v[0] for k, v in names.items() if len(v) == 1 and k}
    return PersonIndex(by_email, unique, {k: len(v) for k, v in names.items() if len(v) > 1 and k})


def latest_sender_names(account: Account, emails: Iterable[str]) -> dict[str, str]:
    """E-mail key -> the name the latest stored message from that address was sent under ("" when none has a
    name), for every address asked: one query per 500 addresses (the latest by date as the database orders
    dates, then the latest stored)."""
    keys = sorted({email_key(e) for e in emails})
    names = dict.fromkeys(keys, "")
    for start in range(0, len(keys), 500):
        latest = (
            MailItem.objects.filter(account=account, sender_email__in=keys[start : start + 500])
            .exclude(sender_name="")
            .annotate(
                newest=Window(
                    RowNumber(),
                    partition_by=[F("sender_email")],
                    order_by=[F("occurred_at").desc(), F("pk").desc()],
                )
            )
            .filter(newest=1)
            .values_list("sender_email", "sender_name")
        )
        names |= dict(latest)
    return names


def attendee_names(account: Account) -> dict[str, str]:
    """E-mail -> the name (CN) it carries in stored items without a sender (a calendar event without an
    ORGANIZER), which the inference's graph skips, names included: a new-person suggestion for such an
    attendee keeps their name instead of the e-mail's local part. First name seen wins."""
    names: dict[str, str] = {}
    rows = MailItem.objects.filter(account=account, sender_email="").values_list("recipients", flat=True)
    for recipients in rows.iterator():
        for email, name, _header in recipients:
            if name and email not in names:
                names[email] = name
    return names
