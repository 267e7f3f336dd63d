"""Mail through a mailing list or from a group mailbox (`through_list`): the list's own address is nobody, and
a relay's "张伟 via MES项目组" is no one's name — the person who wrote is in Reply-To (review h4 #4)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from battlemap.io.mail.records import Address

LIST_HEADERS = ("list-id", "list-post", "reply-to")  # headers.WANTED keeps them

# "张伟 via MES项目组", "'Amy Wu' via Sales Team": Google Groups, Mailman's from-munging, Exchange's relays
_VIA = re.compile(r"^\s*(.+?)\s+via\s+\S.*$", re.IGNORECASE)
_ID = re.compile(r"<([^<>\s]+)>")
_MAILTO = re.compile(r"<mailto:([^<>?\s]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Relayed:
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    automatic: bool  # the list's own notice: no person wrote it


def list_addresses(headers: dict[str, str], addresses: tuple[Address, ...]) -> set[str]:
    """The addresses of `addresses` that are the list's own: List-Post's mailto, or the address List-Id names
    (RFC 2919: `<mes-project.jnjm.com.cn>` is mes-project@jnjm.com.cn written with a dot)."""
    found = {m.lower() for m in _MAILTO.findall(headers.get("list-post", ""))}
    if ids := _ID.findall(headers.get("list-id", "")):
        found |= {a.email for a in addresses if f"{a.email.partition('@')[0]}.{a.domain}" == ids[0].lower()}
    return found


def through_list(
    headers: dict[str, str],
    sender: Address | None,
    to: tuple[Address, ...],
    cc: tuple[Address, ...],
    reply_to: tuple[Address, ...],
) -> Relayed:
    """A message's sender and recipients with the list taken out. A sender whose name says "X via Y" relays for
    the one person in Reply-To (not the list): that person is the sender, named as Reply-To names them, else X;
    with no such Reply-To the relay keeps its address and loses the name. The list's own address (`list_addresses`)
    is no recipient; a message from it with no person behind it is the list's notice (`automatic`)."""
    lists = list_addresses(headers, (*(() if sender is None else (sender,)), *to, *cc))
    listed = bool(lists) or headers.get("precedence", "").strip().lower() == "list"
    person = [a for a in reply_to if a.email not in lists]
    via = _VIA.match(sender.name) if sender is not None else None
    if sender is not None and via is not None:
        if len(person) == 1 and person[0].email != sender.email:
            if listed:
                lists.add(sender.email)
            sender = Address(person[0].email, person[0].name or via[1].strip("'\" "))
        else:
            sender = Address(sender.email)  # the relay's address; "X via Y" names nobody
    elif sender is not None and sender.email in lists and len(person) == 1:
        sender = Address(person[0].email, person[0].name)
    automatic = sender is not None and sender.email in lists
    return Relayed(
        sender,
        tuple(a for a in to if a.email not in lists),
        tuple(a for a in cc if a.email not in lists),
        automatic,
    )
