#!/usr/bin/env bash
# Prerequisites of the collect-results tests: Debian's Chromium, which test/report/html-chromium.test.ts
# drives through playwright-core to check that every chart of report.html renders. Idempotent: does nothing
# when /usr/bin/chromium is already there. Needs root (or sudo) and apt.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
sudo_cmd=()
if [[ "$(id -u)" != 0 ]]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
