#!/usr/bin/env bash
# Installs what the app needs, once: the virtualenv with the Python packages and the
# frontend runtime (bun, from the npm registry). With "test" it also installs the test
# tools and, when it is missing and we are root, Debian's Chromium.
# Re-running it is cheap: each step is skipped while its inputs have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=${1:-}
mkdir -p .stamps

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  say "Création de l'environnement Python (.venv)"
  "$python" -m venv .venv
fi

extras=""
stamp=.stamps/pip
if [ "$want_test" = "test" ]; then
  extras="[test]"
  stamp=.stamps/pip-test
fi
digest=$(sha256sum pyproject.toml | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
  say "Installation des paquets Python${extras:+ (avec les outils de test)}"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extras}"
  echo "$digest" > "$stamp"
  # The plain install is included in the test install.
  if [ -n "$extras" ]; then echo "$digest" > .stamps/pip; fi
fi

# Node tools from the npm registry, in one install (a later `npm install --no-save` would
# prune what an earlier one added): bun for Reflex, axe-core for the accessibility checks
# of the browser tests.
bun_version=1.4.5
axe_version=4.14.1
tools_wanted="bun@$bun_version axe-core@$axe_version"
if [ "$(cat .tools/.installed 2>/dev/null)" != "$tools_wanted" ] \
  || [ ! -x .tools/node_modules/.bin/bun ] \
  || [ "$(.tools/node_modules/.bin/bun --version)" != "$bun_version" ]; then
  say "Installation de bun $bun_version et axe-core $axe_version (registre npm)"
  # shellcheck disable=SC2086
  npm install --no-save --no-audit --no-fund --prefix .tools $tools_wanted >/dev/null
  echo "$tools_wanted" > .tools/.installed
fi

debian_package() {  # $1: package, $2: what it is for
  if [ "$(id -u)" = "0" ]; then
    say "Installation de $2 (Debian)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    echo "$2 est absent : installez le paquet Debian « $1 » (sudo apt-get install $1)." >&2
    exit 1
  fi
}

if [ "$want_test" = "test" ] && [ ! -x /usr/bin/chromium ]; then
  debian_package chromium Chromium
fi
# The font of the reimbursement statements in PDF (services/statement_pdf.py).
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf ]; then
  debian_package fonts-dejavu-extra "La police DejaVu Sans Condensed"
fi
