"""A notice to the whole company counts as its sender's broadcast (a signal of a quiet top person), also when
the ingest kept none of its recipients: more than MAIL_BROADCAST_ADDRESSES addresses, only the count is kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import numpy as np

from battlemap.inference.features import relational_features
from battlemap.inference.graph import build_graph
from battlemap.io.mail.records import Address, MessageRecord, without_broadcast_recipients

CEO, STAFF = "ceo@cust.example", [f"p{i}@cust.example" for i in range(300)]


def _broadcasts(records: list[MessageRecord]) -> float:
    mail = build_graph(records)
    people = sorted(mail.graph.nodes)
    features = relational_features(mail, people, np.full(len(people), 0.5))
    return features["broadcasts"][people.index(CEO)]


def test_a_notice_to_300_people_is_a_broadcast_whether_its_recipients_were_kept_or_not():
    notice = MessageRecord(
        "all-hands@x",
        "email",
        datetime(2026, 11, 2, 9, tzinfo=UTC),
        Address(CEO),
        tuple(Address(e) for e in STAFF),
        subject="致全体员工",
    )
    reply = replace(notice, uid="r@x", sender=Address(STAFF[0]), to=(Address(CEO),), subject="Re: 致全体员工")
    bounded = without_broadcast_recipients(notice, 100, keep=lambda a: False)
    assert bounded.recipients == () and bounded.left_out == 300  # what the ingest stores of it
    assert _broadcasts([notice, reply]) == _broadcasts([bounded, reply]) == 1.0
