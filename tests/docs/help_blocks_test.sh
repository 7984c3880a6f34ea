#!/usr/bin/env bash
# Every docs/<command>.md carries the command's current `--help` between markers; fail when they drift
# (scripts/update-docs refreshes them). Usage: help_blocks_test.sh BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
checked=0
for doc in "$src"/docs/*.md; do
  cmd=$(sed -n 's/^<!-- help:\([a-z]*\) -->$/\1/p' "$doc" | head -n1)
  [ -n "$cmd" ] || continue
  want=$("$bin" "$cmd" --help)
  have=$(awk -v c="<!-- help:$cmd -->" '$0==c{f=1;next} /^<!-- \/help -->/{f=0} f' "$doc" | sed '1d;$d')
  if [ "$want" != "$have" ]; then
    echo "FAIL: $doc: the --help block differs from \`pinreqs $cmd --help\` (run scripts/update-docs)" >&2
    diff <(echo "$have") <(echo "$want") >&2 || true
    exit 1
  fi
  checked=$((checked + 1))
done
[ "$checked" -ge 3 ] || { echo "FAIL: only $checked docs pages carry a help block" >&2; exit 1; }
echo "$checked docs pages match --help"
