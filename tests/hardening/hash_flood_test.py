#!/usr/bin/python3
"""A login flood against `roster serve`: unauthenticated work is bounded.

    hash_flood_test.py ROSTER_BINARY [--seconds S] [--flooders N]

Every login costs an argon2id hash (~80 ms, 64 MiB) on a 2-thread pool. The server runs with
ROSTER_HASH_QUEUE=4: beyond 4 waiting hashes, a login, signup or acceptance is answered
503 service_unavailable with Retry-After at once. ROSTER_TRUSTED_PROXIES=127.0.0.1 lets each
flood request name its own client in X-Forwarded-For, so the per-client failure limit (100 per
15 minutes) does not end the flood early.

Checks, while N flooders (default 32, one keep-alive connection each, loopback only) send
wrong-password logins for S seconds (default 6):
  1. Some logins are refused with 503 + Retry-After, the others answer 401; nothing else (no
     other 5xx, no connection error).
  2. GET /healthz and a signed-in GET /api/v1/me, asked every 0.2 s, each answer 200 within
     FLOOD_BOUND seconds (default 2.0; they never touch the hashing pool).
  3. After the flood the account signs in again (the queue drains; service resumes).
The flood is bounded: at most S seconds and N connections.
Prints "N passed, N failed" last; exits non-zero on any failure.
"""
import argparse
import http.client
import json
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from roster_proc import PASSWORD, Checks, Client, Server, clean_up, log  # noqa: E402


class Flooder(threading.Thread):
    """Wrong-password logins on one keep-alive connection until `stop` is set."""

    def __init__(self, port, index, stop):
        super().__init__(daemon=True)
        self.port, self.index, self.stop = port, index, stop
        self.statuses = {}
        self.retry_after_missing = 0
        self.errors = []

    def run(self):
        conn = None
        n = 0
        while not self.stop.is_set():
            n += 1
            body = json.dumps({"email": "flood%d-%d@example.com" % (self.index, n),
                               "password": "not-the-password"})
            headers = {"Content-Type": "application/json",
                       "X-Forwarded-For": "198.51.%d.%d" % (self.index, n % 250 + 1)}
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("POST", "/api/v1/auth/login", body=body, headers=headers)
                res = conn.getresponse()
                res.read()
                self.statuses[res.status] = self.statuses.get(res.status, 0) + 1
                if res.status == 503 and not res.getheader("Retry-After"):
                    self.retry_after_missing += 1
                if res.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                self.errors.append("%s: %s" % (type(e).__name__, e))
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()


def timed_get(conn, path, headers):
    t0 = time.time()
    conn.request("GET", path, headers=headers)
    res = conn.getresponse()
    res.read()
    return res.status, time.time() - t0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("roster")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("FLOOD_SECONDS", 6)))
    parser.add_argument("--flooders", type=int, default=int(os.environ.get("FLOOD_CLIENTS", 32)))
    args = parser.parse_args()
    bound = float(os.environ.get("FLOOD_BOUND", "2.0"))
    checks = Checks()
    work = tempfile.mkdtemp(prefix="roster-flood-")
    server = None
    started = time.time()
    try:
        server = Server(os.path.abspath(args.roster), work, {
            "ROSTER_DATABASE_URL": "sqlite:" + os.path.join(work, "roster.db"),
            "ROSTER_HASH_QUEUE": "4",
            "ROSTER_TRUSTED_PROXIES": "127.0.0.1",
        })
        server.start()
        user = Client(server.port)
        status, body = user.call("POST", "/auth/signup", {
            "email": "steady@example.com", "username": "steady", "password": PASSWORD})
        if status != 201:
            raise RuntimeError("signup failed: %s %s" % (status, body))
        cookie = "; ".join("%s=%s" % kv for kv in user.cookies.items())

        stop = threading.Event()
        flooders = [Flooder(server.port, i, stop) for i in range(args.flooders)]
        for f in flooders:
            f.start()
        probe = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        health, me = [], []
        deadline = time.time() + args.seconds
        while time.time() < deadline:
            health.append(timed_get(probe, "/healthz", {}))
            me.append(timed_get(probe, "/api/v1/me", {"Cookie": cookie}))
            time.sleep(0.2)
        stop.set()
        for f in flooders:
            f.join(timeout=60)
        probe.close()

        statuses = {}
        for f in flooders:
            for code, count in f.statuses.items():
                statuses[code] = statuses.get(code, 0) + count
        errors = [e for f in flooders for e in f.errors]
        log("flood: %s in %.1fs; healthz max %.3fs, /me max %.3fs over %d probes" % (
            dict(sorted(statuses.items())), args.seconds, max(s for _, s in health),
            max(s for _, s in me), len(health)))
        checks.check("some logins were refused with 503 while the queue was full",
                     statuses.get(503, 0) > 0, statuses)
        checks.check("every 503 carried Retry-After",
                     sum(f.retry_after_missing for f in flooders) == 0)
        checks.check("the other logins answered 401, nothing else",
                     set(statuses) <= {401, 503} and statuses.get(401, 0) > 0, statuses)
        checks.check("no connection errors", not errors, errors[:3])
        checks.check("GET /healthz answered 200 within %.1fs throughout" % bound,
                     all(code == 200 and s < bound for code, s in health), health)
        checks.check("a signed-in GET /me answered 200 within %.1fs throughout" % bound,
                     all(code == 200 and s < bound for code, s in me), me)
        again = Client(server.port)
        status, _ = again.call("POST", "/auth/login",
                               {"email": "steady@example.com", "password": PASSWORD})
        checks.check("after the flood the account signs in", status == 200, status)
    except Exception as e:
        checks.check("test ran to the end", False, repr(e))
    finally:
        clean_up(server, work, checks)
    log("hash flood test took %.1fs" % (time.time() - started))
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
