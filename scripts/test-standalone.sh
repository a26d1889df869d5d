#!/usr/bin/env bash
# Proves that the suite needs nothing beside the repository (issue #11): copies the working tree (tracked and
# untracked files, not what .gitignore ignores; node_modules symlinked, not copied) into a fresh temporary folder
# with no ../shared next to it, and runs the golden-case step and the unit-test step there.
# Called by scripts/test.sh; runs alone too: `bash scripts/test-standalone.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PARENT=$(mktemp -d "${TMPDIR:-/tmp}/sme-standalone-XXXXXX")
trap 'rm -rf "$PARENT"' EXIT
COPY="$PARENT/platform"
mkdir -p "$COPY"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$COPY"
else
  tar --exclude=./node_modules --exclude=./dist --exclude=./data --exclude=./.git -cf - . | tar -xf - -C "$COPY"
fi
ln -s "$ROOT/node_modules" "$COPY/node_modules"

if [ -e "$PARENT/shared" ] || [ -e "$COPY/../shared" ]; then
  echo "test-standalone: the copy has a ../shared beside it; it must not" >&2
  exit 1
fi
case "$COPY" in
  "$ROOT"/*) echo "test-standalone: the copy must be outside the repository" >&2; exit 1 ;;
esac

cd "$COPY"
echo "Standalone copy: $COPY (no ../shared beside it)"
npm run -s cases -- tests/cases
npx vitest run --project unit
