# Sourced by the scripts: Reflex uses the bun installed from the npm registry and never
# tries to download one (the machines reach only the package registries).
export PATH="$PWD/.tools/node_modules/.bin:$PWD/.venv/bin:$PATH"
export REFLEX_USE_SYSTEM_BUN=1
export REFLEX_CHECK_LATEST_VERSION=0
export REFLEX_TELEMETRY_ENABLED=false
