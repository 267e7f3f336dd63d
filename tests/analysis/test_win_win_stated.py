"""The win-win table lists a key person's personal win or its gap, and anyone else's personal win once stated:
a new user typed one for a purchaser of influence 3 in the deal room and found it in no win-win list."""

from __future__ import annotations

from battlemap.analysis.engine import analyze

from .builders import ZHANG, healthy_snapshot, with_stakeholder


def _win_win(snap) -> dict[int, str]:
    (deal,) = analyze(snap, lang="zh").deals
    return {row.person_id: row.personal_win for row in deal.win_win}


def test_a_stated_personal_win_of_someone_not_key_is_listed():
    snap = with_stakeholder(
        healthy_snapshot(), ZHANG, roles=("purchaser",), influence=3, personal_win="进入信息化领导小组"
    )
    assert _win_win(snap)[ZHANG] == "进入信息化领导小组"


def test_someone_not_key_without_a_stated_win_is_no_gap():
    snap = with_stakeholder(healthy_snapshot(), ZHANG, roles=("purchaser",), influence=3, personal_win="")
    assert ZHANG not in _win_win(snap)
