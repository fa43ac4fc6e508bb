#!/usr/bin/env bash
# Stops the nginx that start-local.sh started under the same prefix, letting requests in flight finish.
#   deploy/nginx/stop-local.sh [prefix]         (default /tmp/aegis-nginx)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
prefix=${1:-/tmp/aegis-nginx}
pidfile="$prefix/logs/nginx.pid"

if [ ! -f "$pidfile" ] || ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "no nginx running under $prefix"
  exit 0
fi
pid=$(cat "$pidfile")
nginx=$(command -v nginx || echo /usr/sbin/nginx)
"$nginx" -p "$prefix/" -e logs/error.log -c "$here/nginx-local.conf" -s quit
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || { echo "nginx stopped"; exit 0; }
  sleep 0.1
done
echo "nginx (pid $pid) still running after 10 s" >&2
exit 1
