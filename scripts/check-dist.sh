#!/usr/bin/env bash
# Fails when a committed bundle (dist/) or a generated file (action.yml, READMEs, types, contracts) is stale:
# it rebuilds them and compares with what is committed, as actions/typescript-action's check-dist does.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/generate-types.ts --check
if [[ -d ../shared/upstream/assisted-service ]]; then
  npx tsx scripts/sync-contracts.ts --check
else
  echo "check-dist: ../shared/upstream not present; skipping the contracts drift check"
fi
npx tsx scripts/generate-docs.ts --check
bash scripts/bundle.sh >/dev/null
if ! git diff --quiet --ignore-space-at-eol --text -- dist/ actions/ README.md; then
  echo "check-dist: the committed bundles or generated docs are stale; run 'npm run package' and commit:" >&2
  git diff --stat -- dist/ actions/ README.md >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- dist/)
if [[ -n "$untracked" ]]; then
  echo "check-dist: new bundle files are not committed:" >&2
  echo "$untracked" >&2
  exit 1
fi
echo "check-dist: bundles and generated files are current"
