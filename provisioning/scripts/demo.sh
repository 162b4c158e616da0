#!/usr/bin/env bash
# Sets up what the box needs and runs a box with a simulated township hall.
# Then open http://localhost:8080/display/hall (board), /kiosk (touch kiosk), /admin (staff).
set -euo pipefail
cd "$(dirname "$0")/../.."
provisioning/scripts/install-deps.sh
provisioning/scripts/fetch-models.sh || echo "Models not fetched: the demo runs without counter monitoring."
dotnet build firmware-host -c Release -v quiet -nologo
data="${HALL_DATA:-$PWD/.data/demo}"
mkdir -p "$data"
exec dotnet firmware-host/bin/Release/net10.0/Hall.FirmwareHost.dll \
  --Box:DataDirectory="$data" --CounterMonitor:ModelDirectory="$PWD/.models" --Box:Demo=true --Staff:BootstrapAdminPassword=hall-demo-2026 --Box:HttpPort="${HALL_HTTP_PORT:-8080}" --Box:MqttPort="${HALL_MQTT_PORT:-1883}" "$@"
