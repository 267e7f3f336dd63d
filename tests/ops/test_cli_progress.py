"""Long commands say what they do on stderr, step by step with counts, and keep stdout for their result
(the administrator's report: `import-map` and `export` of a 3,000-person account, `backup` and `restore`,
were silent for minutes); `restore` writes in bulk, with the same result."""

from __future__ import annotations

import gzip
import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.io.mapformat import dumps_map, export_map
from battlemap.ops.services import backup_restore
from tests.bigaccount import build

from .helpers import backup_content


def _run(*args, verbosity=1) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out, stderr=err, verbosity=verbosity)
    return out.getvalue(), err.getvalue()


def test_import_map_says_its_progress_on_stderr_and_keeps_stdout_for_the_account(world, tmp_path):
    path = tmp_path / "map.json"
    path.write_text(dumps_map(export_map(world.cn)))
    out, err = _run("import-map", str(path), "--as", "copy")
    people = Account.objects.get(slug="copy").people.count()
    assert out.splitlines() == [f"copy\t{world.cn.name}\t{people} people"]  # the line scripts read
    lines = err.splitlines()
    assert lines[0].startswith(f"battlemap import-map: {people} people, ") and lines[0].endswith(
        "deals: loading"
    )
    assert any("items of the map (100%" in line for line in lines), err
    assert lines[-1].startswith("battlemap import-map: done in ")
    assert _run("import-map", str(path), "--as", "quiet", verbosity=0)[1] == ""  # -v 0: nothing


def test_export_says_its_steps_on_stderr(world, tmp_path):
    out, err = _run("export", world.cn.slug, "--format", "json", "-o", str(tmp_path / "x.json"))
    assert "bytes" in out and "battlemap" not in out
    assert f"battlemap export: {world.cn.name}: " in err and "making the JSON" in err
    assert "step 3 of 3" in err and "done in" in err


def test_export_refuses_a_deal_of_another_account_and_a_missing_folder_before_any_step(world, tmp_path):
    # second trial: both printed the export's steps (the folder's all three) before the clear refusal
    other = world.en.deals.create(name="Other deal")
    for args, said in (
        (("--deal", str(other.pk), "-o", str(tmp_path / "x.json")), f"--deal {other.pk}: no such deal"),
        (("-o", str(tmp_path / "nowhere" / "x.json")), "No such file or directory"),
    ):
        err = StringIO()
        with translation.override("en"), pytest.raises(CommandError, match=said):
            call_command("export", world.cn.slug, "--format", "json", *args, stdout=StringIO(), stderr=err)
        assert "step" not in err.getvalue() and "making the" not in err.getvalue()


@pytest.fixture
def backup_file(world, tmp_path):
    build(owner=world.owner, people=60, interactions=300, slug="big")  # a few hundred records
    path = tmp_path / "backup.json.gz"
    out, err = _run("backup", str(path))
    records = len(json.load(gzip.open(path)))
    lines = err.splitlines()
    assert lines[0] == f"battlemap backup: writing {records:,} records"
    # by tenths, as restore (an operator's trial: 2.5 million records, silent for 5½ minutes)
    tenths = [line for line in lines if line.startswith("battlemap backup: wrote ")]
    assert len(tenths) == 10 and re.search(r"records \(10%, \d+ s\)$", tenths[0])
    assert tenths[-1].startswith(f"battlemap backup: wrote {records:,} of {records:,} records (100%")
    return path


# committed, as a database restored --replace is: PostgreSQL refuses the flush's TRUNCATE of rows written in the
# same transaction ("pending trigger events" of the deferred foreign keys)
@pytest.mark.django_db(transaction=True)
def test_restore_writes_in_bulk_says_its_progress_and_restores_the_same(backup_file):
    said = []
    with CaptureQueriesContext(connection) as queries:
        count = backup_restore(
            path=backup_file, replace=True, progress=lambda done, total: said.append((done, total))
        )
    inserts = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")]
    assert count == len(backup_content(backup_file)) > 100
    assert len(inserts) < count / 5, len(inserts)  # loaddata: an UPDATE and an INSERT per record
    assert said[-1] == (count, count) and len(said) > 3
    again = backup_file.parent / "again.json"
    _run("backup", str(again))
    assert backup_content(again) == backup_content(backup_file)


def test_restore_refuses_a_damaged_file_naming_it(db, tmp_path):
    damaged = tmp_path / "cut.json.gz"
    damaged.write_bytes(gzip.compress(b'[{"model": "auth.user", "pk": 1, "fi')[:-8])
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="cut.json.gz: cut short before its first whole record"),
    ):
        call_command("restore", str(damaged))
