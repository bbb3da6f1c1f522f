#!/usr/bin/env bash
# A real Kubernetes API server on loopback for tests, benchmarks and demos (see docs/kube.md).
#
#   scripts/kube-env.sh build [BIN...]   build etcd, kube-apiserver, kube-controller-manager, kubectl once
#                                        into the cache (skips binaries already built from the same sources)
#   scripts/kube-env.sh up               start etcd + kube-apiserver (+ kube-controller-manager) on
#                                        127.0.0.1, write a kubeconfig, install the assisted-service CRDs
#   scripts/kube-env.sh down             stop exactly the processes `up` started
#   scripts/kube-env.sh status           what is running; exit 0 only when the API server is ready
#   scripts/kube-env.sh stop|start NAME  stop or start one component again (tests: API server restart)
#   scripts/kube-env.sh paths            print BIN_DIR, KUBECONFIG, SERVER as shell assignments
#
# Environment:
#   ASSISTED_SWARM_CACHE   cache root (default ~/.cache/assisted-swarm); binaries in kube/<version>/bin
#   KUBE_ENV_DIR           state dir: pids, certs, data, logs, kubeconfig (default /tmp/assisted-swarm-kube-env)
#   KUBE_ENV_CONTROLLERS   0 to run without kube-controller-manager (default 1)
#   KUBE_ENV_CRDS          0 to skip installing the CRDs (default 1)
#   KUBE_ENV_FSYNC         1 to let etcd fsync (default 0: the data dir is thrown away anyway)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KUBE_VERSION="v1.37.2"
ETCD_VERSION="v3.7.3"
CACHE_ROOT="${ASSISTED_SWARM_CACHE:-$HOME/.cache/assisted-swarm}"
CACHE_BIN_DIR="$CACHE_ROOT/kube/$KUBE_VERSION/bin"
BIN_DIR="$CACHE_BIN_DIR"
STATE="${KUBE_ENV_DIR:-/tmp/assisted-swarm-kube-env}"
# A running env keeps using the binaries it was started with, whatever the cache setting now.
if [[ "${1:-}" != build && -f "$STATE/bin_dir" ]]; then BIN_DIR="$(cat "$STATE/bin_dir")"; fi
ALL_BINS=(etcd kube-apiserver kube-controller-manager kubectl)
# Start order; `down` stops in reverse.
COMPONENTS=(etcd kube-apiserver kube-controller-manager)

log() { printf 'kube-env: %s\n' "$*" >&2; }
die() {
  printf 'kube-env: error: %s\n' "$*" >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------- build

ldflags_for() {
  local flags="-s -w" major minor pkg
  major="${KUBE_VERSION#v}"
  major="${major%%.*}"
  minor="${KUBE_VERSION#v*.}"
  minor="${minor%%.*}"
  if [[ "$1" != etcd ]]; then
    # Without the stamp the server reports v0.0.0-master and clients fail to parse it.
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      flags+=" -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
    done
  fi
  printf '%s' "$flags"
}

# A binary is rebuilt when its wrapper module (go.mod, go.sum, main.go) or its ldflags change.
source_key() {
  local dir="$ROOT/tools/kube/$1"
  { cat "$dir/go.mod" "$dir/go.sum" "$dir/main.go"; ldflags_for "$1"; go env GOVERSION 2>/dev/null || true; } |
    sha256sum | cut -c1-16
}

build_one() {
  local bin="$1" dir="$ROOT/tools/kube/$1" key tmp
  [[ -f "$dir/go.mod" ]] || die "unknown binary '$bin' (expected one of: ${ALL_BINS[*]})"
  key="$(source_key "$bin")"
  if [[ -x "$BIN_DIR/$bin" && "$(cat "$BIN_DIR/.$bin.key" 2>/dev/null)" == "$key" ]]; then
    log "$bin: already built ($BIN_DIR/$bin)"
    return 0
  fi
  log "$bin: building (a cold build of all four takes ~8 min on 2 cores)"
  tmp="$BIN_DIR/.$bin.tmp.$$"
  local start=$SECONDS
  (cd "$dir" && GOFLAGS=-buildvcs=false go build -trimpath -ldflags "$(ldflags_for "$bin")" -o "$tmp" .) ||
    {
      rm -f "$tmp"
      die "$bin: go build failed"
    }
  mv -f "$tmp" "$BIN_DIR/$bin"
  printf '%s\n' "$key" >"$BIN_DIR/.$bin.key"
  log "$bin: built in $((SECONDS - start)) s"
}

cmd_build() {
  command -v go >/dev/null || die "go is not installed (needed once to build the binaries)"
  mkdir -p "$BIN_DIR"
  local bins=("$@")
  [[ ${#bins[@]} -gt 0 ]] || bins=("${ALL_BINS[@]}")
  # One build at a time per cache, so parallel test runs do not build twice.
  exec 9>"$BIN_DIR/.build.lock"
  flock 9
  local b
  for b in "${bins[@]}"; do build_one "$b"; done
  flock -u 9
}

# ------------------------------------------------------------------------------------------- processes

pid_of() { cat "$STATE/pids/$1.pid" 2>/dev/null || true; }

# True when the recorded PID is alive and still runs our binary (guards against PID reuse).
is_running() {
  local pid
  pid="$(pid_of "$1")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$BIN_DIR/$1 " || return 1
}

start_component() {
  local name="$1"
  [[ -f "$STATE/run/$name.args" ]] || die "no launch recorded for $name (run 'up' first)"
  if is_running "$name"; then
    log "$name already running (pid $(pid_of "$name"))"
    return 0
  fi
  local -a args
  mapfile -t args <"$STATE/run/$name.args"
  # etcd reads every ETCD_* variable as a flag and dies on a duplicate: start everything without them.
  local -a unset_etcd=()
  local v
  for v in $(compgen -e); do [[ "$v" == ETCD_* ]] && unset_etcd+=(-u "$v"); done
  setsid env "${unset_etcd[@]}" "$BIN_DIR/$name" "${args[@]}" </dev/null >>"$STATE/logs/$name.log" 2>&1 &
  echo $! >"$STATE/pids/$name.pid"
  log "$name started (pid $!, log $STATE/logs/$name.log)"
}

stop_component() {
  local name="$1" pid i
  pid="$(pid_of "$name")"
  if [[ -z "$pid" ]]; then return 0; fi
  if is_running "$name"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) did not stop in 5 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "$name stopped (pid $pid)"
  fi
  rm -f "$STATE/pids/$name.pid"
}

free_ports() {
  # The OS hands out free ports; they are closed again right away and used a moment later.
  node -e '
    const net = require("node:net")
    const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer())
    Promise.all(servers.map(s => new Promise(r => s.listen(0, "127.0.0.1", r)))).then(() => {
      console.log(servers.map(s => s.address().port).join(" "))
      servers.forEach(s => s.close())
    })' "$1"
}

wait_for() {
  local what="$1" timeout="$2" name="$3"
  shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! is_running "$name"; then
      tail -n 20 "$STATE/logs/$name.log" >&2 || true
      die "$name exited while waiting for $what (log: $STATE/logs/$name.log)"
    fi
    ((SECONDS < deadline)) || die "timed out after ${timeout}s waiting for $what (log: $STATE/logs/$name.log)"
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------------------------- certs

make_certs() {
  local c="$STATE/certs"
  mkdir -p "$c"
  (
    cd "$c"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout ca.key -out ca.crt -subj "/CN=assisted-swarm-kube-env-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    # Serving certificate of the API server: loopback only.
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' >apiserver.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile apiserver.ext \
      -out apiserver.crt 2>/dev/null
    # The admin identity: a client certificate in system:masters.
    openssl req -newkey rsa:2048 -nodes -keyout admin.key -out admin.csr -subj "/O=system:masters/CN=kube-env-admin" 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile client.ext \
      -out admin.crt 2>/dev/null
    # Service-account token signing keys.
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    rm -f ./*.csr
    chmod 600 ./*.key
  )
}

write_kubeconfig() {
  local server="$1" c="$STATE/certs"
  umask 077
  cat >"$STATE/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: kube-env
    cluster:
      server: $server
      certificate-authority-data: $(base64 -w0 <"$c/ca.crt")
users:
  - name: kube-env-admin
    user:
      client-certificate-data: $(base64 -w0 <"$c/admin.crt")
      client-key-data: $(base64 -w0 <"$c/admin.key")
contexts:
  - name: kube-env
    context:
      cluster: kube-env
      user: kube-env-admin
current-context: kube-env
EOF
}

# ------------------------------------------------------------------------------------------------ up

record_args() {
  local name="$1"
  shift
  printf '%s\n' "$@" >"$STATE/run/$name.args"
}

api_ready() {
  local c="$STATE/certs"
  [[ "$(curl -sS --max-time 2 --cacert "$c/ca.crt" --cert "$c/admin.crt" --key "$c/admin.key" "$(server_url)/readyz")" == ok ]]
}

server_url() { cat "$STATE/server" 2>/dev/null; }

install_crds() {
  local dir="$STATE/crds"
  rm -rf "$dir"
  mkdir -p "$dir"
  # The CRDs the library validates against (src/kube/generated/crds.ts); ../shared/upstream when the
  # TypeScript toolchain is not installed.
  if [[ -x "$ROOT/node_modules/.bin/tsx" ]]; then
    (cd "$ROOT" && node_modules/.bin/tsx scripts/kube-crds.ts "$dir")
  elif [[ -d "$ROOT/../shared/upstream/assisted-service/crds" ]]; then
    cp "$ROOT/../shared/upstream/assisted-service/crds/"*.yaml "$dir/"
  else
    die "no CRDs: run npm ci (for src/kube/generated/crds.ts) or provide ../shared/upstream"
  fi
  local k=("$BIN_DIR/kubectl" --kubeconfig "$STATE/kubeconfig")
  "${k[@]}" apply --server-side --field-manager kube-env -f "$dir" >"$STATE/logs/crds.log" 2>&1 ||
    {
      cat "$STATE/logs/crds.log" >&2
      die "installing the CRDs failed"
    }
  "${k[@]}" wait --for condition=Established --timeout 60s crd --all >>"$STATE/logs/crds.log" 2>&1 ||
    {
      cat "$STATE/logs/crds.log" >&2
      die "the CRDs did not become Established"
    }
  log "CRDs installed and Established: $(ls "$dir" | wc -l) files"
}

cmd_up() {
  if [[ -d "$STATE/pids" ]] && is_running kube-apiserver && api_ready; then
    log "already up (state $STATE)"
    print_paths
    return 0
  fi
  if [[ -e "$STATE" && ! -f "$STATE/.kube-env" && -n "$(ls -A "$STATE")" ]]; then
    die "$STATE is not empty and was not made by kube-env; set KUBE_ENV_DIR to another directory"
  fi
  [[ -d "$STATE/pids" ]] && cmd_down >/dev/null 2>&1 || true
  BIN_DIR="$CACHE_BIN_DIR"
  local -a needed=(etcd kube-apiserver kubectl)
  [[ "${KUBE_ENV_CONTROLLERS:-1}" != 1 ]] || needed+=(kube-controller-manager)
  if command -v go >/dev/null; then
    cmd_build "${needed[@]}"
  else
    local b
    for b in "${needed[@]}"; do [[ -x "$BIN_DIR/$b" ]] || die "$BIN_DIR/$b is missing and go is not installed"; done
  fi
  command -v openssl >/dev/null || die "openssl is not installed"
  command -v curl >/dev/null || die "curl is not installed"

  rm -rf "$STATE"
  mkdir -p "$STATE"/{pids,run,logs,data}
  touch "$STATE/.kube-env"
  echo "$BIN_DIR" >"$STATE/bin_dir"
  chmod 700 "$STATE"
  make_certs
  local etcd_client etcd_peer api_port
  read -r etcd_client etcd_peer api_port <<<"$(free_ports 3)"
  echo "https://127.0.0.1:$api_port" >"$STATE/server"

  local -a etcd_args=(
    --name kube-env --data-dir "$STATE/data/etcd"
    --listen-client-urls "http://127.0.0.1:$etcd_client" --advertise-client-urls "http://127.0.0.1:$etcd_client"
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer"
    --initial-cluster "kube-env=http://127.0.0.1:$etcd_peer" --log-level warn
  )
  [[ "${KUBE_ENV_FSYNC:-0}" == 1 ]] || etcd_args+=(--unsafe-no-fsync)
  record_args etcd "${etcd_args[@]}"
  local c="$STATE/certs"
  record_args kube-apiserver \
    --etcd-servers "http://127.0.0.1:$etcd_client" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --endpoint-reconciler-type none \
    --tls-cert-file "$c/apiserver.crt" --tls-private-key-file "$c/apiserver.key" \
    --client-ca-file "$c/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$c/sa.pub" --service-account-signing-key-file "$c/sa.key" \
    --service-cluster-ip-range 10.0.0.0/24 \
    --authorization-mode RBAC \
    --cert-dir "$STATE/data/apiserver-certs"
  record_args kube-controller-manager \
    --kubeconfig "$STATE/kubeconfig" \
    --controllers namespace-controller,garbage-collector-controller,serviceaccount-controller,root-ca-certificate-publisher-controller,clusterrole-aggregation-controller \
    --leader-elect=false --secure-port 0 --root-ca-file "$c/ca.crt" \
    --service-account-private-key-file "$c/sa.key"
  write_kubeconfig "$(server_url)"

  start_component etcd
  wait_for "etcd" 30 etcd curl -fsS --max-time 2 "http://127.0.0.1:$etcd_client/health"
  start_component kube-apiserver
  wait_for "the API server to be ready" 90 kube-apiserver api_ready
  if [[ "${KUBE_ENV_CONTROLLERS:-1}" == 1 ]]; then
    start_component kube-controller-manager
    sleep 1
    if ! is_running kube-controller-manager; then
      tail -n 5 "$STATE/logs/kube-controller-manager.log" >&2 || true
      die "kube-controller-manager exited at start (log: $STATE/logs/kube-controller-manager.log)"
    fi
  fi
  if [[ "${KUBE_ENV_CRDS:-1}" == 1 ]]; then install_crds; fi
  log "up: $(server_url)"
  print_paths
}

print_paths() {
  printf 'BIN_DIR=%s\nKUBECONFIG=%s\nSERVER=%s\n' "$BIN_DIR" "$STATE/kubeconfig" "$(server_url)"
}

cmd_down() {
  local i
  if [[ ! -d "$STATE/pids" ]]; then
    log "nothing to stop (no state in $STATE)"
    return 0
  fi
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do stop_component "${COMPONENTS[i]}"; done
  if [[ -f "$STATE/.kube-env" ]]; then rm -rf "$STATE"; fi
  log "down"
}

cmd_status() {
  local name ok=0
  [[ -d "$STATE/pids" ]] || {
    echo "not up (no state in $STATE)"
    return 1
  }
  for name in "${COMPONENTS[@]}"; do
    if is_running "$name"; then echo "$name: running (pid $(pid_of "$name"))"; else echo "$name: stopped"; fi
  done
  if api_ready; then echo "api: ready at $(server_url)"; else
    echo "api: not ready"
    ok=1
  fi
  echo "kubeconfig: $STATE/kubeconfig"
  return $ok
}

case "${1:-}" in
  build)
    shift
    cmd_build "$@"
    ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  paths) print_paths ;;
  stop)
    [[ -n "${2:-}" ]] || die "usage: $0 stop NAME"
    stop_component "$2"
    ;;
  start)
    [[ -n "${2:-}" ]] || die "usage: $0 start NAME"
    start_component "$2"
    if [[ "$2" == kube-apiserver ]]; then wait_for "the API server to be ready" 90 kube-apiserver api_ready; fi
    ;;
  *)
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    [[ "${1:-}" == -h || "${1:-}" == --help ]] || exit 2
    ;;
esac
