"""Import 50,000 people from CSV and from XLSX into a temporary database; print rows/s next to a floor
(a bare bulk insert of the same rows, no history) measured in the same run, and the XLSX readers alone.

Run: .venv/bin/python bench/import.py [ROWS]
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="battlemap-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"  # never ./var
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from battlemap.accounts.models import Account  # noqa: E402
from battlemap.core.text import name_key  # noqa: E402
from battlemap.io.tabular.readers import read_xlsx  # noqa: E402
from battlemap.io.tabular.services import people_import  # noqa: E402
from battlemap.people.models import Person  # noqa: E402

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def rows(n: int) -> list[list[str]]:
    out = [["姓名", "职位", "部门", "邮箱", "手机", "上级"]]
    for i in range(n):
        name = f"{SURNAMES[i % 20]}{GIVEN[(i // 20) % 20]}{i}"
        boss = "" if i < 10 else f"{SURNAMES[(i // 10) % 20]}{GIVEN[((i // 10) // 20) % 20]}{i // 10}"
        out.append([name, "工程师", f"部门{i % 50}", f"p{i}@example.cn", str(13900000000 + i), boss])
    return out


def csv_bytes(table: list[list[str]]) -> bytes:
    return "\r\n".join(",".join(r) for r in table).encode("utf-8")


def xlsx_bytes(table: list[list[str]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    for r in table:
        ws.append([int(c) if c.isdigit() else c for c in r])  # phones stored as numbers, as Excel does
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def fresh_account(owner, slug: str) -> Account:
    return Account.objects.create(slug=slug, name=slug, owner=owner)


def floor(owner, table: list[list[str]], slug: str) -> tuple[float, float]:
    """(bare executemany of the same rows, Django bulk_create of the same rows): no history, no checks."""
    from django.db import connection, transaction
    from django.utils import timezone

    from battlemap.core.bulk import _insert, _rows

    now = timezone.now()
    people = [
        Person(account=fresh_account(owner, slug) if i == 0 else None, name=r[0], name_key=r[0], title=r[1],
               email=r[3], phone=r[4], created_at=now, updated_at=now)
        for i, r in enumerate(table[1:])
    ]  # fmt: skip
    account = people[0].account
    for p in people:
        p.account = account
    fields = [f for f in Person._meta.concrete_fields if not f.primary_key]
    rows = _rows(people, fields)
    start = time.perf_counter()
    with transaction.atomic():  # one transaction, as the import runs
        _insert(Person, fields, rows)
    bare = time.perf_counter() - start
    connection.cursor().execute("DELETE FROM people_person WHERE account_id = %s", [account.pk])
    for p in people:
        p.pk = None
    start = time.perf_counter()
    Person.objects.bulk_create(people, batch_size=2000)
    return bare, time.perf_counter() - start


def encodings(csv_data: bytes) -> None:
    """The encoding detection of a legacy file (battlemap.io.text.decode: every legacy reading judged on a
    sample of its lines), beside its floor — decoding the file once as GB18030 — for the people file in GBK and
    for hostile files of one long line (a note of letters with no accent, which took minutes before the
    sample and the linear scoring: 138 s for 30 KB in Windows-1252)."""
    from battlemap.io.text import decode

    gbk = csv_data.decode("utf-8").encode("gbk")
    hostile = {
        "GBK people file": gbk,
        "1 MB line, Windows-1252": "Name,Title,Notes\nJürgen Müller,CEO,".encode("cp1252") + b"A" * 1_000_000,
        "1 MB line, GBK": ("姓名,职务\n王芳," + "经理" * 500_000).encode("gbk"),
    }
    for label, data in hostile.items():
        start = time.perf_counter()
        data.decode("gb18030", errors="replace")
        floor_s = time.perf_counter() - start
        start = time.perf_counter()
        found = decode(data, by_line=True)
        t = time.perf_counter() - start
        print(
            f"detect {label:<24} {len(data) / 1e6:5.1f} MB: {t:6.2f} s  (floor, one decode: {floor_s:5.2f} s) "
            f"→ {found.encoding}"
        )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    call_command("migrate", verbosity=0)
    owner = get_user_model().objects.create_user("bench", password="x")
    table = rows(n)
    csv_data, xlsx_data = csv_bytes(table), xlsx_bytes(table)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"machine: {os.cpu_count()} cores, load average {load} (other work on the machine slows every figure)"
    )
    print(f"{n} rows; CSV {len(csv_data) / 1e6:.1f} MB, XLSX {len(xlsx_data) / 1e6:.1f} MB; database {TMP}")

    bare, django_bulk = floor(owner, table, "floor")
    print(f"floor  bare executemany INSERT (no history):  {bare:6.2f} s  {n / bare:10,.0f} rows/s")
    print(
        f"floor  Django bulk_create (no history):        {django_bulk:6.2f} s  {n / django_bulk:10,.0f} rows/s"
    )
    start = time.perf_counter()
    for r in table[1:]:
        name_key(r[0])
    t = time.perf_counter() - start
    print(f"part   pinyin sort keys alone:                    {t:6.2f} s  {n / t:10,.0f} rows/s")
    for engine in ("calamine", "openpyxl"):
        start = time.perf_counter()
        read_xlsx(xlsx_data, engine=engine)
        t = time.perf_counter() - start
        print(f"read   XLSX with {engine:<9}:                     {t:6.2f} s  {n / t:10,.0f} rows/s")

    encodings(csv_data)

    for label, data, filename in (("CSV ", csv_data, "people.csv"), ("XLSX", xlsx_data, "people.xlsx")):
        account = fresh_account(owner, f"bench-{label.strip().lower()}")
        start = time.perf_counter()
        result = people_import(account=account, data=data, filename=filename, user=owner)
        t = time.perf_counter() - start
        budget = 10 if label.startswith("CSV") else 15
        ok = "within" if t < budget else "OVER"
        print(
            f"import {label} (history, reporting lines, org units): {t:6.2f} s  {n / t:10,.0f} rows/s  "
            f"created {result.created}; budget {budget} s: {ok}"
        )
        start = time.perf_counter()
        again = people_import(account=account, data=data, filename=filename, user=owner)
        t = time.perf_counter() - start
        print(
            f"reimport {label} (all unchanged):                   {t:6.2f} s  {n / t:10,.0f} rows/s  "
            f"unchanged {again.unchanged}"
        )
    print(f"history rows: {Person.history.count()}")


if __name__ == "__main__":
    main()
