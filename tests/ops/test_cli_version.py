"""`battlemap --version` says Battlemap's version (the administrator's report: it said Django's)."""

from __future__ import annotations

from importlib import metadata

import django
import pytest

from .helpers import bm, env_for


@pytest.mark.parametrize("args", [["--version"], ["version"], ["export", "--version"]])
def test_version_is_battlemaps_own(tmp_path, args):
    said = bm(env_for(tmp_path), *args).stdout.strip()
    assert said.startswith(f"battlemap {metadata.version('battlemap')} (Django {django.get_version()},")
    assert said != django.get_version()
