#!/usr/bin/env bash
# Run the browser tests (tests/e2e, on SQLite) in one pytest process beside COMMAND, at the same time; the browser
# tests' report is printed after COMMAND's, and the run fails if either does (make test, make test-sqlite).
#   scripts/beside-browser-tests.sh PYTHON COMMAND [pytest arguments for the browser tests…]
# A browser test mostly waits on Chromium and its live server, so one process of them beside the CPU-bound rest
# keeps 2 cores busy; several processes of browser tests at once (four Chromiums and live servers) were slower.
# `make test` gives it the other SQLite tests and then the PostgreSQL run as COMMAND, so the PostgreSQL run
# starts while the browser tests still run (measured on 2 cores: browser tests 14 min 11 s; the other SQLite
# tests 12 min 20 s, then PostgreSQL 4 min 20 s). COMMAND runs at a lower priority (nice 10): the browser tests
# wait on Chromium and the live server, and with every core busy each wait grew (the same browser tests took
# 85 s alone and 193 s beside the others); the others fill the CPU the browser tests leave.
set -uo pipefail
python=$1 command=$2
shift 2
browser_log=$(mktemp /tmp/battlemap-e2e.XXXXXX.log)
BATTLEMAP_VAR_DIR=$(mktemp -d /tmp/battlemap-test.XXXXXX) "$python" -m pytest -q -p no:xdist tests/e2e "$@" \
  >"$browser_log" 2>&1 &
browsers=$!
nice -n 10 bash -c "$command"  # the browser tests are the run's spine: they take the CPU when they need it
rest=$?
wait "$browsers"
browser_status=$?
echo "--- the browser tests (tests/e2e):"
cat "$browser_log"
rm -f "$browser_log"
[ "$rest" = 0 ] && [ "$browser_status" = 0 ]
