"""Every list of codes in the map format's JSON Schema is a vocabulary's codes, as `battlemap/vocab/` has them: a
new maintainer's trial found `needs_level` without `physiological` (added to the vocabulary later), so an account
whose person had 生理需求 exported a map its own import refused."""

from __future__ import annotations

import pytest

from battlemap import vocab
from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.load import map_import
from battlemap.io.mapformat.schema import schema, schema_error

# where each list of the schema comes from; every enum of the schema must be named here
VOCABULARY_AT = {
    "#/$defs/role": vocab.BUYING_ROLES,
    "#/$defs/stage": vocab.STAGES,
    "#/$defs/body_kind": vocab.BODY_KINDS,
    "#/$defs/step_kind": vocab.PROCESS_STEPS,
    "#/properties/account/properties/lifecycle": vocab.LIFECYCLE,
    "#/properties/people/items/properties/status": vocab.PERSON_STATUSES,
    "#/properties/people/items/properties/external_kind": vocab.EXTERNAL_KINDS,
    "#/properties/people/items/properties/portrait/properties/decision_style": vocab.DECISION_STYLES,
    "#/properties/people/items/properties/portrait/properties/needs_level": vocab.NEEDS_LEVELS,
    "#/properties/influence_links/items/properties/kind": vocab.LINK_KINDS,
    "#/properties/external_factors/items/properties/kind": vocab.FACTOR_KINDS,
    "#/properties/deals/items/properties/status": vocab.DEAL_STATUSES,
    "#/properties/deals/items/properties/decision_factors/propertyNames": vocab.DECISION_FACTORS,
    "#/properties/deals/items/properties/channels/additionalProperties/items": vocab.CHANNELS,
    "#/properties/deals/items/properties/roles/items/properties/attitude": vocab.ATTITUDES,
    "#/properties/deals/items/properties/roles/items/properties/plan_channel": vocab.PLAN_CHANNELS,
    "#/properties/deals/items/properties/roles/items/properties/response_mode": vocab.RESPONSE_MODES,
    "#/properties/deals/items/properties/process/items/properties/status": vocab.STEP_STATUSES,
    "#/properties/decision_bodies/items/properties/decision_rule": vocab.DECISION_RULES,
    "#/properties/interactions/items/properties/kind": vocab.INTERACTION_KINDS,
    "#/properties/interactions/items/properties/source": vocab.INTERACTION_SOURCES,
}


def _enums(node, path="#"):
    if isinstance(node, dict):
        if "enum" in node:
            yield path, node["enum"]
        for key, value in node.items():
            yield from _enums(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _enums(value, f"{path}/{i}")


def test_every_list_of_codes_in_the_schema_is_its_vocabulary():
    found = dict(_enums(schema()))
    assert set(found) == set(VOCABULARY_AT), "a list of codes in the schema that no vocabulary is named for"
    for path, enum in found.items():
        codes = [code for code in enum if code not in (None, "")]  # null / "": the field left empty
        assert codes == list(VOCABULARY_AT[path].codes), path


@pytest.mark.django_db
def test_every_needs_level_travels_through_a_map_file(world):
    boss = world.cn_boss
    for level in vocab.NEEDS_LEVELS.codes:
        boss.needs_level = level
        boss.save()
        data = export_map(world.cn)
        assert schema_error(data) is None, level  # what every road into map_load checks first
        account = map_import(data=data, owner=world.owner, slug=f"copy-{level}".replace("_", "-"))
        assert account.people.get(name=boss.name).needs_level == level
