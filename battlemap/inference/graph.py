"""The communication graph built from message records: who writes to whom, when, in which thread."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import networkx as nx

from battlemap.io.mail.records import MessageRecord
from battlemap.io.names import display_name

_REPLY_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|sv|vs|antw|答复|回复|转发)\s*(\[\d+\])?\s*[:：]\s*)+", re.IGNORECASE
)


def thread_subject(subject: str) -> str:
    """The thread key of a subject: its leading reply and forward prefixes (Re:, Fwd:, AW:, 回复:, repeated)
    removed, trimmed and lower-cased."""
    return _REPLY_PREFIX.sub("", subject).strip().lower()


def is_reply_subject(subject: str) -> bool:
    """Whether a subject starts with one of the prefixes `thread_subject` removes, but not with FW, Fwd or
    转发: a forward is not a reply."""
    return bool(_REPLY_PREFIX.match(subject)) and not subject.strip().lower().startswith(
        ("fw", "fwd", "转发")
    )


@dataclass(slots=True)
class Message:
    """One item reduced to what inference needs; addresses are node ids (lower-cased e-mail)."""

    uid: str
    kind: str
    when: datetime | None
    sender: str
    recipients: tuple[str, ...]
    thread: str
    parent: str = ""  # uid of the message this one answers, when known or rebuilt
    left_out: int = 0  # a broadcast's recipients not kept (io.mail.records.without_broadcast_recipients)


@dataclass(slots=True)
class MailGraph:
    messages: list[Message]
    names: dict[str, str]
    graph: nx.DiGraph  # edge u->v, attribute weight = messages from u that reached v
    replies: list[tuple[str, str, float]] = field(default_factory=list)  # (replier, replied_to, hours)

    @property
    def people(self) -> list[str]:
        return sorted(self.graph.nodes)


def _rebuild_parents(messages: list[Message], subjects: dict[str, str], explicit: dict[str, str]) -> None:
    """Link replies to the message they answer: In-Reply-To first, else the latest earlier message of the
    same subject thread that the replier received from one of the reply's recipients."""
    by_uid = {m.uid: m for m in messages}
    by_thread: dict[str, list[Message]] = defaultdict(list)
    dated = [m for m in messages if m.when is not None]
    for message in sorted(dated, key=lambda m: m.when or datetime.min):
        parent_uid = explicit.get(message.uid, "")
        if parent_uid in by_uid:
            message.parent = parent_uid
        elif is_reply_subject(subjects[message.uid]) and message.thread:
            for earlier in reversed(by_thread[message.thread][-30:]):
                if message.sender in earlier.recipients and earlier.sender in message.recipients:
                    message.parent = earlier.uid
                    break
        if message.thread:
            by_thread[message.thread].append(message)


def build_graph(records: Iterable[MessageRecord], *, members: set[str] | None = None) -> MailGraph:
    """Graph over `members` (all addresses when None): only messages sent by members, keeping only member
    recipients."""
    messages: list[Message] = []
    names: dict[str, str] = {}
    written: dict[str, Counter[str]] = {}  # e-mail -> the names it is read under (display_name) -> messages
    raw: dict[tuple[str, str], str] = {}  # (e-mail, name read) -> the display name as first written
    readings: dict[str, str] = {}  # display name -> display_name of it, read once
    subjects: dict[str, str] = {}
    explicit: dict[str, str] = {}
    graph = nx.DiGraph()
    seen: set[str] = set()
    for record in records:
        if record.uid in seen or record.sender is None:
            continue
        seen.add(record.uid)
        for addr in record.participants:
            # a header showing the address as its name says nothing
            if addr.name and (named := readings.get(addr.name)) is None:
                named = readings[addr.name] = display_name(addr.name)
            if addr.name and named:
                written.setdefault(addr.email, Counter())[named] += 1
                raw.setdefault((addr.email, named), addr.name)
        sender = record.sender.email
        recipients = tuple(
            a.email
            for a in record.recipients
            if a.email != sender and (members is None or a.email in members)
        )
        if members is not None and sender not in members:
            continue  # mail from outside (our side included) says nothing about rank inside the customer
        message = Message(
            record.uid,
            record.kind,
            record.occurred_at,
            sender,
            recipients,
            thread_subject(record.subject),
            left_out=record.left_out,
        )
        messages.append(message)
        subjects[record.uid] = record.subject
        if record.in_reply_to:
            explicit[record.uid] = record.in_reply_to
        graph.add_node(sender)
        for recipient in recipients:
            if graph.has_edge(sender, recipient):
                graph[sender][recipient]["weight"] += 1
            else:
                graph.add_edge(sender, recipient, weight=1)
    # the name an address carries most often (ties: the first read), not its first: one message from
    # "李娜 采购部部长" among three from "李娜" does not rename her (review h4 #5)
    for email, counts in written.items():
        names[email] = raw[(email, counts.most_common(1)[0][0])]
    _rebuild_parents(messages, subjects, explicit)
    by_uid = {m.uid: m for m in messages}
    replies = []
    for message in messages:
        parent = by_uid.get(message.parent)
        if parent is not None and parent.when and message.when and message.sender != parent.sender:
            hours = max((message.when - parent.when).total_seconds() / 3600.0, 0.0)
            replies.append((message.sender, parent.sender, hours))
    return MailGraph(messages=messages, names=names, graph=graph, replies=replies)
