"""A backup taken while people work reads one snapshot: an operator's trial added a person and gave them a role
while `battlemap backup` ran; the file held the role and not the person, and could not be restored. Here a second
connection, in a thread of the backing-up process, adds a person with a role after the backup has read the people
and before it reads the roles, on a SQLite file (WAL) and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .helpers import ROOT, backup_content, bm, env_for, migrated

# The child: a small map; the backup, whose serializer, on the first deal it writes (it writes the people, the deals,
# then the roles), waits for a thread
# (its own database connection, as a second user's request would have) that adds a person and their role.
CHILD = r"""
import sys, threading
import django
django.setup()
from django.db import connection
from battlemap.ops import serializer
from battlemap.ops.services import backup_write
from tests import factories as f

owner = f.user("alice")
account = f.account(owner=owner, slug="hdny", name="华东能源")
deal = f.deal(account=account, name="平台")
f.role(deal=deal, person=f.person(account=account, name="王建国"), roles=["decision_maker"])

def late_write():
    late = f.person(account=account, name="迟到者")
    f.role(deal=deal, person=late, roles=["user"])
    connection.close()

start = serializer.Serializer.start_object
done = []
def start_object(self, obj):
    if obj._meta.label_lower == "deals.deal" and not done:  # the people read, the roles not yet
        done.append(1)
        writer = threading.Thread(target=late_write)
        writer.start()
        writer.join()
    return start(self, obj)
serializer.Serializer.start_object = start_object
backup_write(path=__import__("pathlib").Path(sys.argv[1]))
assert done, "the backup wrote no deal"
"""


def _backup_while_writing(env, tmp_path):
    migrated(env)
    path = tmp_path / "live.json"
    subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=300,
        capture_output=True,
    )
    return path


def _names(content, model):
    return sorted(fields.get("name", "") for (m, _), fields in content.items() if m == model)


def _check_snapshot_and_restore(path, fresh_env):
    content = backup_content(path)
    assert _names(content, "people.person") == ["王建国"]  # the one added meanwhile is not half in it
    roles = [fields for (m, _), fields in content.items() if m == "deals.stakeholderrole"]
    assert len(roles) == 1
    migrated(fresh_env)
    bm(fresh_env, "restore", str(path))  # it restores


def test_a_backup_on_sqlite_reads_one_snapshot(tmp_path):
    _check_snapshot_and_restore(
        _backup_while_writing(env_for(tmp_path / "live"), tmp_path), env_for(tmp_path / "fresh")
    )


@pytest.mark.slow
def test_a_backup_on_postgresql_reads_one_snapshot(tmp_path, postgres_database):
    live = env_for(tmp_path / "live", DATABASE_URL=postgres_database())
    fresh = env_for(tmp_path / "fresh", DATABASE_URL=postgres_database())
    _check_snapshot_and_restore(_backup_while_writing(live, tmp_path), fresh)
