#!/usr/bin/env bash
# with-postgres.sh CMD [ARGS...]: runs CMD with a throwaway PostgreSQL 15 cluster.
# The cluster lives in a fresh temporary directory (owned by `postgres` when run as root),
# listens on a free loopback port with durability off (tests only), and is stopped and removed
# when CMD ends, fails or is interrupted. CMD sees
#   ROSTER_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres
# and this script exits with CMD's exit code.
set -uo pipefail
if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

pg_bin=/usr/lib/postgresql/15/bin
if [[ ! -x $pg_bin/initdb ]]; then
  echo "with-postgres: installing postgresql-15" >&2
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
  { $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      postgresql-15 >/dev/null; } || { echo "with-postgres: cannot install postgresql-15" >&2; exit 1; }
fi

# initdb refuses to run as root: the cluster belongs to `postgres` then.
if [[ $(id -u) -eq 0 ]]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/roster-pg.XXXXXX") || exit 1
chmod 700 "$dir"
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
started=0

cleanup() {
  if [[ $started -eq 1 ]]; then
    (cd "$dir" && as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1)
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! (cd "$dir" && as_pg "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
        --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1); then
  echo "with-postgres: initdb failed:" >&2
  cat "$dir/initdb.log" >&2
  exit 1
fi

# Tests trade durability for speed; WITH_POSTGRES_DURABLE=1 (the benchmarks) keeps the defaults.
speed_opts="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[[ "${WITH_POSTGRES_DURABLE:-}" == 1 ]] && speed_opts=""
# A port nobody answers on; pg_ctl start fails if another process takes it first, so retry.
port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 40000))
  port_is_free "$port" || continue
  if (cd "$dir" && as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir $speed_opts -c max_connections=200" \
        start >/dev/null 2>&1); then
    started=1
    break
  fi
  echo "with-postgres: start on port $port failed (attempt $attempt)" >&2
done
if [[ $started -ne 1 ]]; then
  echo "with-postgres: could not start PostgreSQL; server log:" >&2
  cat "$dir/server.log" >&2 2>/dev/null
  exit 1
fi
for _ in $(seq 1 100); do
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
  sleep 0.1
done

export ROSTER_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
"$@"
exit $?
