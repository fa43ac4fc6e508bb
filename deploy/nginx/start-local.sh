#!/usr/bin/env bash
# Starts nginx on 127.0.0.1:18080 in front of the local Aegis nodes on 127.0.0.1:18081-18083 (aegis.conf), as the
# current user, with its pid file, logs and temporary files under a prefix folder. Installs nginx from Debian when
# it is missing. Stop it with stop-local.sh and the same prefix.
#   deploy/nginx/start-local.sh [prefix]        (default /tmp/aegis-nginx)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
prefix=${1:-/tmp/aegis-nginx}
mkdir -p "$prefix/logs" "$prefix/temp"
prefix=$(cd "$prefix" && pwd -P)

nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
  "$here/../apt-install.sh" nginx
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
fi

run() {
  "$nginx" -p "$prefix/" -e logs/error.log -c "$here/nginx-local.conf" "$@"
}

if [ -f "$prefix/logs/nginx.pid" ] && kill -0 "$(cat "$prefix/logs/nginx.pid")" 2>/dev/null; then
  run -s reload
  echo "nginx was running under $prefix: configuration reloaded"
  exit 0
fi
run -t -q
run
echo "nginx listens on 127.0.0.1:18080 (nodes 127.0.0.1:18081-18083); logs in $prefix/logs"
