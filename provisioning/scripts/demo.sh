#!/usr/bin/env bash
# Sets up what the box needs and runs a box with a simulated township hall, beside a county hub and two more
# simulated halls (each its own box process with its own data) that sync to it.
# Then open http://localhost:8080/display/hall (board), /kiosk (touch kiosk), https://localhost:8444/admin (staff, over
# HTTPS with the box's own certificate; 上行同步 shows the uplink), and https://localhost:8443/ (the county hub's pages:
# sign in as admin / county-demo-2026). Each box's device LAN is "isolated" on loopback only, so the public pages also
# answer in clear on 127.0.0.1; staff sign-in is HTTPS only.
# /kiosk, /evaluate/N and /counter/N are enrolled web devices: the box logs "Demo web device … open http://localhost:8080/setup/…"
# for each at start; open that link once in the browser you use for that page.
# HALL_DEMO_HUB=0 runs the one box alone. The demo listens on this machine only (127.0.0.1): its passwords are printed
# here; HALL_BIND_ADDRESS=0.0.0.0 opens it to the LAN, for a demo on a hall's TV.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v dotnet >/dev/null 2>&1; then
  echo "没有找到 dotnet:请先安装 .NET 10 SDK(Debian 12: 按 https://learn.microsoft.com/dotnet/core/install/linux-debian 添加微软软件源后 apt-get install dotnet-sdk-10.0),再运行本脚本。" >&2
  exit 1
fi
# A port another program already listens on (a mosquitto service on 1883): the next free one above it.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() { local p=$1; while ! port_free "$p"; do p=$((p + 100)); done; echo "$p"; }
provisioning/scripts/install-deps.sh
provisioning/scripts/fetch-models.sh || echo "Models not fetched: the demo runs without counter monitoring and 云踏勘 checks."
dotnet build firmware-host -c Release -v quiet -nologo
data="${HALL_DATA:-$PWD/.data/demo}"
mkdir -p "$data"

# The county hub and two more halls, enrolled with hallctl as a technician would; stopped with this script.
sync=()
if [ "${HALL_DEMO_HUB:-1}" != "0" ]; then
  dotnet build services/CountyHub -c Release -v quiet -nologo
  dotnet build provisioning/Provisioning -c Release -v quiet -nologo
  hallctl() { dotnet provisioning/Provisioning/bin/Release/net10.0/hallctl.dll "$@"; }
  hub_port="${HALL_HUB_PORT:-8443}"
  children=()
  trap 'kill "${children[@]}" 2>/dev/null || true' EXIT
  enroll() { # hall id, box data directory → the box's --Sync:* settings
    local key settings
    key=$(hallctl box key --data-dir "$2" | sed 's/.*"publicKey":"\([^"]*\)".*/\1/')
    settings=$(hallctl hub enroll --box "$1" --public-key "$key" --hub-url "https://127.0.0.1:$hub_port" --data-dir "$data/hub" --replace)
    echo "--Sync:HubUrl=https://127.0.0.1:$hub_port"
    echo "--Sync:HubCertificateSha256=$(echo "$settings" | sed 's/.*"Sync:HubCertificateSha256":"\([0-9a-f]*\)".*/\1/')"
    echo "--Sync:HubSigningKey=$(echo "$settings" | sed 's/.*"Sync:HubSigningKey":"\([^"]*\)".*/\1/')"
  }
  n=1
  for hall in "dongling:东岭镇便民服务中心" "xihe:西河乡便民服务中心"; do
    id="${hall%%:*}"; name="${hall#*:}"; dir="$data/halls/$id"
    mkdir -p "$dir"
    mapfile -t hall_sync < <(enroll "$id" "$dir")
    dotnet firmware-host/bin/Release/net10.0/Hall.FirmwareHost.dll --Box:DataDirectory="$dir" --Box:HallId="$id" --Box:HallName="$name" \
      --Box:Demo=true --Box:BindAddress=127.0.0.1 --Box:HttpPort=$((8080 + n)) --Box:MqttPort=$((1883 + n)) \
      --Box:HttpsPort=$((8444 + n)) --Box:MqttTlsPort=$((8883 + n)) --Box:DeviceLanIsolated=true --Box:DeviceLanAddress=127.0.0.1 \
      --Staff:BootstrapAdminPassword=hall-demo-2026 "${hall_sync[@]}" > "$dir/box.log" 2>&1 &
    children+=($!)
    n=$((n + 1))
  done
  mapfile -t sync < <(enroll demo "$data")
  # The hub starts once every hall is enrolled: its certificate is the one hallctl made and printed (the halls
  # started above retry until it answers).
  dotnet services/CountyHub/bin/Release/net10.0/Hall.CountyHub.dll --Hub:DataDirectory="$data/hub" --Hub:HttpsPort="$hub_port" \
    --Hub:BindAddress=127.0.0.1 --Hub:BootstrapAdminPassword=county-demo-2026 > "$data/hub.log" 2>&1 &
  children+=($!)
  echo "County hub: https://localhost:$hub_port/ as admin / county-demo-2026 (self-signed certificate); halls dongling and xihe on ports 8081 and 8082 (consoles https://localhost:8445/admin and :8446)."
fi
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
dotnet firmware-host/bin/Release/net10.0/Hall.FirmwareHost.dll \
  --Box:DataDirectory="$data" --CounterMonitor:ModelDirectory="$PWD/.models" --SiteInspection:ModelDirectory="$PWD/.models" "${camera[@]}" "${sync[@]}" --Box:Demo=true --Staff:BootstrapAdminPassword=hall-demo-2026 --Box:HttpPort="${HALL_HTTP_PORT:-8080}" --Box:MqttPort="${HALL_MQTT_PORT:-$(pick_port 1883)}" \
  --Box:HttpsPort="${HALL_HTTPS_PORT:-8444}" --Box:MqttTlsPort="${HALL_MQTT_TLS_PORT:-8883}" --Box:DeviceLanIsolated=true --Box:DeviceLanAddress=127.0.0.1 --Box:BindAddress="${HALL_BIND_ADDRESS:-127.0.0.1}" "$@"
