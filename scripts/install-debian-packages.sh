#!/usr/bin/env bash
# Debian packages the tests and hardware need: Chromium for Playwright, libusb/libudev for node-hid,
# espeak-ng for the board's offline voice clips, fonts for screenshots, openssl for the TLS test's
# throw-away certificate, PostgreSQL for the central reporting service's tests (initdb/pg_ctl start
# throwaway clusters). Idempotent.
set -euo pipefail
packages=(chromium libusb-1.0-0 libudev1 espeak-ng fonts-dejavu-core openssl postgresql)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "Debian packages present: ${packages[*]}"; exit 0; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
