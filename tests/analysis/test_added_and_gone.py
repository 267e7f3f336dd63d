"""A person added to the map who left the customer in the same window is said to have left, not only to have
been added (trial: the departure went unsaid) — but only when the map's history saw them with the customer
in the window (`present`): a former employee imported as already gone never left in it."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze, changes_between
from battlemap.analysis.types import PersonInfo

from .builders import healthy_snapshot


def _with_newcomers(snapshot):
    return replace(
        snapshot,
        people=(
            *snapshot.people,
            PersonInfo(91, "陈刚", status="left"),  # joined in the week, left in it
            PersonInfo(92, "周敏", status="left"),  # imported as a former employee
        ),
    )


def test_a_person_added_and_gone_in_the_window_reads_left_too():
    before = healthy_snapshot()
    changes = changes_between(
        analyze(before, lang="en"), analyze(_with_newcomers(before), lang="en"), present={91}
    )
    assert [p.person_id for p in changes.people_added] == [91, 92]
    assert [(p.person_id, p.detail) for p in changes.people_left] == [(91, "left the customer")]


def test_without_the_history_a_person_added_as_gone_is_only_added():
    before = healthy_snapshot()
    changes = changes_between(analyze(before), analyze(_with_newcomers(before)))
    assert [p.person_id for p in changes.people_added] == [91, 92]
    assert changes.people_left == ()


def test_a_flag_gone_because_its_people_left_is_not_resolved():
    """The decision maker we never met left the customer: What changed and This week listed "✓ Decision maker not
    met" among the resolved flags, as if we had met them; the departure says what happened (people left)."""
    from .builders import WANG, with_person, without_interactions_of

    before = without_interactions_of(healthy_snapshot(), WANG)
    after = with_person(before, WANG, status="left")
    was = analyze(before, lang="en")
    assert "decision_maker_not_met" in {f.code for d in was.deals for f in d.flags}
    changes = changes_between(was, analyze(after, lang="en"), present={WANG})
    assert "decision_maker_not_met" not in {f.code for f in changes.resolved_flags}
    assert [p.person_id for p in changes.people_left] == [WANG]
    # met instead: resolved
    met = changes_between(was, analyze(healthy_snapshot(), lang="en"))
    assert "decision_maker_not_met" in {f.code for f in met.resolved_flags}
