#!/usr/bin/env bash
# Installs everything (Debian packages, npm packages from the lock file) and runs every test:
# typecheck, lint, format, unit + integration (Vitest), end-to-end (Playwright in Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-debian-packages.sh
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
npm test
