#!/usr/bin/env bash
# Installs the Debian packages the box needs ("box", the default) or the box and its tests ("test").
# Safe to run again; needs root (or sudo).
set -euo pipefail
packages=(espeak-ng fonts-noto-cjk sqlite3 ffmpeg)
if [ "${1:-box}" = "test" ]; then
  # Real peers of the tests: mosquitto clients and broker, Chromium for the pages; python3-skimage ships
  # the face photo (astronaut.png) the camera tests build their videos from; faketime gives a box a wrong clock (1970);
  # postgresql: the county hub's tests start a throwaway cluster (Debian 15: /usr/lib/postgresql/15/bin).
  packages+=(mosquitto mosquitto-clients chromium python3-skimage faketime postgresql)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The broker the tests compare against is started by the tests themselves, on loopback.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet mosquitto 2>/dev/null; then
  $([ "$(id -u)" -ne 0 ] && echo sudo) systemctl disable --now mosquitto >/dev/null 2>&1 || true
fi
