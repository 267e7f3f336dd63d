"""What reading one CSV upload holds: the peak RSS of `read_table` over the process's RSS with the file's bytes
already read (each file in its own process, as a web worker holds an upload), for files of about 45 MB, under
UPLOAD_MAX_MB: one long cell (refused, "单元格超过 32767 个字符"), ordinary rows (read), a long quoted cell full of
commas (refused) and a line of 22 million fields (refused by the column bound).

Figures on the 2-core development machine (MB over the process's RSS with the bytes read):

    file (MiB, as printed)                  before   after (limits.csv_lines)
    43, one line of one cell                  +258     +43   (the decoded text: ASCII, 1 byte a character)
    43, a header and one long cell            +344     +86   (the decoded text: 2 bytes a character)
    41, 99,000 ordinary rows                  +258    +167   (the text and the table itself)
    43, a quoted cell full of commas          +344    +172   (the text and the one long line, copied once)
    42, a line of 22 million fields           +336    +336   (the column bound's split of the line: left)

Before, the decoded text was copied whole into an `io.StringIO` (4 bytes a character) for the csv module; now
the module is handed one line at a time, and a line holding a cell past the bound is refused before it is copied.

A web worker's own figure for the first file was +408 MB before (measured on the running app).

Run: .venv/bin/python bench/import_csv_memory.py   (about a minute; the files in a temporary folder, removed after)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = """
import os, resource, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
import django
django.setup()
from battlemap.io.tabular.readers import ReadError, read_table
data = open(sys.argv[1], "rb").read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:
    outcome = f"{len(read_table(data, 'bench.csv').rows):,} rows"
except ReadError as exc:
    outcome = f"refused: {exc}"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{peak - base:+6.0f} MB  {outcome}")
"""


def files(folder: Path, write: bool = False) -> dict[str, Path]:
    """The files in `folder`, written (`write`) by a child process: a child keeps the maximum RSS of the process
    that started it."""
    shapes = {
        "one line of one cell": lambda f: f.write("a" * 45_000_000),
        "a header and one long cell": lambda f: f.write("Name,Title\n王一," + "b" * 45_000_000 + "\n"),
        "99,000 ordinary rows": lambda f: f.writelines(
            ["姓名,职务,部门,邮箱,手机,备注\n"]
            + [
                f"王{i},工程师{i % 7},部门{i % 50},p{i}@example.cn,{13900000000 + i},"
                f"{'备注说明文字' * 15} {'note text ' * 10}{i}\n"
                for i in range(99_000)
            ]
        ),
        "a quoted cell full of commas": lambda f: f.write('Name,Note\n王一,"' + "ab," * 15_000_000 + '"\n'),
        "a line of 22 million fields": lambda f: f.write("Name,Note\n王一," + "a," * 22_000_000 + "\n"),
    }
    paths = {label: folder / f"{n}.csv" for n, label in enumerate(shapes)}
    for label, shape in shapes.items() if write else ():
        with open(paths[label], "w", encoding="utf-8") as out:
            shape(out)
    return paths


def main() -> None:
    if sys.argv[1:2] == ["write"]:
        files(Path(sys.argv[2]), write=True)
        return
    tmp = Path(tempfile.mkdtemp(prefix="battlemap-bench-"))
    subprocess.run([sys.executable, __file__, "write", str(tmp)], check=True)
    env = {"BATTLEMAP_VAR_DIR": str(tmp / "var"), "PATH": "/usr/bin:/bin"}
    print(f"read_table, peak RSS over the bytes read, one process a file; files in {tmp}")
    for label, path in files(tmp).items():
        size = path.stat().st_size / 1024 / 1024
        run = subprocess.run(
            [sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        print(f"{label:<30}{size:5.0f} MB file  {run.stdout.strip() or run.stderr.strip()[-200:]}")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
