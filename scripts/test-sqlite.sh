#!/usr/bin/env bash
# The SQLite run of the suite (make test-sqlite): the browser tests (tests/e2e) in one pytest process, beside the other
# tests in WORKERS processes (pytest-xdist), at the same time; the browser tests' report is printed after the others'.
#   scripts/test-sqlite.sh PYTHON WORKERS [pytest arguments…]
# A browser test mostly waits on Chromium and its live server, so one process of them beside the CPU-bound rest keeps
# 2 cores busy; several processes of browser tests at once (four Chromiums and live servers) made the run slower.
set -uo pipefail
python=$1 workers=$2
shift 2
browser_log=$(mktemp /tmp/battlemap-e2e.XXXXXX.log)
BATTLEMAP_VAR_DIR=$(mktemp -d /tmp/battlemap-test.XXXXXX) "$python" -m pytest -q -p no:xdist tests/e2e "$@" \
  >"$browser_log" 2>&1 &
browsers=$!
BATTLEMAP_VAR_DIR=$(mktemp -d /tmp/battlemap-test.XXXXXX) "$python" -m pytest -q -n "$workers" --ignore=tests/e2e "$@"
rest=$?
wait "$browsers"
browser_status=$?
echo "--- the browser tests (tests/e2e):"
cat "$browser_log"
rm -f "$browser_log"
[ "$rest" = 0 ] && [ "$browser_status" = 0 ]
