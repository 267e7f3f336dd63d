"""What a manager may do is one rule (issue 18): a team membership with the manager role lets a user view
the team's accounts, never edit them — the gate (core/access.py), the demo's manager, the README, the demo's
page and the teams page all say the same."""

from __future__ import annotations

from pathlib import Path

import battlemap
from battlemap.core.access import can
from battlemap.demo.loader import DEMO_USERS, _users_and_team
from battlemap.demo.mapdata import OWNER, TEAM
from battlemap.teams.models import Membership, Team
from tests import factories as f

ROOT = Path(battlemap.__file__).parent.parent


def test_the_demo_manager_views_and_never_edits(db):
    users = _users_and_team()
    assert dict((u, r) for u, _p, _n, r in DEMO_USERS)["manager"] == Membership.Role.MANAGER
    account = f.account(owner=users[OWNER], slug="demo-like", team=Team.objects.get(slug=TEAM))
    assert can(users["manager"], account, "view")
    assert not can(users["manager"], account, "edit")
    assert can(users[OWNER], account, "edit")


def test_the_docs_say_what_the_gate_does():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "**manager / manager** (demo's sales manager, who may view them, not edit them)" in readme
    assert "may view it — review and coach, not change" in readme
    demo = " ".join((ROOT / "docs" / "demo.md").read_text(encoding="utf-8").split())
    assert (
        "which **manager** (password `manager`) manages: he views the accounts, he does not edit them" in demo
    )
    security = " ".join((ROOT / "docs" / "security.md").read_text(encoding="utf-8").split())
    assert "a manager of the team (or of a team the owner belongs to) views only" in security
    access = " ".join((ROOT / "battlemap" / "core" / "access.py").read_text(encoding="utf-8").split())
    assert (
        "may view (review and coach, not change: membership with the manager role grants no edit)" in access
    )
