"""The cells bound (IMPORT_MAX_CELLS): what `battlemap import --dry-run` holds (max RSS, its own process) for
workbooks past it and for a CRM export within it, beside a floor measured in the same run — the same command on a
workbook of 10 rows (Django, the import's code and the database, no table to speak of).

- 90,000 rows × 120 columns of small numbers, cells written without references (a reviewer's file: 22 MB, within
  the size, ratio, row and column bounds; 1.7 GB before the bound);
- 100,000 rows × 5 columns and one note in column IV (100,000 × 2 took 1.4 GB before);
- 100,000 rows × 30 columns, a CRM export: imported (0.87 GB: within the bound, as before).

Run: .venv/bin/python bench/import_cells.py   (a few minutes; every file and the database in a temporary folder)
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from battlemap.io.tabular.limits import column_letters  # noqa: E402  (pure: no Django set-up needed)

TMP = Path(tempfile.mkdtemp(prefix="battlemap-bench-"))
ENV = {**os.environ, "BATTLEMAP_VAR_DIR": str(TMP / "var"), "DATABASE_URL": f"sqlite:///{TMP}/bench.sqlite3"}
BATTLEMAP = str(ROOT / ".venv" / "bin" / "battlemap")

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet '
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>",
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    f'main" xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>",
}


def _text(value: object, ref: str = "") -> str:
    at = f' r="{ref}"' if ref else ""
    if isinstance(value, int):
        return f"<c{at}><v>{value}</v></c>"
    return f'<c{at} t="inlineStr"><is><t>{value}</t></is></c>'


def workbook(path: Path, rows, *, references: bool, note: str = "") -> Path:
    """`rows` (an iterable of lists, the header first) written one row at a time into a one-sheet XLSX."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in PARTS.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(HEAD.encode())
            for r, values in enumerate(rows, start=1):
                cells = "".join(
                    _text(v, f"{column_letters(c)}{r}" if references else "")
                    for c, v in enumerate(values, start=1)
                )
                extra = _text("备注", note) if note and r == 1 else ""
                sheet.write(f"<row>{cells}{extra}</row>".encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def people(count: int, columns: int):
    yield ["姓名", "职务", "部门", "邮箱", "手机", *(f"字段{n}" for n in range(columns - 5))]
    for i in range(count):
        extra = [f"v{i % 97}-{k}" for k in range(columns - 5)]
        yield [f"王{i}", f"工程师{i % 7}", f"部门{i % 50}", f"p{i}@example.cn", 13900000000 + i, *extra]


def numbers(count: int, columns: int):
    random.seed(1)
    yield ["Name", "Title", *range(columns - 2)]
    for _ in range(count):
        yield [random.randrange(1000) for _ in range(columns)]


def dry_run(path: Path) -> tuple[float, float, str]:
    """(max RSS in MB of the command's own process, seconds, its last line)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [BATTLEMAP, "import", str(path), "--account", "bench", "--dry-run", "--lang", "en"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    out = child.stdout.read().decode() if child.stdout else ""
    _pid, _status, usage = os.wait4(child.pid, 0)
    last = next((line for line in reversed(out.splitlines()) if line.strip()), "")
    return usage.ru_maxrss / 1024, time.perf_counter() - start, last


def main() -> None:
    subprocess.run([BATTLEMAP, "migrate", "-v0"], env=ENV, check=True)
    user = {**ENV, "DJANGO_SUPERUSER_PASSWORD": "bench-only"}
    subprocess.run(
        [BATTLEMAP, "createsuperuser", "--noinput", "--username", "bench", "--email", "b@example.cn"],
        env=user,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [BATTLEMAP, "create-account", "bench", "--name", "Bench", "--owner", "bench", "--no-team"],
        env=ENV,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    files = {
        "floor: 10 people": workbook(TMP / "floor.xlsx", people(10, 6), references=True),
        "90,000 × 120 small numbers, no references": workbook(
            TMP / "many.xlsx", numbers(90_000, 120), references=False
        ),
        "100,000 × 5 and a note in IV1": workbook(
            TMP / "note.xlsx", people(100_000, 5), references=True, note="IV1"
        ),
        "100,000 × 30, a CRM export": workbook(TMP / "crm.xlsx", people(100_000, 30), references=True),
    }
    print(f"battlemap import --dry-run, max RSS of the command (its own process); files in {TMP}")
    floor = None
    for label, path in files.items():
        rss, seconds, last = dry_run(path)
        floor = floor or rss
        size = path.stat().st_size / 1024 / 1024
        print(
            f"{label:<46}{size:7.1f} MB file {rss:7.0f} MB RSS ({rss - floor:+6.0f} over the floor) {seconds:5.1f} s"
        )
        print(f"    {last[:160]}")


if __name__ == "__main__":
    sys.exit(main())
