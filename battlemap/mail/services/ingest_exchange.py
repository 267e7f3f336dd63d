"""Exchange addresses that carry no SMTP address, matched by display name or mail alias during an ingest."""

from __future__ import annotations

import re
from dataclasses import replace

from battlemap.io.mail import Address, MessageRecord
from battlemap.io.matching import email_key, match_name
from battlemap.mail.selectors.people import PersonIndex
from battlemap.mail.services.ingest_report import IngestReport


def names_in_files(records: list[MessageRecord]) -> dict[str, str]:
    """Display name -> the one SMTP address it is written with in the files (names written with two
    addresses are left out). Only built when some Exchange address needs it."""
    if not any(r.unresolved for r in records):
        return {}
    seen: dict[str, set[str]] = {}
    for record in records:
        for address in record.participants:
            if address.name:
                seen.setdefault(match_name(address.name), set()).add(address.email)
    return {name: next(iter(emails)) for name, emails in seen.items() if len(emails) == 1}


def aliases_of(index: PersonIndex) -> dict[str, str]:
    """The local part of each account person's e-mail as an Exchange alias (`zhou.min@…` → `zhoumin`) -> the
    e-mail; aliases two people share are left out."""
    seen: dict[str, set[str]] = {}
    for email in index.by_email:
        local = re.sub(r"[^0-9a-z]", "", email.partition("@")[0].lower())
        if local:
            seen.setdefault(local, set()).add(email)
    return {alias: next(iter(emails)) for alias, emails in seen.items() if len(emails) == 1}


def resolve_exchange(
    record: MessageRecord,
    index: PersonIndex,
    names: dict[str, str],
    aliases: dict[str, str],
    report: IngestReport,
) -> MessageRecord:
    """Exchange addresses that carry no SMTP address are matched by display name: to a person of the account
    with an e-mail, else to the one address the same name is written with elsewhere in the files, else by the
    mail alias the X.500 DN ends with to the one person whose e-mail has it as local part (`…-fengxue` →
    feng.xue@…: a Chinese colleague written as "Feng Xue"); the others are counted as skipped, never
    suggested. A calendar's organiser or attendee with a name and no address (`calendar._name_alone`) is matched
    the same way; a name no one person on the map bears goes to `report.unmatched_attendees`."""
    if not record.unresolved:
        return record
    sender, to, cc = record.sender, list(record.to), list(record.cc)
    remaining: list[tuple[str, str]] = []  # still unmatched: a later ingest may match them
    for header, name, alias in record.unresolved:
        person = index.named(name)
        email = (
            email_key(person.email) if person is not None and person.email else names.get(match_name(name))
        ) or aliases.get(alias, "")
        if not email:
            # a calendar's attendee with a name alone (Feishu, DingTalk, WeCom) is no Exchange address: said apart
            (report.unmatched_attendees if record.calendar_event else report.unmatched_names).add(name)
            remaining.append((header, name, alias))
            continue
        address = Address(email, name)
        if header == "from" and sender is None:
            sender = address
        elif address not in to and address not in cc:
            (cc if header == "cc" else to).append(address)
    return replace(record, sender=sender, to=tuple(to), cc=tuple(cc), unresolved=tuple(remaining))
