#!/usr/bin/env bash
# Installs into a temporary prefix and runs the installed binary; builds the .deb and inspects it; loads the
# bash completion. Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
bin="$tmp/prefix/bin/pinreqs"
[ -x "$bin" ] || fail "no installed binary"
"$bin" --version | grep -q '^pinreqs [0-9]' || fail "--version"
man_page="$tmp/prefix/share/man/man1/pinreqs.1"
[ -s "$man_page" ] || fail "no man page"
grep -q '^\.TH PINREQS 1' "$man_page" || fail "man page header"
grep -q 'generate\\-hashes' "$man_page" || fail "man page lacks compile options"
# The installed binary pins a file against the demo index.
mkdir -p "$tmp/app"
printf 'click>=8\n' > "$tmp/app/requirements.txt"
(cd "$tmp/app" && PINREQS_CACHE_DIR="$tmp/cache" "$bin" requirements.txt --python 3.11 \
   --index-url "$src/fixtures/demo-index" -q) || fail "installed pin"
grep -qx 'click==8.4.2' "$tmp/app/requirements.txt" || fail "pinned content: $(cat "$tmp/app/requirements.txt")"

# bash completion: loads, registers, and completes subcommands and options.
comp="$tmp/prefix/share/bash-completion/completions/pinreqs"
[ -s "$comp" ] || fail "no bash completion"
out=$(bash -c "source '$comp'; complete -p pinreqs; COMP_WORDS=(pinreqs com); COMP_CWORD=1; _pinreqs; echo \"\${COMPREPLY[*]}\"")
grep -q 'complete .*-F _pinreqs pinreqs' <<<"$out" || fail "completion not registered: $out"
grep -q 'compile' <<<"$out" || fail "subcommand not completed: $out"
out=$(bash -c "source '$comp'; COMP_WORDS=(pinreqs compile --gen); COMP_CWORD=2; _pinreqs; echo \"\${COMPREPLY[*]}\"")
[ "$out" = "--generate-hashes" ] || fail "option not completed: $out"
[ -s "$tmp/prefix/share/zsh/vendor-completions/_pinreqs" ] || fail "no zsh completion"
[ -s "$tmp/prefix/share/fish/vendor_completions.d/pinreqs.fish" ] || fail "no fish completion"
if command -v fish >/dev/null; then fish -n "$tmp/prefix/share/fish/vendor_completions.d/pinreqs.fish" || fail "fish syntax"; fi
if command -v zsh >/dev/null; then zsh -n "$tmp/prefix/share/zsh/vendor-completions/_pinreqs" || fail "zsh syntax"; fi

# The Debian package.
(cd "$build" && cpack -G DEB -B "$tmp/deb" >/dev/null) || fail "cpack"
deb=$(ls "$tmp"/deb/pinreqs_*.deb)
info=$(dpkg-deb -I "$deb")
grep -q 'Package: pinreqs' <<<"$info" || fail "deb control"
for lib in libcurl4 libsqlite3-0 libsimdjson14 libgit2-1.5 libfmt9; do
  grep -q "Depends:.*$lib" <<<"$info" || fail "deb does not depend on $lib: $(grep Depends <<<"$info")"
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/pinreqs ./usr/share/man/man1/pinreqs.1 ./usr/share/bash-completion/completions/pinreqs; do
  grep -q " $f\$" <<<"$contents" || fail "deb lacks $f"
done
echo "install, completion and .deb checks passed"
