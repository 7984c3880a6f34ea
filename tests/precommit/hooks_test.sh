#!/usr/bin/env bash
# Runs the hooks of .pre-commit-hooks.yaml against a sample repository: with pre-commit (`try-repo`) when it
# is installed, else by invoking each hook's entry with the matching files as pre-commit would.
# Usage: hooks_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export PATH="$build/cli:$PATH"
export PIP_INDEX_URL="$src/fixtures/demo-index" PINREQS_CACHE_DIR="$tmp/cache" NO_COLOR=1 PIP_CONFIG_FILE=/dev/null
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid

repo="$tmp/app"
mkdir -p "$repo"
git -C "$repo" init -q
echo "3.11" > "$repo/.python-version"
printf 'click>=8  # cli\n' > "$repo/requirements.txt"
git -C "$repo" add -A
git -C "$repo" commit -qm init

entry_of() {  # hook id -> its entry line
  awk -v id="$1" '$0 ~ "- id: "id"$" {f=1; next} /^- id:/ {f=0} f && /^  entry:/ {sub(/^  entry: */, ""); print; exit}' \
    "$src/.pre-commit-hooks.yaml"
}
run_hook() {  # id -> exit code of the hook on requirements.txt
  if command -v pre-commit >/dev/null && [ -d "$src/.git" ]; then
    (cd "$repo" && pre-commit try-repo "$src" "$1" --files requirements.txt >"$tmp/out" 2>&1) && return 0 || return 1
  else
    (cd "$repo" && $(entry_of "$1") requirements.txt >"$tmp/out" 2>&1) && return 0 || return 1
  fi
}

[ -n "$(entry_of pinreqs-check)" ] || fail "no pinreqs-check hook"
[ -n "$(entry_of pinreqs-pin)" ] || fail "no pinreqs-pin hook"

# A range: the check hook fails.
if run_hook pinreqs-check; then fail "pinreqs-check passed on a range: $(cat "$tmp/out")"; fi
# The pin hook rewrites the file (pre-commit reports that as a failure, like any hook that edits files).
run_hook pinreqs-pin || true
grep -q '^click==8.4.2  # cli' "$repo/requirements.txt" || fail "pinreqs-pin did not pin: $(cat "$repo/requirements.txt"; cat "$tmp/out")"
git -C "$repo" add -A && git -C "$repo" commit -qm pinned
# Pinned now: both hooks pass and the pin hook changes nothing.
run_hook pinreqs-check || fail "pinreqs-check failed on a pinned file: $(cat "$tmp/out")"
run_hook pinreqs-pin || fail "pinreqs-pin changed a pinned file: $(cat "$tmp/out")"
git -C "$repo" diff --quiet || fail "pinreqs-pin modified an already pinned file"
echo "pre-commit hooks behave ($(command -v pre-commit >/dev/null && echo 'via pre-commit try-repo' || echo 'entries invoked directly'))"
