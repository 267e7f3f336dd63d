"""Reading merges of two records of the same person (people.services.merge.person_merge writes them).

The survivor's history records each merge with the reason `merged:<ids>` (the duplicate's deletion:
`merged:into <id>`), so the person's history panel can show the merged records' past too.
"""

from __future__ import annotations

from battlemap.people.models import Person

MERGE_REASON_PREFIX = "merged:"


def merged_ids(person_id: int) -> list[int]:
    """Ids of the records merged into this person, directly or through earlier merges."""
    reasons = Person.history.filter(id=person_id, history_change_reason__startswith=MERGE_REASON_PREFIX)
    ids: list[int] = []
    for reason in reasons.values_list("history_change_reason", flat=True):
        body = reason[len(MERGE_REASON_PREFIX) :]
        if body.startswith("into"):
            continue
        ids.extend(int(i) for i in body.split(",") if i.strip().isdigit())
    return ids


def merged_into(person_id: int) -> int | None:
    """The record a deleted person lives on in after merges (`merged:into <id>` on their deletion, followed
    through later merges), or None when they were not merged away."""
    seen: set[int] = set()
    current: int | None = None
    while person_id not in seen:
        seen.add(person_id)
        reason = (
            Person.history.filter(
                id=person_id, history_type="-", history_change_reason__startswith="merged:into"
            )
            .values_list("history_change_reason", flat=True)
            .first()
        )
        body = (reason or "")[len(MERGE_REASON_PREFIX + "into") :].strip()
        if not body.isdigit():
            return current
        current = person_id = int(body)
    return current
