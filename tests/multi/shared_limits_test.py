#!/usr/bin/python3
"""Rate limits hold across instances: two Roster processes on one PostgreSQL share their counts.

    shared_limits_test.py ROSTER_BINARY      (needs ROSTER_TEST_PG_URL: scripts/with-postgres.sh)

Failures spread over two instances hit each limit at the same total as on one instance:
  - failed logins per email (ROSTER_LOGIN_MAX_FAILURES);
  - failed logins per client address (100 in 15 minutes, any emails);
  - signups per client address (ROSTER_SIGNUPS_PER_CLIENT).
Prints "N passed, N failed" last; exits non-zero on any failure.
"""
import os
import shutil
import sys
import tempfile

from multi_instance_test import Client  # puts tests/support on sys.path
from roster_proc import PASSWORD, Checks, free_port, pg_database, print_tails, serve, stop_all, wait_http

checks = Checks()
check = checks.check
LOGIN_MAX_FAILURES = 6
SIGNUPS_PER_CLIENT = 4
LOGIN_PER_CLIENT = 100  # AppSettings.login_per_client


def login(client, email, password):
    return client.call("POST", "/auth/login", {"email": email, "password": password})[0]


def scenario(direct):
    one, two = Client(direct[0]), Client(direct[1])
    clients = [one, two]
    status, _ = one.call("POST", "/auth/signup",
                         {"email": "ann@example.com", "username": "ann", "password": PASSWORD})
    check("signup on instance 0", status == 201, status)

    # Failed logins of one email, alternating instances: the limit is the total.
    statuses = [login(clients[i % 2], "ann@example.com", "wrong-password") for i in
                range(LOGIN_MAX_FAILURES)]
    check("failures below the per-email limit are 401", statuses == [401] * LOGIN_MAX_FAILURES,
          statuses)
    refused = [login(c, "ann@example.com", PASSWORD) for c in clients]
    check("per-email limit reached on both instances at the one-instance total",
          refused == [429, 429], refused)

    # Signups from one address, alternating instances (ann's counted already).
    statuses = [clients[i % 2].call("POST", "/auth/signup",
                                    {"email": "s%d@example.com" % i, "username": "sig%d" % i,
                                     "password": PASSWORD})[0]
                for i in range(SIGNUPS_PER_CLIENT)]
    check("signups up to the per-client limit across instances",
          statuses == [201] * (SIGNUPS_PER_CLIENT - 1) + [429], statuses)

    # Failed logins of many emails from one address: the per-client limit is the total.
    so_far = LOGIN_MAX_FAILURES  # ann's failures count for the client address too
    statuses = [login(clients[i % 2], "nobody%d@example.com" % i, "wrong-password")
                for i in range(LOGIN_PER_CLIENT - so_far)]
    check("failures below the per-client limit are 401",
          statuses == [401] * (LOGIN_PER_CLIENT - so_far), sorted(set(statuses)))
    refused = [login(c, "s0@example.com", PASSWORD) for c in clients]
    check("per-client limit reached on both instances at the one-instance total",
          refused == [429, 429], refused)


def main():
    roster = os.path.abspath(sys.argv[1])
    db_url = pg_database("limits")
    if not db_url:
        return 1
    work = tempfile.mkdtemp(prefix="roster-limits-")
    procs = []
    try:
        ports = [free_port(), free_port()]
        for i, port in enumerate(ports):
            env = dict(ROSTER_LISTEN="127.0.0.1:%d" % port, ROSTER_DATABASE_URL=db_url,
                       ROSTER_LOGIN_MAX_FAILURES=str(LOGIN_MAX_FAILURES),
                       ROSTER_SIGNUPS_PER_CLIENT=str(SIGNUPS_PER_CLIENT))
            procs.append(serve(roster, env, os.path.join(work, "roster%d.log" % i)))
        for port in ports:
            if not wait_http(port):
                raise RuntimeError("instance on %d did not start" % port)
        scenario(["http://127.0.0.1:%d" % p for p in ports])
    finally:
        stop_all(procs)
        if checks.failed:
            print_tails([os.path.join(work, "roster%d.log" % i) for i in range(len(procs))],
                        chars=2000)
        shutil.rmtree(work, ignore_errors=True)
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
