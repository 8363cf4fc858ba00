#!/usr/bin/env bash
# Installs the npm packages from the lock file and starts the office server with a demo day.
set -euo pipefail
cd "$(dirname "$0")/.."
# The Electron binary is only needed to run the kiosk shell, and cannot be downloaded offline.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
exec npm start
