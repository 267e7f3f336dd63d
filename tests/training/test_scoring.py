"""The pure scoring of training scenarios (no Django): hand-made submissions against a reference, and
the library's scenarios are complete and in the map format."""

import json
from pathlib import Path

import jsonschema
import pytest

from battlemap.training import roleplay, scenarios, scoring
from battlemap.vocab import BUYING_ROLES, DECISION_STYLES, FLAGS

SCHEMA = json.loads(
    (Path(scoring.__file__).resolve().parents[1] / "io" / "mapformat" / "map_format_schema.json").read_text()
)


def tiny():
    """A reference by hand: 1 decides (supporter, 5), 2 is an opponent influencer (4) who sways 1,
    3 is a user (neutral, 2); 4 has no role. Flags: decision maker not met, opponent not addressed."""
    return scenarios.Reference(
        people=(1, 2, 3, 4),
        roles={1: frozenset({"decision_maker"}), 2: frozenset({"influencer"}), 3: frozenset({"user"})},
        attitudes={1: "supporter", 2: "opponent", 3: "neutral"},
        influence={1: 5, 2: 4, 3: 2},
        links=frozenset({(2, 1)}),
        decision_maker=1,
        flags=frozenset({"decision_maker_not_met", "unaddressed_opponent"}),
        reasons={"decision_maker": "Chair decides.", "attitude:2": "He hates us."},
    )


def sub(**kw):
    base = dict(
        roles={}, attitudes={}, influence={}, links=frozenset(), decision_maker=None, flags=frozenset()
    )
    return scoring.Submission(**{**base, **kw})


PERFECT = sub(
    roles={1: frozenset({"decision_maker"}), 2: frozenset({"influencer"}), 3: frozenset({"user"})},
    attitudes={1: "supporter", 2: "opponent", 3: "neutral"},
    influence={1: 5, 2: 4, 3: 2},
    links=frozenset({(2, 1)}),
    decision_maker=1,
    flags=frozenset({"decision_maker_not_met", "unaddressed_opponent"}),
)


def test_a_perfect_map_scores_every_item_with_its_reason():
    result = scoring.score(tiny(), PERFECT)
    # 1 decision maker + 3 roles + 3 attitudes + 3 influence + 1 link + 2 flags
    assert (result.right, result.total, result.percent) == (13, 13, 100)
    by_key = {i.key: i for i in result.items}
    assert by_key["decision_maker"].because == "Chair decides."
    assert by_key["attitude:2"].because == "He hates us."


def test_a_half_right_map_scores_half():
    half = sub(
        roles={1: frozenset({"decision_maker"}), 2: frozenset({"influencer"})},  # 2 of 3 roles
        attitudes={1: "supporter", 2: "neutral", 3: "neutral"},  # 2 of 3
        influence={1: 4, 2: 2, 3: 5},  # 5→4 is within one step; 4→2 and 2→5 are not: 1 of 3
        links=frozenset(),  # 0 of 1
        decision_maker=1,  # 1 of 1
        flags=frozenset({"decision_maker_not_met", "no_champion"}),  # 1 of 2, plus one extra
    )
    result = scoring.score(tiny(), half)
    assert (result.right, result.total) == (7, 14)
    assert result.percent == 50
    extra = [i for i in result.items if i.extra]
    assert [(i.key, i.right) for i in extra] == [("flag:no_champion", False)]


def test_an_all_wrong_map_scores_nothing_and_ticking_everything_does_not_pay():
    wrong = sub(
        roles={4: frozenset({"decision_maker"})},
        attitudes={1: "opponent", 2: "advocate", 3: "skeptic"},
        influence={1: 1, 2: 1, 3: 5},
        links=frozenset({(1, 2)}),
        decision_maker=4,
        flags=frozenset({"no_champion"}),
    )
    result = scoring.score(tiny(), wrong)
    assert result.right == 0 and result.percent == 0
    everything = sub(
        roles={p: frozenset(BUYING_ROLES.codes) for p in (1, 2, 3, 4)},
        flags=frozenset(FLAGS.codes),
        decision_maker=1,
    )
    assert scoring.score(tiny(), everything).percent < 20


def test_the_stored_result_keeps_what_was_expected():
    stored = scoring.result_json(scoring.score(tiny(), sub()))
    row = next(r for r in stored["items"] if r["key"] == "attitude:2")
    assert (row["right"], row["expected"], row["because"]) == (False, "opponent", "He hates us.")


@pytest.mark.parametrize(
    "raw, field",
    [
        ({"people": [{"person": 99}]}, "people[0].person"),
        ({"people": [{"person": 1, "roles": ["boss"]}]}, "people[0].roles"),
        ({"people": [{"person": 1, "attitude": "happy"}]}, "people[0].attitude"),
        ({"people": [{"person": 1, "influence": 9}]}, "people[0].influence"),
        ({"links": [{"from": 1, "to": 1}]}, "links[0].to"),
        ({"links": [{"from": 1, "to": "x"}]}, "links[0].to"),
        ({"decision_maker": 42}, "decision_maker"),
        ({"flags": ["on_fire"]}, "flags"),
        ([], "submission"),
    ],
)
def test_a_bad_submission_names_the_field(raw, field):
    with pytest.raises(scoring.SubmissionError) as caught:
        scoring.parse_submission(raw, {1, 2, 3})
    assert caught.value.field == field


def test_a_submission_reads_back_as_it_is_stored():
    raw = PERFECT.as_json()
    assert scoring.parse_submission(raw, {1, 2, 3, 4}) == PERFECT


def test_the_library_has_four_complete_bilingual_scenarios_in_the_map_format():
    library = scenarios.load_library()
    assert len(library) >= 4
    for slug, scenario in library.items():
        scenarios.check_scenario(scenario, slug)  # every reason quoted word for word from its narrative
        for lang in scenarios.LANGS:
            jsonschema.validate(scenarios.scenario_map(scenario, lang), SCHEMA)
            perfect = _perfect(scenarios.reference_of(scenario, lang))
            result = scoring.score(scenarios.reference_of(scenario, lang), perfect)
            assert result.percent == 100 and all(i.because for i in result.items), (slug, lang)
        zh, en = (scenarios.scenario_map(scenario, lang) for lang in scenarios.LANGS)
        assert [p["name"] for p in zh["people"]] != [p["name"] for p in en["people"]]


def _perfect(ref):
    return scoring.Submission(
        roles=dict(ref.roles),
        attitudes=dict(ref.attitudes),
        influence=dict(ref.influence),
        links=ref.links,
        decision_maker=ref.decision_maker,
        flags=ref.flags,
    )


def test_a_scenario_whose_quote_is_not_in_the_narrative_is_refused():
    scenario = json.loads(json.dumps(next(iter(scenarios.load_library().values()))))
    scenario["text"]["en"]["reasons"]["decision_maker"] = "words nobody wrote"
    with pytest.raises(scenarios.ScenarioError, match="not found in the narrative"):
        scenarios.check_scenario(scenario)


def test_role_play_prompts_cover_every_role_and_style_in_both_languages():
    for lang in ("zh", "en"):
        cards = roleplay.role_cards(BUYING_ROLES.codes, lang)
        assert [c["role"] for c in cards] == list(BUYING_ROLES.codes)
        assert all(c["cares"] and len(c["ask"]) >= 2 and c["objections"] for c in cards)
        assert all(roleplay.style_advice(s, lang)["advice"] for s in DECISION_STYLES.codes)
    assert roleplay.role_cards(["user"], "zh")[0]["label"] == "使用者"


def test_the_scoring_stays_pure():
    import subprocess
    import sys

    code = (
        "import sys, battlemap.training.scoring, battlemap.training.roleplay; print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
