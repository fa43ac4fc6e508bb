#!/usr/bin/env bash
# Installs Debian packages that deploy/ scripts need (nginx, prometheus for promtool, python3-yaml), with sudo when
# not root, and stops and disables any system service they bring: the scripts run their own nginx under a prefix,
# and nothing here needs a Prometheus server.
#   deploy/apt-install.sh PACKAGE...
set -euo pipefail

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "installing $* from Debian..." >&2
if ! $sudo apt-get install -y -q --no-install-recommends "$@" >"$log" 2>&1; then
  # The package lists may be missing or stale.
  $sudo apt-get update -q >>"$log" 2>&1 || true
  if ! $sudo apt-get install -y -q --no-install-recommends "$@" >>"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
fi

for service in "$@"; do
  case "$service" in
    nginx|prometheus)
      { $sudo systemctl disable --now "$service" || $sudo service "$service" stop; } >/dev/null 2>&1 || true
      ;;
  esac
done
