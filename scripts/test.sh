#!/usr/bin/env bash
# The test command of the README: every unit, integration and end-to-end test (Jest, ESM).
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
if [[ "${1:-}" == "--ci" ]]; then
  shift
  args+=(--ci --coverage)
fi
exec node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js "${args[@]}" "$@"
