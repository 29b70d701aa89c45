.PHONY: run test

# Sets up and starts the app (SQLite, demo data) and prints its address.
run:
	@bash scripts/run.sh

# Sets up and runs every check: ruff, unit, database (SQLite, PostgreSQL when
# TEST_POSTGRES_URL is set) and browser tests.
test:
	@bash scripts/test.sh
