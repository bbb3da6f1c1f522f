#!/usr/bin/env bash
# What the tests on a real Kubernetes API server need, for .ci/run (idempotent, safe to run every time):
# the system tools scripts/kube-env.sh uses, then the etcd / kube-apiserver / kube-controller-manager /
# kubectl binaries, built once from tools/kube into the cache (a few seconds when already built; a cold
# build takes ~8 minutes on 2 free cores).
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
command -v flock >/dev/null || missing+=(util-linux)
command -v setsid >/dev/null || missing+=(util-linux)
command -v sha256sum >/dev/null || missing+=(coreutils)
if ((${#missing[@]})); then
  echo "kube-prereqs: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
fi
command -v go >/dev/null || {
  echo "kube-prereqs: error: the Go toolchain is needed to build the kube binaries (tools/kube)" >&2
  exit 1
}
bash scripts/kube-env.sh build
