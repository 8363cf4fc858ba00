#!/usr/bin/env bash
# Central reporting next to the demo: installs (npm ci), builds the screens, then starts a throwaway
# PostgreSQL under data/central-demo, the central service on :8090 and two demo office servers
# (Denpasar DPS on :8080, Surabaya SBY on :8081) that ship their events to it. Needs Debian's
# `postgresql` package (scripts/install-debian-packages.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
npm run build:web
exec npm run demo:central -- "$@"
