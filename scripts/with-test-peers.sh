#!/usr/bin/env bash
# Runs a command with the test peers up. The SMTP sink is started by the tests themselves;
# PostgreSQL (when the project's PostgreSQL store is built) is started here and stopped on exit.
set -uo pipefail
if [[ -x "$(dirname "$0")/with-postgres.sh" ]]; then
  exec bash "$(dirname "$0")/with-postgres.sh" "$@"
fi
"$@"
