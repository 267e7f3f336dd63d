"""Training scenarios in pure Python (no Django): the library's files, their checks and their reference
(docs/training.md; scored by `training.scoring`).

A scenario (the library's JSON files in `scenarios/`, or a case made from a real account) holds a map in
the map format (docs/map-format.md) whose first deal's roles are the **reference**: buying roles,
attitude and influence per person, the influence links (who sways whom), plus `answer` (who really
decides, the red flags to see) and, per language, the narrative the trainee reads and the `reasons`:
for each reference item the sentence of the narrative that shows it.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from battlemap.vocab import FLAGS, normalize_language

SCENARIO_FORMAT = 1
SCENARIO_DIR = Path(__file__).resolve().parent / "scenarios"
LANGS = ("zh_Hans", "en")


class ScenarioError(ValueError):
    """A scenario file is not well-formed; the message names the part at fault."""


def lang_key(lang: str | None) -> str:
    return normalize_language(lang)


def scenario_map(scenario: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """The scenario's map (map format) in `lang`: the English text block's `names` replace the names
    and titles the map is written with."""
    data = copy.deepcopy(scenario["map"])
    names = scenario["text"][lang_key(lang)].get("names") or {}
    if names.get("account"):
        data["account"]["name"] = names["account"]
    if names.get("deal") and data.get("deals"):
        data["deals"][0]["name"] = names["deal"]
    for unit in data.get("org_units") or []:
        unit["name"] = (names.get("org_units") or {}).get(str(unit["id"]), unit["name"])
    for body in data.get("decision_bodies") or []:
        body["name"] = (names.get("decision_bodies") or {}).get(str(body["id"]), body["name"])
    for person in data.get("people") or []:
        own = (names.get("people") or {}).get(str(person["id"])) or {}
        person["name"] = own.get("name", person["name"])
        person["title"] = own.get("title", person["title"])
        person["organisation"] = own.get("organisation", person.get("organisation", ""))
    return data


def checklist(scenario: dict[str, Any]) -> tuple[str, ...]:
    """The red flags a trainee is asked to judge: the scenario's `checklist` (a case leaves off those its
    narrative cannot show, `case_process.NOT_CARRIED`), else every flag."""
    offered = scenario.get("checklist")
    return tuple(offered) if offered is not None else tuple(FLAGS.codes)


def load_library() -> dict[str, dict[str, Any]]:
    """The library's scenarios by slug, read from the JSON files in `scenarios/` (checked)."""
    return copy.deepcopy(_library())


@lru_cache(maxsize=1)
def _library() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(SCENARIO_DIR.glob("*.json")):
        scenario = json.loads(path.read_text(encoding="utf-8"))
        check_scenario(scenario, where=path.name)
        found[scenario["slug"]] = scenario
    return found


def check_scenario(scenario: dict[str, Any], where: str = "scenario", *, flags_quoted: bool = True) -> None:
    """Raise ScenarioError unless the scenario is complete: codes from the vocabulary, people that exist,
    both languages, a reason for every reference item (found word for word in that language's narrative —
    but a flag's, with `flags_quoted` False: a case made from a deal names its flags as the analysis does,
    since the trainee has to see them, `narrative.narrative`)."""
    if scenario.get("scenario_format") != SCENARIO_FORMAT:
        raise ScenarioError(f"{where}: scenario_format must be {SCENARIO_FORMAT}")
    m = scenario.get("map") or {}
    if not m.get("deals"):
        raise ScenarioError(f"{where}: map.deals: the scenario needs its deal")
    ids = {p["id"] for p in m.get("people") or []}
    answer = scenario.get("answer") or {}
    if answer.get("decision_maker") not in ids:
        raise ScenarioError(f"{where}: answer.decision_maker: no such person")
    for code in scenario.get("checklist") or []:
        if code not in FLAGS.codes:
            raise ScenarioError(f"{where}: checklist: unknown flag {code!r}")
    for code in answer.get("flags") or []:
        if code not in checklist(scenario):
            raise ScenarioError(f"{where}: answer.flags: {code!r} is not a flag of the checklist")
    for lang in LANGS:
        text = (scenario.get("text") or {}).get(lang)
        if not text or not text.get("title") or not text.get("documents"):
            raise ScenarioError(f"{where}: text.{lang}: title and documents are required")
        ref = reference_of(scenario, lang)
        narrative = "\n".join(d["body"] for d in text["documents"])
        for key in ref.keys():
            quote = ref.reasons.get(key)
            if not quote:
                raise ScenarioError(f"{where}: text.{lang}.reasons: no reason for {key!r}")
            if quote not in narrative and (flags_quoted or not key.startswith("flag:")):
                raise ScenarioError(f"{where}: text.{lang}.reasons[{key!r}]: not found in the narrative")


# ---- the reference -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """What the scenario's author says the map is, and why (reasons by item key)."""

    people: tuple[int, ...]
    roles: dict[int, frozenset[str]]
    attitudes: dict[int, str]
    influence: dict[int, int]
    links: frozenset[tuple[int, int]]
    decision_maker: int
    flags: frozenset[str]
    reasons: dict[str, str] = field(default_factory=dict)

    def keys(self) -> list[str]:
        """Every reference item's key, in the order the result lists them."""
        keys = ["decision_maker"]
        for pid in self.people:
            keys += [f"roles:{pid}:{r}" for r in sorted(self.roles.get(pid, ()))]
            if pid in self.attitudes:
                keys += [f"attitude:{pid}", f"influence:{pid}"]
        keys += [f"link:{a}->{b}" for a, b in sorted(self.links)]
        keys += [f"flag:{c}" for c in sorted(self.flags)]
        return keys


def reference_of(scenario: dict[str, Any], lang: str | None) -> Reference:
    """The reference map of a scenario: the roles of its first deal, its influence links, its answer."""
    m = scenario["map"]
    deal = m["deals"][0]
    roles, attitudes, influence = {}, {}, {}
    for r in deal.get("roles") or []:
        pid = r["person"]
        if r.get("roles"):
            roles[pid] = frozenset(r["roles"])
        attitudes[pid] = r.get("attitude") or "unknown"
        influence[pid] = int(r.get("influence") or 3)
    reasons = dict(scenario["text"][lang_key(lang)].get("reasons") or {})
    # one quote can show a person's roles at once: "roles:3" stands for each role of person 3
    for pid, held in roles.items():
        for role in held:
            reasons.setdefault(f"roles:{pid}:{role}", reasons.get(f"roles:{pid}", ""))
        reasons.setdefault(f"influence:{pid}", reasons.get(f"roles:{pid}", ""))
    return Reference(
        people=tuple(p["id"] for p in m["people"]),
        roles=roles,
        attitudes=attitudes,
        influence=influence,
        links=frozenset((link["from"], link["to"]) for link in m.get("influence_links") or []),
        decision_maker=scenario["answer"]["decision_maker"],
        flags=frozenset(scenario["answer"].get("flags") or []),
        reasons=reasons,
    )
