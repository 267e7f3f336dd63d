"""Coverage of a deal: for each buying role, who holds it, whether we met them, their attitude,
relationship and last contact, and at which decision-chain stages the role matters."""

from __future__ import annotations

from .contacts import ContactIndex
from .settings import AnalysisSettings
from .types import Coverage, CoverageHolder, DealInfo, PersonInfo, StakeholderInfo
from .vocab import ROLES


def active_stakeholders(deal: DealInfo, people: dict[int, PersonInfo]) -> list[StakeholderInfo]:
    """Stakeholders who are on the map and still with the customer."""
    return [sh for sh in deal.stakeholders if sh.person_id in people and people[sh.person_id].active]


def deal_coverage(
    deal: DealInfo, people: dict[int, PersonInfo], contacts: ContactIndex, settings: AnalysisSettings
) -> tuple[Coverage, ...]:
    stakeholders = active_stakeholders(deal, people)
    rows = []
    for role in ROLES:
        holders = tuple(
            CoverageHolder(
                person_id=sh.person_id,
                name=people[sh.person_id].name,
                met=contacts.met(sh.person_id),
                engaged=contacts.engaged(sh.person_id),
                attitude=sh.attitude,
                relationship=sh.relationship,
                last_contact=contacts.last_contact.get(sh.person_id),
            )
            for sh in stakeholders
            if role in sh.roles
        )
        stages = tuple(stage for stage, roles in settings.stage_roles.items() if role in roles)
        rows.append(Coverage(role=role, holders=holders, stages=stages))
    return tuple(rows)
