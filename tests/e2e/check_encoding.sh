#!/usr/bin/env bash
# Precompressed web assets: tests/e2e/check_encoding.sh BASE_URL (run by run.sh).
#
# The script and style sheet of the UI, and index.html, go out as brotli when the client accepts
# it, else gzip, else as they are; q=0 refuses a coding; every answer carries
# Vary: Accept-Encoding; the decoded body is the same file. Exits non-zero on the first mismatch.
set -euo pipefail
base_url="$1"
py=/usr/bin/python3
tmp="$(mktemp -d /tmp/roster-encoding.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
failures=0

header() { tr -d '\r' <"$1" | awk -v name="$2" 'BEGIN { IGNORECASE = 1 } tolower($1) == tolower(name ":") { $1 = ""; sub(/^ /, ""); print }'; }

decode() {  # decode CODING FILE > stdout
  case "$1" in
    br) "$py" -c 'import brotli, sys; sys.stdout.buffer.write(brotli.decompress(open(sys.argv[1], "rb").read()))' "$2" ;;
    gzip) gzip -dc <"$2" ;;
    *) cat "$2" ;;
  esac
}

expect() {  # expect PATH ACCEPT_ENCODING WANTED_CODING
  local path="$1" accept="$2" want="$3" args=()
  [[ -n "$accept" ]] && args=(-H "Accept-Encoding: $accept")
  curl -fsS "${args[@]}" -D "$tmp/h" -o "$tmp/b" "$base_url$path"
  local got vary
  got="$(header "$tmp/h" Content-Encoding)"
  vary="$(header "$tmp/h" Vary)"
  if [[ "$got" != "$want" ]]; then
    echo "encoding: $path with Accept-Encoding '$accept': Content-Encoding '$got', want '$want'" >&2
    failures=$((failures + 1))
  fi
  if [[ "$vary" != *Accept-Encoding* ]]; then
    echo "encoding: $path with Accept-Encoding '$accept': no Vary: Accept-Encoding (got '$vary')" >&2
    failures=$((failures + 1))
  fi
  if ! cmp -s <(decode "$want" "$tmp/b") "$tmp/identity"; then
    echo "encoding: $path with Accept-Encoding '$accept': the decoded body differs from the file" >&2
    failures=$((failures + 1))
  fi
}

curl -fsS -o "$tmp/index.html" "$base_url/"
assets=(/ $(grep -o '/assets/[^"]*\.\(js\|css\)' "$tmp/index.html" | sort -u))
[[ ${#assets[@]} -ge 3 ]] || { echo "encoding: no script and style sheet in index.html" >&2; exit 1; }
for path in "${assets[@]}"; do
  curl -fsS -o "$tmp/identity" "$base_url$path"
  expect "$path" "gzip, deflate, br" br
  expect "$path" "gzip" gzip
  expect "$path" "br;q=0, gzip;q=0.8" gzip
  expect "$path" "*" br
  expect "$path" "gzip;q=0, br;q=0" ""
  expect "$path" "" ""
done
if [[ $failures -ne 0 ]]; then
  echo "encoding: $failures mismatches" >&2
  exit 1
fi
echo "encoding: ${#assets[@]} assets served precompressed (br, gzip, identity) as asked"
