"""Flags are a registry keyed by code; key person, stale and health band are judged once, in the result."""

from __future__ import annotations

from battlemap.analysis import DEFAULT_SETTINGS, analyze
from battlemap.analysis.flag_registry import FLAG_CODES
from battlemap.analysis.flag_texts import TEXT
from battlemap.analysis.flags import FLAG_RULES  # flags.py imports every rule module

from .builders import LI, WANG, healthy_snapshot, with_person, with_stakeholder


def test_every_flag_code_has_one_registered_rule():
    assert tuple(FLAG_RULES) == FLAG_CODES


def test_every_flag_code_has_its_reason_and_action():
    assert tuple(TEXT) == FLAG_CODES
    assert all(len(TEXT[code]) == 2 and all(TEXT[code]) for code in FLAG_CODES)


def test_coverage_holders_say_who_is_key_and_stale():
    deal = analyze(healthy_snapshot()).deals[0]
    holders = {h.person_id: h for row in deal.coverage for h in row.holders}
    assert holders[WANG].key and WANG in deal.key_people
    assert all(h.key == (h.person_id in deal.key_people) for h in holders.values())
    assert not holders[WANG].stale


def test_a_person_who_left_holds_no_role_and_is_not_key():
    deal = analyze(with_person(healthy_snapshot(), WANG, status="left")).deals[0]
    assert WANG not in {h.person_id for row in deal.coverage for h in row.holders}
    assert WANG not in deal.key_people


def test_health_band_comes_with_the_score():
    health = analyze(healthy_snapshot()).deals[0].health
    assert health.band == DEFAULT_SETTINGS.health_band(health.score)
    assert [DEFAULT_SETTINGS.health_band(s) for s in (70, 69, 40, 39, None)] == [
        "good",
        "fair",
        "fair",
        "poor",
        "",
    ]


def test_influence_from_the_key_threshold_makes_a_key_person():
    low = with_stakeholder(
        healthy_snapshot(), LI, roles=("user",), influence=DEFAULT_SETTINGS.key_influence - 1
    )
    high = with_stakeholder(low, LI, influence=DEFAULT_SETTINGS.key_influence)
    assert LI not in analyze(low).deals[0].key_people
    assert LI in analyze(high).deals[0].key_people
