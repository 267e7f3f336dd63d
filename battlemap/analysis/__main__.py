"""`python -m battlemap.analysis snapshot.json [--json] [--lang zh|en] [--since before.json]`."""

from __future__ import annotations

import argparse
import json
import sys

from . import analysis_json, analyze, changes_between, snapshot_from_dict, text_report
from .serialize import SnapshotError


def _load(path: str):  # noqa: ANN202 - small helper
    try:
        with open(path, encoding="utf-8") as handle:
            return snapshot_from_dict(json.load(handle))
    except (OSError, json.JSONDecodeError, SnapshotError) as error:
        raise SystemExit(f"{path}: {error}") from None


def main(argv: list[str] | None = None) -> int:
    """The command line above (`argv`: its arguments, default sys.argv[1:]): prints the text report, or the
    analysis JSON with --json, and returns 0. Exits with "<file>: <error>" for a snapshot file that cannot
    be read or is not a valid snapshot, and with the error of an unsupported --lang."""
    parser = argparse.ArgumentParser(prog="python -m battlemap.analysis", description=__doc__)
    parser.add_argument("snapshot", help="snapshot JSON file (see docs/analysis.md)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the text report")
    parser.add_argument("--lang", default="en", help="zh or en")
    parser.add_argument("--since", help="an earlier snapshot JSON file to compare with")
    args = parser.parse_args(argv)
    try:
        result = analyze(_load(args.snapshot), lang=args.lang)
    except ValueError as error:
        raise SystemExit(str(error)) from None
    changes = None
    if args.since:
        changes = changes_between(analyze(_load(args.since), lang=args.lang), result)
    data = analysis_json(result, changes=changes)
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text_report(data, result.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
