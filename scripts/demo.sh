#!/usr/bin/env bash
# Installs the npm packages from the lock file and starts the office server with a demo day: demo
# officers, devices and bookings, in a data folder of its own (./demo-data) that is marked as a
# demo folder, so an office's folder (npm start, ./data) never receives demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
# The Electron binary is only needed to run the kiosk shell, and cannot be downloaded offline.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
export GILIRAN_DEMO=1
export GILIRAN_DATA_DIR="${GILIRAN_DATA_DIR:-./demo-data}"
exec npm start
