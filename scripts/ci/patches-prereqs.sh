#!/usr/bin/env bash
# What the apply-patches and build-push-images tests need, for .ci/run (idempotent, safe to run every time):
#   git                      apply the patch series (git am --3way)
#   buildah, skopeo          build and push images, inspect the pushed digest
#   docker-registry          a real registry on 127.0.0.1 (its service is never started: tests run their own)
#   apache2-utils            htpasswd, for the registry's basic auth
#   uidmap, fuse-overlayfs   buildah's storage and user namespace helpers
# Go (for the slow tests that compile the patched binaries) is checked, not installed.
set -euo pipefail

missing=()
command -v git >/dev/null || missing+=(git)
command -v buildah >/dev/null || missing+=(buildah)
command -v skopeo >/dev/null || missing+=(skopeo)
command -v htpasswd >/dev/null || missing+=(apache2-utils)
[[ -x /usr/bin/docker-registry ]] || missing+=(docker-registry)
command -v newuidmap >/dev/null || missing+=(uidmap)
command -v fuse-overlayfs >/dev/null || missing+=(fuse-overlayfs)
if ((${#missing[@]})); then
  echo "patches-prereqs: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The registry package enables and starts its own service on :5000; the tests start their own instances.
  policy_rc=/usr/sbin/policy-rc.d
  created_policy=false
  if [[ ! -e $policy_rc ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy_rc"
    chmod +x "$policy_rc"
    created_policy=true
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if $created_policy; then rm -f "$policy_rc"; fi
fi

if ! command -v go >/dev/null; then
  echo "patches-prereqs: warning: no Go toolchain; the tests that compile the patched binaries will be skipped" >&2
fi
echo "patches-prereqs: git $(git --version | cut -d' ' -f3), buildah $(buildah --version | cut -d' ' -f3), skopeo $(skopeo --version | cut -d' ' -f3)"
