"""Reading merges of two records of the same person (people.services.person_merge writes them).

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
