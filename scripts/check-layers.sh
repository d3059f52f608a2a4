#!/usr/bin/env bash
# Fails when a layer includes a layer it must not depend on.
set -u
cd "$(dirname "$0")/.."
status=0
check() {  # check DIR FORBIDDEN...
  local dir=$1; shift
  for layer in "$@"; do
    if grep -rnE "#include \"$layer/" "src/$dir" 2>/dev/null; then
      echo "layering: src/$dir must not include $layer/" >&2
      status=1
    fi
  done
}
check domain app store http mail web apidoc
check app store http mail web apidoc
check store http mail web apidoc
check mail store http web apidoc
check jose store http mail web apidoc
check http store mail
check metrics domain app store http mail web apidoc
[[ $status -eq 0 ]] && echo "layering: ok"
exit $status
