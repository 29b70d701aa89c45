#!/usr/bin/env bash
# Installs what the tests need, then runs ruff and the whole pytest suite: unit tests,
# database tests on SQLite (and again on PostgreSQL when TEST_POSTGRES_URL is set) and
# browser tests against the production build, in three runs side by side. Extra arguments
# go to pytest (one run).
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
  # Three runs side by side, each with its own coverage file: the browser tests (one
  # production build, one server, Chromium: mostly waiting on the app), the tests on
  # PostgreSQL (mostly waiting on the server) and the others.
  set +e
  COVERAGE_FILE=.coverage.browser .venv/bin/python -m pytest --cov --cov-report= -m e2e \
    > test-artifacts/pytest-browser.log 2>&1 &
  browser=$!
  COVERAGE_FILE=.coverage.postgresql .venv/bin/python -m pytest --cov --cov-report= \
    -m "postgresql and not e2e" > test-artifacts/pytest-postgresql.log 2>&1 &
  postgresql=$!
  COVERAGE_FILE=.coverage.others .venv/bin/python -m pytest --cov --cov-report= \
    -m "not e2e and not postgresql"
  status=$?
  wait "$postgresql"
  postgresql_status=$?
  wait "$browser"
  browser_status=$?
  set -e
  echo "==> pytest : tests sur PostgreSQL"
  cat test-artifacts/pytest-postgresql.log
  echo "==> pytest : tests dans le navigateur"
  cat test-artifacts/pytest-browser.log
  # 5 = no test collected: no PostgreSQL test without TEST_POSTGRES_URL.
  [ "$postgresql_status" -ne 5 ] || postgresql_status=0
  [ "$status" -ne 0 ] || status=$postgresql_status
  [ "$status" -ne 0 ] || status=$browser_status
  .venv/bin/coverage combine --quiet  # every .coverage.* file
fi
[ "$status" -eq 0 ] || exit "$status"

echo "==> couverture des règles (services/)"
.venv/bin/coverage report --include='services/*' --skip-covered --fail-under=90
