"""Benchmark of `battlemap backup` and `battlemap restore` (the administrator's trial: two 3,000-person
accounts, a restore still running after 20 minutes; an operator's: 2.5 million records restored in 5.6 GB).

Builds in a throwaway SQLite database two generated accounts (tests/bigaccount.py: 2 influence links and
`--interactions` interactions of one to four people per person, 3 deals of 40 stakeholders each), writes the
backup (`backup_write`, timed), then restores it into fresh migrated databases, each in its own process, timed
inside it, with the process's peak memory while it restores (its resident set's high-water mark, VmHWM, reset
when the restore starts):

- `loaddata`: what `restore` did first — Django's loaddata in one transaction, row by row;
- `whole file`: what `restore` did before it streamed — the whole file read with `json.load`, then written in
  bulk (`restore_records` over the list);
- `restore`: `backup_restore` as `battlemap restore` runs it now (ops/services/restore.py: the file read record
  by record, twice — counted, then written — in bulk);
- the floor: the same rows copied table to table by SQLite itself (`INSERT … SELECT` from the source
  database), nothing read from the file, no check: its memory is the process's with Django set up, the
  database open and nothing read. Every child first loads what a restore loads (the data migrations run over
  its empty database), so the memory above the floor is what the records cost.

    .venv/bin/python bench/backup.py [--people 3000 --interactions 20] [--modes floor,whole,restore]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = "--child" in sys.argv
if CHILD:  # a restore into the database named on the command line
    TMP = sys.argv[sys.argv.index("--db") + 1].rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"sqlite:///{sys.argv[sys.argv.index('--db') + 1]}"
else:
    TMP = tempfile.mkdtemp(prefix="battlemap-bench-backup-")
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/source.sqlite3"  # never ./var
os.environ["BATTLEMAP_VAR_DIR"] = TMP
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402


def _memory(field: str) -> int:
    """A figure of this process's memory from /proc/self/status (VmHWM: its peak resident set), in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise SystemExit(f"no {field} in /proc/self/status: this bench measures memory on Linux")


def child(mode: str, backup: Path, source: Path) -> None:
    """One restore into this process's (fresh, migrated) database; prints {"seconds", "rows"} as JSON."""
    from django.apps import apps

    from battlemap.ops.backup_contents import backup_labels
    from battlemap.ops.services import backup_restore, bring_data_to_this_release

    # What every restore loads, loaded first (the data migrations over the empty database: pypinyin's
    # dictionaries alone hold about 46 MB), so that what is above the floor is what the records cost
    with transaction.atomic():
        bring_data_to_this_release()
    # The peak from here on: ru_maxrss would not do — a child keeps the maximum of the process it was forked
    # from (this bench's, which holds the generated accounts), exec or not
    Path("/proc/self/clear_refs").write_text("5")  # Linux: the high-water mark reset to what is resident now
    started = time.perf_counter()
    if mode == "restore":
        backup_restore(path=backup)
    elif mode == "whole":  # the restore before it streamed: the whole file in memory, then written in bulk
        import gzip

        from battlemap.ops.services.restore import restore_records

        with gzip.open(backup, "rb") as stream, transaction.atomic():
            restore_records(json.load(stream))
            bring_data_to_this_release()
    elif mode == "loaddata":
        with transaction.atomic():
            call_command("loaddata", str(backup), verbosity=0)
    else:  # floor: the same rows, table to table, by SQLite
        tables = set()
        for label in backup_labels():
            models = [apps.get_model(label)] if "." in label else apps.get_app_config(label).get_models()
            for model in models:
                if not model._meta.proxy:
                    tables.add(model._meta.db_table)
                    tables.update(f.remote_field.through._meta.db_table for f in model._meta.many_to_many)
        with connection.cursor() as cursor:
            cursor.execute("ATTACH DATABASE %s AS source", [str(source)])
            cursor.execute("PRAGMA foreign_keys = OFF")  # a floor: no check
            with transaction.atomic():
                for table in sorted(tables):
                    cursor.execute(f'INSERT INTO main."{table}" SELECT * FROM source."{table}"')  # noqa: S608
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM people_person")
        people = cursor.fetchone()[0]
    print(json.dumps({"seconds": seconds, "people": people, "peak_bytes": _memory("VmHWM")}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3000, help="people per account (two accounts)")
    parser.add_argument("--interactions", type=int, default=20, help="interactions per person")
    parser.add_argument(
        "--modes", default="floor,loaddata,whole,restore", help="which restores to run (floor always runs)"
    )
    args = parser.parse_args()
    modes = ["floor", *(m for m in ("loaddata", "whole", "restore") if m in args.modes.split(","))]
    try:
        from django.contrib.auth import get_user_model

        from battlemap.ops.services import backup_write
        from tests.bigaccount import build
        from tests.migrated import copy_migrated

        # The migrated file the tests copy: the same content type ids as the restores' databases (the floor
        # copies rows that name them)
        copy_migrated(Path(TMP) / "source.sqlite3")
        owner = get_user_model().objects.create_user("bench", password="bench")
        for slug in ("first", "second"):
            build(owner=owner, people=args.people, interactions=args.interactions * args.people, slug=slug)
        backup = Path(TMP) / "backup.json.gz"
        started = time.perf_counter()
        backup_write(path=backup)
        written = time.perf_counter() - started
        records = len(json.loads(__import__("gzip").open(backup).read()))
        print(
            f"two accounts of {args.people:,} people, {args.interactions} interactions per person: "
            f"{records:,} records, {backup.stat().st_size / 1e6:.1f} MB gzipped; "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        print(f"{'backup':<44}{written:>8.1f} s")
        figures = {}
        for mode in modes:
            target = Path(TMP) / f"{mode}.sqlite3"
            copy_migrated(target)
            done = subprocess.run(
                [sys.executable, __file__, "--child", mode, "--db", str(target), "--file", str(backup)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": f"sqlite:///{target}"},
            )
            if done.returncode:
                raise SystemExit(f"{mode} failed:\n{done.stderr}")
            figures[mode] = json.loads(done.stdout.strip().splitlines()[-1])
            assert figures[mode]["people"] == 2 * args.people, figures[mode]
        floor, floor_peak = figures["floor"]["seconds"], figures["floor"]["peak_bytes"]
        labels = {
            "floor": "floor: the rows copied by SQLite",
            "loaddata": "before: loaddata, row by row",
            "whole": "before: the whole file read, then bulk",
            "restore": "restore (streamed, bulk)",
        }
        print(f"{'':<44}{'time':>10}{'':>14}{'peak memory':>14}{'above floor':>14}")
        for mode in modes:
            seconds, peak = figures[mode]["seconds"], figures[mode]["peak_bytes"]
            print(
                f"{labels[mode]:<44}{seconds:>8.1f} s{seconds / floor:>8.1f}x floor"
                f"{peak / 1e6:>11.0f} MB{(peak - floor_peak) / 1e6:>11.0f} MB"
            )
        if "loaddata" in figures and "restore" in figures:
            ratio = figures["loaddata"]["seconds"] / figures["restore"]["seconds"]
            print(f"restore is {ratio:.1f}x faster than loaddata")
        if "whole" in figures and "restore" in figures:
            above = {m: figures[m]["peak_bytes"] - floor_peak for m in ("whole", "restore")}
            print(
                f"restore holds {above['restore'] / 1e6:.0f} MB above the floor where the whole file took "
                f"{above['whole'] / 1e6:.0f} MB ({above['whole'] / max(above['restore'], 1):.1f}x less)"
            )
    finally:
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    if CHILD:
        child(
            sys.argv[sys.argv.index("--child") + 1],
            Path(sys.argv[sys.argv.index("--file") + 1]),
            Path(os.environ["BATTLEMAP_VAR_DIR"]) / "source.sqlite3",
        )
    else:
        main()
