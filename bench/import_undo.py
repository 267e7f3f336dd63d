"""Undo an import of N new people (default 3,000) in a temporary database; print its time next to the import's
and a floor measured in the same run: the same people deleted by one bare SQL DELETE (no history, no checks).

Run: .venv/bin/python bench/import_undo.py [ROWS]
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("bench_import", HERE / "import.py")  # its temporary database
base = importlib.util.module_from_spec(spec)
spec.loader.exec_module(base)  # type: ignore[union-attr]

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from battlemap.io.tabular.services import people_import  # noqa: E402
from battlemap.io.tabular.undo import people_import_undo  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000
    call_command("migrate", verbosity=0)
    owner = get_user_model().objects.create_user("bench", password="x")
    data = base.csv_bytes(base.rows(n))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load}; {n} new people; database {base.TMP}")

    floor_account = base.fresh_account(owner, "floor")
    people_import(account=floor_account, data=data, filename="people.csv", user=owner)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE people_person SET reports_to_id = NULL WHERE account_id = %s", [floor_account.pk]
        )
        cursor.execute("DELETE FROM people_person WHERE account_id = %s", [floor_account.pk])
    floor = time.perf_counter() - start
    print(f"floor  bare SQL DELETE (no history):  {floor:6.2f} s  {n / floor:10,.0f} people/s")

    account = base.fresh_account(owner, "undo")
    start = time.perf_counter()
    result = people_import(account=account, data=data, filename="people.csv", user=owner)
    t = time.perf_counter() - start
    print(f"import (history, lines, departments): {t:6.2f} s  {n / t:10,.0f} people/s")
    start = time.perf_counter()
    report = people_import_undo(account=account, import_id=result.import_id, user=owner)
    t = time.perf_counter() - start
    print(
        f"undo   (history, checks, departments): {t:5.2f} s  {n / t:10,.0f} people/s  "
        f"removed {report.people_removed} people, {report.units_removed} departments"
    )


if __name__ == "__main__":
    main()
