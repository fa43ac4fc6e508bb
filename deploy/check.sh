#!/usr/bin/env bash
# Validates deploy/ as far as a machine without Docker or a Kubernetes cluster can:
#   - every YAML and JSON file parses; the Kubernetes objects have the fields they need and agree with each other
#     and with the server (port, /health, /ready, /metrics, AEGIS_* variables against aegis-defaults.yaml), the
#     Dockerfile's stages, user, port and health check (deploy/check_files.py);
#   - every series in alerts, dashboard, adapter rules and KEDA queries is listed in
#     deploy/prometheus/metric-names.txt and still registered in the Java sources;
#   - kubectl kustomize builds both variants (skipped without kubectl);
#   - nginx -t on nginx-local.conf, as an unprivileged user, and a live run of aegis.conf against stand-in nodes:
#     keepalive, request ids, GET retried past a 503 and a dead node, POST not retried after it reached a node;
#   - promtool check config, check rules, test rules, and every dashboard and adapter query parsed by promtool;
#   - the shell scripts parse.
# Installs nginx and promtool (Debian package prometheus) when missing. Exits non-zero on any failure.
#   bash deploy/check.sh
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
work=$(mktemp -d)
chmod 755 "$work"
pids=()
failed=0
summary=()

# The processes this script started (stand-in nodes, nginx in the foreground): stopped and waited for.
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

# step NAME COMMAND...: runs the command, keeps its output for a failure.
step() {
  local name=$1 started=$SECONDS
  shift
  if "$@" >"$work/out" 2>&1; then
    summary+=("ok    $name ($((SECONDS - started)) s)")
  else
    summary+=("FAIL  $name")
    failed=1
    echo "FAIL $name:"
    sed 's/^/    /' "$work/out"
  fi
}

skip() {
  summary+=("skip  $1: $2")
}

install() {
  local started=$SECONDS
  if deploy/apt-install.sh "$@"; then
    summary+=("info  installed $* from Debian in $((SECONDS - started)) s")
  else
    summary+=("FAIL  installing $*")
    failed=1
  fi
}

# ---- tools ------------------------------------------------------------------------------------------------------

python=python3
if ! python3 -c 'import yaml' 2>/dev/null; then
  if ! /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
    install python3-yaml
  fi
  python=/usr/bin/python3
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
  install nginx
fi
if ! command -v promtool >/dev/null; then
  install prometheus
fi

# nginx must run as a user who owns nothing: when root, the checks run it as nobody.
as_user=()
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 \
    && setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups test -r deploy/nginx/nginx-local.conf; then
  as_user=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
fi

# ---- Kubernetes, Docker, metric names ---------------------------------------------------------------------------

kustomized=()
if command -v kubectl >/dev/null; then
  build_variants() {
    kubectl kustomize deploy/kubernetes >"$work/hpa.yaml" && kubectl kustomize deploy/kubernetes-keda >"$work/keda.yaml"
  }
  step "kubectl kustomize deploy/kubernetes and deploy/kubernetes-keda" build_variants
  if [ -s "$work/hpa.yaml" ] && [ -s "$work/keda.yaml" ]; then
    kustomized=(--kustomized-hpa "$work/hpa.yaml" --kustomized-keda "$work/keda.yaml")
  fi
else
  skip "kustomize builds" "no kubectl"
fi
skip "kubectl apply --dry-run" "needs an API server even with --validate=false"

step "manifests, Dockerfile, dashboard and metric names (check_files.py)" \
  "$python" deploy/check_files.py "${kustomized[@]}" --promql-rules "$work/queries.yml"

# ---- nginx ------------------------------------------------------------------------------------------------------

nginx_test() {
  mkdir -p "$work/nginx-t/logs" "$work/nginx-t/temp"
  chmod -R a+rwx "$work/nginx-t"
  "${as_user[@]}" "$nginx" -t -q -p "$work/nginx-t/" -e logs/error.log -c "$PWD/deploy/nginx/nginx-local.conf"
}
step "nginx -t on nginx-local.conf including aegis.conf${as_user:+, as nobody}" nginx_test

# Stand-in nodes: 28081 answers, 28082 answers 503 (a node that is stopping), 28083 is down. The copy of the
# configuration differs only in ports, and in one worker so that round robin is predictable.
nginx_live() {
  mkdir -p "$work/conf" "$work/nginx/logs" "$work/nginx/temp"
  chmod -R a+rwx "$work/nginx"
  sed 's/127\.0\.0\.1:1808/127.0.0.1:2808/g' deploy/nginx/aegis.conf >"$work/conf/aegis.conf"
  sed 's/^worker_processes .*/worker_processes 1;/' deploy/nginx/nginx-local.conf >"$work/conf/nginx-local.conf"
  for port in 28080 28081 28082 28083; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is in use"
      return 1
    fi
  done
  cat >"$work/nodes.py" <<'EOF'
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Node(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        port = self.server.server_address[1]
        body = (f"{port} {self.request_version} connection={self.headers.get('Connection', '')}"
                f" id={self.headers.get('X-Request-Id', '')}\n").encode()
        self.send_response(503 if port == 28082 else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass

servers = [ThreadingHTTPServer(("127.0.0.1", port), Node) for port in (28081, 28082)]
for server in servers[1:]:
    threading.Thread(target=server.serve_forever, daemon=True).start()
servers[0].serve_forever()
EOF
  "$python" "$work/nodes.py" &
  pids+=($!)
  "${as_user[@]}" "$nginx" -g 'daemon off;' -p "$work/nginx/" -e logs/error.log -c "$work/conf/nginx-local.conf" &
  pids+=($!)
  for _ in $(seq 1 50); do
    (exec 3<>/dev/tcp/127.0.0.1/28081) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/28080) 2>/dev/null && break
    sleep 0.1
  done
  local codes="" body ok=0
  for i in 1 2 3 4 5 6; do
    codes+=" $(curl -s -o "$work/post$i" -w '%{http_code}' -X POST -d '{}' http://127.0.0.1:28080/v1/tasks)"
  done
  echo "POST codes:$codes"
  case "$codes" in *502*|*000*) echo "a POST failed outright"; ok=1 ;; esac
  case "$codes" in *503*) ;; *) echo "no POST reached the 503 node: the check proves nothing"; ok=1 ;; esac
  for i in 1 2 3 4 5 6; do
    [ "$(sed -n '1s/ .*//p' "$work/post$i")" = 28082 ] && continue
    grep -q '^28081 ' "$work/post$i" || { echo "POST $i answered by: $(cat "$work/post$i")"; ok=1; }
  done
  for i in 1 2 3 4 5 6; do
    if ! body=$(curl -s -f -H "X-Request-Id: check-$i" http://127.0.0.1:28080/ready); then
      echo "GET $i failed"
      ok=1
      continue
    fi
    case "$body" in
      "28081 HTTP/1.1 connection= id=check-$i") ;;
      *) echo "GET $i: $body (wanted node 28081, HTTP/1.1, no Connection header, id check-$i)"; ok=1 ;;
    esac
  done
  body=$(curl -s http://127.0.0.1:28080/ready)
  [[ "$body" =~ id=[0-9a-f]{32}$ ]] || { echo "no request id made for a request without one: $body"; ok=1; }
  return $ok
}
if command -v curl >/dev/null; then
  step "nginx in front of stand-in nodes: GET retried, POST not, keepalive, request ids" nginx_live
else
  skip "nginx live run" "no curl"
fi

# ---- Prometheus -------------------------------------------------------------------------------------------------

# Debian builds Prometheus without Kubernetes service discovery: its promtool rejects kubernetes_sd_configs. Then the
# rest of the file is checked with that block swapped for an empty static one (check_files.py checks the block).
promtool_config() {
  if promtool check config deploy/prometheus/prometheus.yml >"$work/config.out" 2>&1; then
    cat "$work/config.out"
    return 0
  fi
  if ! grep -q 'field kubernetes_sd_configs not found' "$work/config.out"; then
    cat "$work/config.out"
    return 1
  fi
  echo "this promtool has no Kubernetes service discovery; checking the rest of the file"
  mkdir -p "$work/prometheus"
  cp deploy/prometheus/alerts.yml "$work/prometheus/"
  sed 's/kubernetes_sd_configs:/static_configs:/; s/- role: pod/- targets: []/' deploy/prometheus/prometheus.yml \
    >"$work/prometheus/prometheus.yml"
  promtool check config "$work/prometheus/prometheus.yml"
}
step "promtool check config prometheus.yml" promtool_config
step "promtool check rules alerts.yml" promtool check rules deploy/prometheus/alerts.yml
step "promtool test rules alerts-test.yml" promtool test rules deploy/prometheus/alerts-test.yml
if [ -s "$work/queries.yml" ]; then
  step "dashboard, adapter and KEDA queries parse as PromQL" promtool check rules "$work/queries.yml"
else
  skip "PromQL of dashboard and adapter queries" "check_files.py failed before writing them"
fi

# ---- scripts ----------------------------------------------------------------------------------------------------

scripts_parse() {
  local script
  for script in deploy/*.sh deploy/nginx/*.sh; do
    bash -n "$script" || return 1
  done
  sh -n deploy/docker/entrypoint.sh || return 1
  if command -v shellcheck >/dev/null; then
    shellcheck deploy/*.sh deploy/nginx/*.sh deploy/docker/entrypoint.sh
  fi
}
step "shell scripts parse$(command -v shellcheck >/dev/null && echo ' and pass shellcheck')" scripts_parse

# ---- summary ----------------------------------------------------------------------------------------------------

echo "deploy/check.sh:"
printf '  %s\n' "${summary[@]}"
skip_docker="skip  docker build of deploy/Dockerfile, and anything on a real cluster: no Docker, no Kubernetes here"
echo "  $skip_docker"
if [ "$failed" -ne 0 ]; then
  echo "deploy/check.sh: FAILED"
  exit 1
fi
echo "deploy/check.sh: all checks passed in $SECONDS s"
