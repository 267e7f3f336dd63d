"""README's table of `battlemap` commands and docs/api.md's routes say what the code does: every option a
command takes is in its README row and every option a row names exists; every route of the API is in
docs/api.md. (Before, README left out options such as `--user` of analyze and import, and docs/api.md the
decision bodies, their roles and the purchase process.) `make help` lists every target of the Makefile, those
README names among them (it left out `test-e2e`: its digit did not match the help's pattern)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[2]
DJANGO_OPTIONS = {
    "--help",
    "--version",
    "--verbosity",
    "--settings",
    "--pythonpath",
    "--traceback",
    "--no-color",
    "--force-color",
    "--skip-checks",
}


def _readme_commands() -> dict[str, str]:
    """command name → the text of its README rows (its usage and what it does)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The `battlemap` command", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        if not line.startswith("| `battlemap "):
            continue
        usage = line.split(" | ", 1)[0]
        for usage_part in re.findall(r"`battlemap ([^`]+)`", usage):
            name = usage_part.split()[0]
            rows[name] = rows.get(name, "") + " " + usage_part
    return rows


def _options(name: str) -> list[tuple[str, ...]]:
    """The options of a command (and of its subcommands: token create …), each with all its spellings."""
    parser = load_command_class(get_commands()[name], name).create_parser("battlemap", name)
    actions = list(parser._actions)
    for action in parser._actions:
        if isinstance(action.choices, dict):  # subcommands
            actions += [a for sub in action.choices.values() for a in sub._actions]
    return [
        tuple(action.option_strings)
        for action in actions
        if action.option_strings and not DJANGO_OPTIONS & set(action.option_strings)
    ]


README_COMMANDS = _readme_commands()


def test_the_readme_lists_the_projects_commands():
    assert {"create-account", "import-map", "import", "analyze", "mail-ingest", "token"} <= set(
        README_COMMANDS
    )


@pytest.mark.parametrize("name", sorted(README_COMMANDS))
def test_a_readme_row_names_every_option_of_its_command_and_no_other(name):
    usage = README_COMMANDS[name]
    named = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", usage))
    options = _options(name)
    spellings = {o for option in options for o in option}
    assert named <= spellings, f"README names options `battlemap {name}` does not take: {named - spellings}"
    # README says once that every Battlemap command takes `--lang` (core.cli.TranslatedCommand); a row may name it
    left_out = [option[-1] for option in options if not named & set(option) and "--lang" not in option]
    assert not left_out, f"README leaves out options of `battlemap {name}`: {left_out}"


def _route_patterns(text: str) -> tuple[set[str], set[str]]:
    """The API paths docs/api.md names ({…} made `{}`), and the tails it abbreviates (`…/reject`)."""
    full = {re.sub(r"\{[^}]*\}", "{}", p).rstrip("/") for p in re.findall(r"/api(/[\w{}\-/.]*)", text)}
    tails = {t.rstrip("/") for t in re.findall(r"…(/[\w{}\-/]+)", text)}
    return full, tails


def test_every_api_route_is_in_docs_api_md(client):
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    spec = client.get("/api/openapi.json").json()
    full, tails = _route_patterns((ROOT / "docs" / "api.md").read_text(encoding="utf-8"))
    missing = []
    for path in spec["paths"]:
        route = re.sub(r"\{[^}]*\}", "{}", path.removeprefix("/api"))
        abbreviated = any(  # `…/roles/bulk` after a path it extends, `…/reject` after a sibling
            route in (f + tail, f.rsplit("/", 1)[0] + tail) for f in full for tail in tails
        )
        if route not in full and not abbreviated:
            missing.append(path)
    assert not missing, f"routes not in docs/api.md: {missing}"


def test_make_help_lists_every_target_and_those_the_readme_names():
    shown = subprocess.run(
        ["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    listed = set(re.findall(r"^  make (\S+)", shown, re.M))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = set(re.search(r"^\.PHONY: (.*)$", makefile, re.M)[1].split())
    assert phony <= listed, f"`make help` leaves out {sorted(phony - listed)}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(
        re.findall(r"`(test-[a-z0-9-]+|install|run|check|bench)`", readme.split("`make help` lists")[1][:200])
    )
    assert "test-e2e" in named and named <= listed
