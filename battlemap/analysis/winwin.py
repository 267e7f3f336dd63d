"""Win-win table (双赢): for each key person, and anyone else whose personal win is stated, the business win, their
personal win (or a gap), our win."""

from __future__ import annotations

from .coverage import active_stakeholders, is_key_person, personal_win_of
from .settings import AnalysisSettings
from .types import DealInfo, PersonInfo, WinWinRow


def win_win_table(
    deal: DealInfo, people: dict[int, PersonInfo], settings: AnalysisSettings
) -> tuple[WinWinRow, ...]:
    """One `WinWinRow` per active key person (`coverage.is_key_person`) and per other active stakeholder whose
    personal win is stated (a new user typed one for a purchaser of influence 3 and found it in no win-win list): the
    deal's business win and our win, and their personal win ("" is a gap, only a key person's); gaps first, then by
    name (DESIGN.md §2)."""
    rows = [
        WinWinRow(
            person_id=sh.person_id,
            name=people[sh.person_id].name,
            roles=sh.roles,
            business_win=deal.customer_win,
            personal_win=personal_win_of(sh, people),
            our_win=deal.our_win,
        )
        for sh in active_stakeholders(deal, people)
        if is_key_person(sh, settings) or personal_win_of(sh, people)
    ]
    return tuple(sorted(rows, key=lambda r: (bool(r.personal_win), r.name)))
