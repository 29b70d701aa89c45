#!/usr/bin/env bash
# Installs what the tests need, then runs ruff and the whole pytest suite: unit tests,
# database tests on SQLite (and again on PostgreSQL when TEST_POSTGRES_URL is set) and
# browser tests against the production build. Extra arguments go to pytest.
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
set +e
.venv/bin/python -m pytest --cov --cov-report= "$@"
status=$?
set -e
# 5 = no test collected: only a failure when the whole suite was asked for.
if [ "$status" -eq 5 ] && [ $# -gt 0 ]; then
  status=0
fi
[ "$status" -eq 0 ] || exit "$status"

echo "==> couverture des règles (services/)"
.venv/bin/coverage report --include='services/*' --skip-covered --fail-under=90
