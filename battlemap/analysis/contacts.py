"""One pass over the interactions: per person, when we last had contact and last met them.

Everything else (met, engaged, stale, freshness) reads this index, so no analysis loops over
people × interactions. Interactions after `today` have not happened yet and are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .settings import AnalysisSettings
from .types import MapSnapshot
from .vocab import MEETING_KINDS


@dataclass(frozen=True)
class ContactIndex:
    today: date
    last_contact: dict[int, date]  # any interaction
    last_met: dict[int, date]  # meeting, call or visit
    stale_days: int

    def met(self, person_id: int) -> bool:
        return person_id in self.last_met

    def days_since_contact(self, person_id: int) -> int | None:
        last = self.last_contact.get(person_id)
        return None if last is None else (self.today - last).days

    def engaged(self, person_id: int) -> bool:
        """Any interaction with us in the last `stale_days` days (DESIGN.md: engaged)."""
        days = self.days_since_contact(person_id)
        return days is not None and days <= self.stale_days

    def contacted(self, person_id: int) -> bool:
        return person_id in self.last_contact


def build_contact_index(snapshot: MapSnapshot, settings: AnalysisSettings) -> ContactIndex:
    today = snapshot.today
    last_contact: dict[int, date] = {}
    last_met: dict[int, date] = {}
    meeting_kinds = frozenset(MEETING_KINDS)
    for interaction in snapshot.interactions:
        when = interaction.occurred_on
        if when > today:
            continue
        is_meeting = interaction.kind in meeting_kinds
        for pid in interaction.participants:
            seen = last_contact.get(pid)
            if seen is None or when > seen:
                last_contact[pid] = when
            if is_meeting:
                seen = last_met.get(pid)
                if seen is None or when > seen:
                    last_met[pid] = when
    return ContactIndex(today, last_contact, last_met, settings.stale_days)
