#!/usr/bin/env bash
# Installs what the tests need, then runs ruff and the whole pytest suite: unit tests,
# database tests on SQLite (and again on PostgreSQL when TEST_POSTGRES_URL is set) and
# browser tests against the production build, beside the others. Extra arguments go to
# pytest (one run).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh test
source scripts/env.sh

if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  .venv/bin/python scripts/ensure_test_database.py
fi

echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check --quiet .

echo "==> pytest"
mkdir -p test-artifacts
rm -f .coverage .coverage.*
if [ $# -gt 0 ]; then
  set +e
  .venv/bin/python -m pytest --cov --cov-report= "$@"
  status=$?
  set -e
  # 5 = no test collected: only a failure when the whole suite was asked for.
  [ "$status" -ne 5 ] || status=0
else
  # The browser tests (one production build, one server, Chromium) wait on the app most of
  # the time: they run beside the other tests, each run with its own coverage file.
  browser_log=test-artifacts/pytest-browser.log
  set +e
  COVERAGE_FILE=.coverage.browser .venv/bin/python -m pytest --cov --cov-report= -m e2e \
    > "$browser_log" 2>&1 &
  browser=$!
  COVERAGE_FILE=.coverage.others .venv/bin/python -m pytest --cov --cov-report= -m "not e2e"
  status=$?
  wait "$browser"
  browser_status=$?
  set -e
  echo "==> pytest : tests dans le navigateur"
  cat "$browser_log"
  [ "$status" -ne 0 ] || status=$browser_status
  .venv/bin/coverage combine --quiet .coverage.browser .coverage.others
fi
[ "$status" -eq 0 ] || exit "$status"

echo "==> couverture des règles (services/)"
.venv/bin/coverage report --include='services/*' --skip-covered --fail-under=90
