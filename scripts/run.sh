#!/usr/bin/env bash
# Installs what is missing, migrates the database (SQLite file by default), loads the demo
# data into an empty database, then starts the app in production mode.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
source scripts/env.sh

port=${PORT:-3000}
export PUBLIC_URL=${PUBLIC_URL:-http://localhost:$port}

echo "==> Migrations de la base de données"
python -m pass_culture.cli db upgrade
echo "==> Données de démonstration"
python -m pass_culture.cli demo load --if-empty

cat <<MSG

  pass Culture démarre sur $PUBLIC_URL
    jeunes :            $PUBLIC_URL/
    professionnels :    $PUBLIC_URL/pro
    administration :    $PUBLIC_URL/admin

MSG
python -m pass_culture.cli demo accounts
echo
exec reflex run --env prod --frontend-port "$port" --loglevel warning
