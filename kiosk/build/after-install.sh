#!/bin/sh
# .deb post-install: settings file, udev rule for printers/scanners, reload udev.
set -e
mkdir -p /etc/giliran
if [ ! -f /etc/giliran/kiosk.env ]; then
  cat > /etc/giliran/kiosk.env <<'ENV'
# Giliran kiosk settings (read by giliran-kiosk.service)
GILIRAN_SERVER_URL=http://127.0.0.1:8080
# tcp://10.0.0.21:9100, usb:/dev/usb/lp0 or serial:/dev/ttyUSB0
GILIRAN_PRINTER_URI=usb:/dev/usb/lp0
# /dev/hidraw0 or vendor:product in hex, e.g. 05e0:1200 (empty: keyboard-wedge scanner only)
GILIRAN_HID_SCANNER=
ENV
fi
if [ -f /opt/Giliran\ Kiosk/resources/udev/99-giliran.rules ]; then
  install -m 0644 "/opt/Giliran Kiosk/resources/udev/99-giliran.rules" /etc/udev/rules.d/99-giliran.rules
  udevadm control --reload-rules 2>/dev/null || true
  udevadm trigger 2>/dev/null || true
fi
