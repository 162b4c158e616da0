#!/usr/bin/env bash
# Sets up what the box needs and runs a box with a simulated township hall.
# Then open http://localhost:8080/display/hall (board), /kiosk (touch kiosk), /admin (staff).
set -euo pipefail
cd "$(dirname "$0")/../.."
provisioning/scripts/install-deps.sh
provisioning/scripts/fetch-models.sh || echo "Models not fetched: the demo runs without counter monitoring and 云踏勘 checks."
dotnet build firmware-host -c Release -v quiet -nologo
data="${HALL_DATA:-$PWD/.data/demo}"
mkdir -p "$data"
# A replayed counter camera for counter 1: a face for 40 s, nobody for 3 min, in a loop (the photo is
# Debian python3-skimage's astronaut, fetched with the models). The console shows 在岗/离岗 and the absence alert.
camera=()
photo="$PWD/.models/test/astronaut.png"
clip="$data/demo-counter-1.mp4"
if [ -f "$photo" ] && command -v ffmpeg >/dev/null; then
  if [ ! -f "$clip" ]; then
    bg="color=c=0x8a8070:s=704x576:r=25"
    ffmpeg -hide_banner -loglevel error -nostdin -y -loop 1 -framerate 25 -t 40 -i "$photo" -f lavfi -t 40 -i "$bg" \
      -filter_complex "[0:v]crop=300:300:110:0,scale=576:576[p];[1:v][p]overlay=64:0,format=yuv420p" -c:v libx264 -preset ultrafast "$data/face.mp4"
    ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -t 180 -i "$bg" -vf format=yuv420p -c:v libx264 -preset ultrafast "$data/empty.mp4"
    ffmpeg -hide_banner -loglevel error -nostdin -y -i "$data/face.mp4" -i "$data/empty.mp4" \
      -filter_complex "[0:v][1:v]concat=n=2:v=1[v]" -map "[v]" -c:v libx264 -preset ultrafast -g 50 "$clip"
    rm -f "$data/face.mp4" "$data/empty.mp4"
  fi
  camera=(--CounterMonitor:Cameras:0:Id=demo-cam-1 --CounterMonitor:Cameras:0:Source="$clip" --CounterMonitor:Cameras:0:Counter=1 --CounterMonitor:OpeningHours=)
fi
exec dotnet firmware-host/bin/Release/net10.0/Hall.FirmwareHost.dll \
  --Box:DataDirectory="$data" --CounterMonitor:ModelDirectory="$PWD/.models" --SiteInspection:ModelDirectory="$PWD/.models" "${camera[@]}" --Box:Demo=true --Staff:BootstrapAdminPassword=hall-demo-2026 --Box:HttpPort="${HALL_HTTP_PORT:-8080}" --Box:MqttPort="${HALL_MQTT_PORT:-1883}" "$@"
