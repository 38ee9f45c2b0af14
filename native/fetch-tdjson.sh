#!/usr/bin/env bash
# Fetches the pinned libtdjson for this machine into native/<os>-<arch>/libtdjson.so.
#
# The tarball comes from npm's configured registry (`npm pack`); its SHA-256 and the library's
# SHA-256 must match native/tdjson.lock, or nothing is installed. Idempotent: an installed library
# whose checksum matches is left alone. Exit 0 when the library is in place, 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lock="$here/tdjson.lock"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  *) echo "fetch-tdjson: no pinned libtdjson for $(uname -s)-$(uname -m); build TDLib and pass --tdjson PATH or set TGDL_TDJSON" >&2; exit 1 ;;
esac

read -r _ package tar_sha lib_sha < <(grep "^$platform " "$lock")
target_dir="$here/$platform"
target="$target_dir/libtdjson.so"

sha256() { sha256sum "$1" | cut -d' ' -f1; }

if [[ -f "$target" && "$(sha256 "$target")" == "$lib_sha" ]]; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-tdjson: npm is needed to fetch $package (or pass --tdjson PATH / set TGDL_TDJSON)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "fetch-tdjson: fetching $package ..." >&2
if ! (cd "$work" && npm pack --silent "$package" >/dev/null 2>"$work/npm.err"); then
  echo "fetch-tdjson: npm pack $package failed: $(tail -n 1 "$work/npm.err")" >&2
  exit 1
fi
tarball=$(ls "$work"/*.tgz)
if [[ "$(sha256 "$tarball")" != "$tar_sha" ]]; then
  echo "fetch-tdjson: checksum mismatch for $(basename "$tarball"): expected $tar_sha, got $(sha256 "$tarball"); nothing installed" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/libtdjson.so
if [[ "$(sha256 "$work/package/libtdjson.so")" != "$lib_sha" ]]; then
  echo "fetch-tdjson: libtdjson.so checksum mismatch; nothing installed" >&2
  exit 1
fi
mkdir -p "$target_dir"
# install under a temporary name, then rename: a reader never sees half a library
cp "$work/package/libtdjson.so" "$target.tmp.$$"
mv -f "$target.tmp.$$" "$target"
echo "fetch-tdjson: installed $target" >&2
