"""`battlemap restore` of a file that is not a whole backup: cut short (a copy interrupted, a full disk), damaged,
or holding a record this release refuses. Refused naming the file and the record, and the database stays as it
was — the records are read one at a time (an operator's trial: 2.5 million records read at once took 5.6 GB), so
a file's end is seen only when it is reached."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.people.models import Person

from .helpers import bm, env_for, migrated


@pytest.fixture
def records(world, tmp_path) -> list[dict]:
    path = tmp_path / "whole.json"
    call_command("backup", str(path), verbosity=0)
    return json.loads(path.read_text(encoding="utf-8"))


def _cut_inside(records: list[dict], model: str) -> tuple[bytes, int, dict]:
    """The backup's text cut in the middle of the first record of `model`; the number and the record before."""
    number = next(i for i, r in enumerate(records) if r["model"] == model)
    whole = json.dumps(records[:number], ensure_ascii=False)[:-1] + ", "
    cut = whole + json.dumps(records[number], ensure_ascii=False)[:25]
    return cut.encode(), number, records[number - 1]


def _restore_refused(path: Path, *args: str) -> str:
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("restore", str(path), *args, verbosity=0)
    return str(refused.value)


def test_a_backup_cut_short_is_refused_naming_its_last_whole_record_and_nothing_changes(records, tmp_path):
    text, number, last = _cut_inside(records, "people.person")
    accounts, people = Account.all_objects.count(), Person.objects.count()
    for path, data in ((tmp_path / "cut.json", text), (tmp_path / "cut.json.gz", gzip.compress(text))):
        path.write_bytes(data)
        said = _restore_refused(path, "--replace")
        assert said == (
            f"{path}: cut short after record {number:,} ({last['model']} {last['pk']}): "
            "the rest of the file is missing"
        )
        assert (Account.all_objects.count(), Person.objects.count()) == (
            accounts,
            people,
        )  # --replace did nothing
    whole = gzip.compress(json.dumps(records).encode())
    cut_gzip = tmp_path / "cut-gzip.json.gz"  # the compressed file itself cut: its end marker missing
    cut_gzip.write_bytes(whole[: len(whole) // 2])
    assert "cut short after record" in _restore_refused(cut_gzip, "--replace")
    assert Account.all_objects.count() == accounts


def test_damaged_text_and_a_file_that_is_no_backup_are_refused_before_anything_is_written(records, tmp_path):
    damaged = tmp_path / "damaged.json"
    text = json.dumps(records[:3])
    damaged.write_text(text[:-1] + ', {"model": "people.person", "pk": 1, "fields": {"name": ?}}]')
    said = _restore_refused(damaged, "--replace")
    assert said.startswith(f"{damaged}: damaged after record 3 ({records[2]['model']} {records[2]['pk']}): ")
    not_a_list = tmp_path / "object.json"
    not_a_list.write_text(json.dumps({"item": records[0]}))
    assert (
        _restore_refused(not_a_list, "--replace")
        == f"{not_a_list}: not a backup written by `battlemap backup`"
    )
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps([*records[:2], {"model": "crm.lead", "pk": 1, "fields": {}}]))
    assert (
        _restore_refused(unknown, "--replace") == f"{unknown}: record 3: no model 'crm.lead' in this release"
    )
    empty = (
        tmp_path / "empty.json"
    )  # a whole file of no records: --replace would only have emptied the database
    empty.write_text("[]")
    assert (
        _restore_refused(empty, "--replace")
        == f"{empty}: it holds no records: --replace would only empty this database"
    )
    assert Account.all_objects.exists()


def test_a_record_this_release_refuses_is_named_and_the_fresh_database_stays_empty(records, tmp_path):
    """Found only while writing: everything written before it is rolled back."""
    bad = next(i for i, r in enumerate(records) if r["model"] == "people.person")
    records[bad]["fields"]["left_on"] = "the spring of 1970"
    path = tmp_path / "refused.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    target = env_for(tmp_path / "fresh")
    migrated(target)
    done = bm(target, "restore", str(path), check=False)
    assert done.returncode == 1, done.stderr
    assert f"record {bad + 1:,} (people.person {records[bad]['pk']})" in done.stderr
    assert "the spring of 1970" in done.stderr and "Traceback" not in done.stderr
    counted = bm(
        target,
        "shell",
        "-v0",
        "-c",
        "from django.contrib.auth.models import User; print(User.objects.count())",
    )
    assert counted.stdout.strip() == "0"


def test_a_dumpdata_of_another_django_program_is_refused_as_no_backup_not_as_a_database_error(
    records, tmp_path
):
    """A whole `dumpdata` of another project: its content types and permissions clashed with those `migrate`
    made here, and the refusal was a database error asking whether DATABASE_URL connects."""
    user = next(r for r in records if r["model"] == "auth.user")
    other = tmp_path / "other-program.json"
    other.write_text(
        json.dumps(
            [
                {
                    "model": "contenttypes.contenttype",
                    "pk": 1,
                    "fields": {"app_label": "blog", "model": "post"},
                },
                {
                    "model": "auth.permission",
                    "pk": 1,
                    "fields": {"name": "Can add post", "codename": "add_post"},
                },
                user,
            ]
        )
    )
    accounts = Account.all_objects.count()
    said = _restore_refused(other, "--replace")
    assert said == (
        f"{other}: record 1: 'contenttypes.contenttype' is in no backup written by `battlemap backup`: "
        "this file is not one (a `dumpdata` of another program?)"
    )
    assert Account.all_objects.count() == accounts
    sessions = tmp_path / "sessions.json"
    sessions.write_text(json.dumps([user, {"model": "sessions.session", "pk": "x", "fields": {}}]))
    assert "record 2: 'sessions.session' is in no backup" in _restore_refused(sessions, "--replace")
