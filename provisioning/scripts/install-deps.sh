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
# A mosquitto service already running is left alone: the tests start their own broker on a free loopback port, and
# the demo moves its plain MQTT port aside when 1883 is taken (demo.sh).
