#!/usr/bin/python3
"""200 concurrent keep-alive connections against one `roster serve`, reads and writes mixed.

    load_test.py ROSTER_BINARY [--connections N] [--duration S] [--warmup S]
    (or LOAD_CONNECTIONS, LOAD_DURATION, LOAD_WARMUP; defaults 200, 60 s, 30 s)

Setup: `roster dev seed` writes the organization "Bench" with an admin and CONNECTIONS + 10
members (no password hashing per member: argon2id takes 64 MiB and is slow under ASan, so the
test logs in only a few times), then the server starts on that SQLite database with the
invitation limits raised so the load never meets them. Every connection is one thread with one
http.client connection, opened before the load starts and kept alive throughout; each loops
over a fixed mix:
  reads  - the members page, the invitations page (both limit 50) and /me;
  writes - invite (a fresh email and username), toggle the role of "its" member USER <-> ADMIN,
           revoke one of the invitations it created.
Checks: all CONNECTIONS sockets are open in the server at once; no 5xx; no connection error; every
answer is the expected 2xx; memory is flat: VmRSS at the end is within 10% of VmRSS after the
warm-up; SIGTERM stops the server cleanly afterwards.

Memory and ASan: the test build is ASan (build/debug/roster). ASan keeps freed memory in a
quarantine (256 MiB by default) before reusing it, so RSS climbs until the quarantine is full
and a flat-memory check would measure ASan rather than roster. The server therefore runs with
ASAN_OPTIONS=quarantine_size_mb=8:malloc_context_size=5:detect_leaks=0 (a small quarantine that
fills within seconds, short allocation stacks), and the warm-up (30 s under load) also lets the
SQLite page caches and the allocator's free lists reach their steady size before the first
reading.
Prints "N passed, N failed" last; exits non-zero on any failure.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from roster_proc import Checks, Client, Server, log, clean_up  # noqa: E402

SEED_PASSWORD = "bench-password-1"  # cmd/roster/seed.cpp: admin@bench.test
SESSIONS = 4
# One round of each connection's loop: reads 6, writes 4 (revoke runs when it has one to revoke).
MIX = ["members", "me", "invitations", "invite", "members", "toggle", "me", "invitations",
       "revoke", "toggle"]
ASAN_OPTIONS = "quarantine_size_mb=8:malloc_context_size=5:detect_leaks=0"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_op = {}            # op -> count
        self.unexpected = {}       # (op, status) -> count, status 0: connection error
        self.samples = []          # up to a few examples of unexpected answers
        self.total = 0

    def record(self, op, status, expected, body):
        with self.lock:
            self.total += 1
            self.by_op[op] = self.by_op.get(op, 0) + 1
            if status != expected:
                key = (op, status)
                self.unexpected[key] = self.unexpected.get(key, 0) + 1
                if len(self.samples) < 5:
                    self.samples.append((op, status, str(body)[:200]))


def seed(roster, db_path, members, work):
    env = dict(os.environ, ROSTER_DATABASE_URL="sqlite:" + db_path, ASAN_OPTIONS=ASAN_OPTIONS)
    out = subprocess.run([roster, "dev", "seed", "--members", str(members)], env=env,
                         capture_output=True, text=True, timeout=300, cwd=work)
    if out.returncode != 0:
        raise RuntimeError("seed failed: %s" % out.stderr[-2000:])
    line = out.stdout.strip().splitlines()[-1]
    return line.split('"')[3]  # {"org_id": "..."}


def worker(index, port, session, org_id, member_id, stats, ready, stop, opened):
    client = Client(port, timeout=60).share_session(session)
    try:
        client.connect()
        opened[index] = True
    except OSError as e:
        stats.record("connect", 0, 1, e)
    ready.wait()
    org = "/orgs/%s" % org_id
    role = "USER"
    created, n, step = [], 0, 0
    while not stop.is_set():
        op = MIX[step % len(MIX)]
        step += 1
        if op == "members":
            status, body = client.call("GET", org + "/members?limit=50")
            expected = 200
        elif op == "invitations":
            status, body = client.call("GET", org + "/invitations?limit=50")
            expected = 200
        elif op == "me":
            status, body = client.call("GET", "/me")
            expected = 200
        elif op == "invite":
            name = "c%03dn%06d" % (index, n)
            n += 1
            status, body = client.call("POST", org + "/invitations",
                                       {"email": name + "@load.test", "username": name,
                                        "role": "USER"})
            expected = 201
            if status == 201:
                created.append(body["id"])
        elif op == "toggle":
            role = "ADMIN" if role == "USER" else "USER"
            status, body = client.call("PATCH", "%s/members/%s" % (org, member_id), {"role": role})
            expected = 200
        else:  # revoke
            if not created:
                continue
            status, body = client.call("POST", "%s/invitations/%s/revoke" % (org, created.pop(0)))
            expected = 200
        stats.record(op, status, expected, body)
    client.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("roster")
    parser.add_argument("--connections", type=int,
                        default=int(os.environ.get("LOAD_CONNECTIONS", "200")))
    parser.add_argument("--duration", type=float,
                        default=float(os.environ.get("LOAD_DURATION", "60")),
                        help="seconds of measured load after the warm-up")
    parser.add_argument("--warmup", type=float, default=float(os.environ.get("LOAD_WARMUP", "30")))
    args = parser.parse_args()
    checks = Checks()
    work = tempfile.mkdtemp(prefix="roster-load-")
    db_path = os.path.join(work, "roster.db")
    server = None
    started = time.time()
    try:
        roster = os.path.abspath(args.roster)
        org_id = seed(roster, db_path, args.connections + 10, work)
        server = Server(roster, work, {
            "ROSTER_DATABASE_URL": "sqlite:" + db_path,
            "ROSTER_INVITATIONS_PER_HOUR": "1000000000",
            "ROSTER_MAX_PENDING_INVITATIONS": "1000000000",
            "ASAN_OPTIONS": ASAN_OPTIONS,
        })
        server.start()
        sessions = []
        for _ in range(SESSIONS):
            c = Client(server.port)
            status, body = c.call("POST", "/auth/login",
                                  {"email": "admin@bench.test", "password": SEED_PASSWORD})
            if status != 200:
                raise RuntimeError("login failed: %s %s" % (status, body))
            c.close()
            sessions.append(c)
        members = sessions[0].list_all("/orgs/%s/members?status=ACTIVE&role=USER" % org_id)
        if not members or len(members) < args.connections:
            raise RuntimeError("expected %d seeded members, got %s" %
                               (args.connections, len(members or [])))

        stats = Stats()
        ready = threading.Barrier(args.connections + 1)
        stop = threading.Event()
        opened = [False] * args.connections
        threads = [threading.Thread(target=worker, daemon=True,
                                    args=(i, server.port, sessions[i % SESSIONS], org_id,
                                          members[i]["user_id"], stats, ready, stop, opened))
                   for i in range(args.connections)]
        for t in threads:
            t.start()
        ready.wait()
        load_started = time.time()
        time.sleep(min(2.0, args.warmup))
        open_sockets = server.socket_count()  # the listener and the connections
        log("%d connections opened by the clients; %d sockets open in the server" %
            (sum(opened), open_sockets))
        checks.check("all %d connections are open at once" % args.connections,
                     sum(opened) == args.connections and open_sockets >= args.connections,
                     "%d opened, %d server sockets" % (sum(opened), open_sockets))

        time.sleep(max(0.0, args.warmup - (time.time() - load_started)))
        rss_warm = server.rss_kib()
        requests_warm = stats.total
        log("after %.0fs warm-up: VmRSS %d KiB, %d requests" %
            (time.time() - load_started, rss_warm, requests_warm))
        measure_started = time.time()
        rss_max = rss_warm
        samples = []
        while time.time() - measure_started < args.duration:
            time.sleep(min(5.0, max(0.1, args.duration - (time.time() - measure_started))))
            rss = server.rss_kib()
            rss_max = max(rss_max, rss)
            samples.append(rss)
            if server.proc.poll() is not None:
                break
        rss_end = server.rss_kib() if server.proc.poll() is None else 0
        measured = time.time() - measure_started
        requests_measured = stats.total - requests_warm
        stop.set()
        for t in threads:
            t.join(timeout=90)
        log("RSS samples (KiB) every 5 s: %s" % samples)
        log("measured %.0fs: %d requests (%.0f/s) over %d connections; VmRSS warm %d KiB, "
            "end %d KiB (%+.1f%%), max %d KiB" %
            (measured, requests_measured, requests_measured / max(measured, 0.001),
             args.connections, rss_warm, rss_end, 100.0 * (rss_end - rss_warm) / max(rss_warm, 1),
             rss_max))
        log("requests by operation: %s" % sorted(stats.by_op.items()))
        server_errors = sum(c for (op, s), c in stats.unexpected.items() if s >= 500)
        connection_errors = sum(c for (op, s), c in stats.unexpected.items() if s == 0)
        checks.check("the server ran to the end", server.proc.poll() is None, server.tail())
        checks.check("the load reached the server (%d requests)" % stats.total,
                     stats.total > args.connections * 10, stats.total)
        checks.check("no 5xx answer", server_errors == 0, stats.samples)
        checks.check("no connection error", connection_errors == 0, stats.samples)
        checks.check("every answer is the expected 2xx", not stats.unexpected,
                     "%s %s" % (sorted(stats.unexpected.items()), stats.samples))
        checks.check("memory is flat: VmRSS at the end within 10%% of after the warm-up "
                     "(%d -> %d KiB)" % (rss_warm, rss_end),
                     0 < rss_end <= rss_warm * 1.10, samples)
        rc = server.stop()
        checks.check("SIGTERM stops the server cleanly after the load", rc == 0, rc)
    except Exception as e:
        checks.check("test ran to the end", False, repr(e))
    finally:
        clean_up(server, work, checks)
    log("load test took %.1fs" % (time.time() - started))
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
