#!/usr/bin/env bash
# What the real-driver tests need (the process driver's boxes: src/drivers/process/index.ts processDriverProblem),
# for .ci/run (idempotent, installs only what is missing):
#   util-linux   unshare, nsenter, setpriv, pivot_root   the boxes' namespaces, the relay's network namespace
#   mount        mount, umount                           the boxes' private root
#   coreutils    mknod                                   the boxes' /dev
#   dash         sh                                      the boxes' setup script
#   iproute2     ip                                      loopback up in the network namespaces
# Root (to make the namespaces) and Go (to build the patched agent, installer and controller) are checked, not
# installed: without them test/drivers/process-swarm.test.ts is skipped with the reason.
set -euo pipefail

declare -A package=(
  [unshare]=util-linux [nsenter]=util-linux [setpriv]=util-linux [pivot_root]=util-linux
  [mount]=mount [umount]=mount [mknod]=coreutils [sh]=dash [ip]=iproute2
)
export PATH="$PATH:/usr/sbin:/sbin"
missing=()
for tool in "${!package[@]}"; do
  command -v "$tool" >/dev/null || missing+=("${package[$tool]}")
done
if ((${#missing[@]})); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  echo "drivers-prereqs: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "drivers-prereqs: warning: not root; the real-driver tests will be skipped" >&2
elif ! unshare --net true 2>/dev/null; then
  echo "drivers-prereqs: warning: cannot create a network namespace here; the real-driver tests will be skipped" >&2
fi
if ! command -v go >/dev/null; then
  echo "drivers-prereqs: warning: no Go toolchain; the real-driver tests (they build the patched binaries) will be skipped" >&2
fi
echo "drivers-prereqs: $(unshare --version), $(ip -V)"
