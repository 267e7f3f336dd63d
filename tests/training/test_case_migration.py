"""Cases kept before cases carried no typed text are rebuilt by training's migration 0002: the same
people, reference and answer, and none of the typed text (first names, short company names, places)
left in the case, its history or the reasons its attempts quote."""

from __future__ import annotations

import copy
import importlib
import json

import pytest
from django.apps import apps

from battlemap.training import scenarios
from battlemap.training.models import Attempt, Case

pytestmark = pytest.mark.django_db

TYPED = ["Laura", "Fleetwise", "Leeds"]


def _as_kept_before(data):
    """A case as the old code kept it: typed text in the map, the narrative and the reasons."""
    old = copy.deepcopy(data)
    person = old["map"]["people"][1]
    person["title"] = "Head of Operations, Leeds"
    person["organisation"] = "Fleetwise Advisory"
    person["portrait"]["notes"] = "Laura: CFO wants a lower year-one price"
    old["map"]["deals"][0]["roles"][0]["plan"] = "Commercial approach with Laura"
    for text in old["text"].values():
        text["documents"].append(
            {"kind": "notes", "title": "Notes", "body": "Depot visit in Leeds (Fleetwise)"}
        )
        text["reasons"][f"attitude:{person['id']}"] = "Depot visit in Leeds (Fleetwise)"
    return old


def test_a_case_kept_before_is_rebuilt_without_typed_text(world, case):
    old = _as_kept_before(case.data)
    Case.objects.filter(pk=case.pk).update(data=old)
    Case.history.filter(id=case.pk).update(data=old)
    leaked = {"items": [{"key": "decision_maker", "because": "Laura decides, says Fleetwise"}]}
    attempt = Attempt.objects.create(
        user=world.teammate,
        scenario=case.key,
        title="t",
        number=1,
        lang="en",
        submission={},
        result=leaked,
        percent=0,
    )
    migration = importlib.import_module("battlemap.training.migrations.0002_cases_carry_no_typed_text")
    migration.rebuild_cases(apps, None)

    case.refresh_from_db()
    attempt.refresh_from_db()
    kept = [json.dumps(x, ensure_ascii=False) for x in (case.data, attempt.result)]
    kept += [json.dumps(h.data, ensure_ascii=False) for h in Case.history.filter(id=case.pk)]
    kept += [json.dumps(h.result, ensure_ascii=False) for h in Attempt.history.filter(id=attempt.pk)]
    for text in kept:
        for word in TYPED:
            assert word not in text, word
    for lang in scenarios.LANGS:  # the same reference, and every reason is in the rebuilt narrative
        before, after = scenarios.reference_of(old, lang), scenarios.reference_of(case.data, lang)
        assert (after.roles, after.attitudes, after.links, after.decision_maker, after.flags) == (
            before.roles,
            before.attitudes,
            before.links,
            before.decision_maker,
            before.flags,
        )
    scenarios.check_scenario(case.data, flags_quoted=False)
    assert [p["name"] for p in case.data["map"]["people"]] == [p["name"] for p in old["map"]["people"]]
    assert (
        attempt.result["items"][0]["because"]
        == scenarios.reference_of(case.data, "en").reasons["decision_maker"]
    )
