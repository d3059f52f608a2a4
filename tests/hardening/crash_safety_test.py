#!/usr/bin/python3
"""Crash safety on SQLite: SIGKILL `roster serve` in the middle of a write load, restart it on the
same database, and check that nothing acknowledged was lost.

    crash_safety_test.py ROSTER_BINARY [--rounds N] [--load-seconds S]

Setup: an SMTP sink (tests/support/smtp_sink.py), `roster serve` on a temporary SQLite database,
an admin with an organization; the invitation limits are raised so the load never meets them.
Then WORKERS threads create invitations without pause (each with its own keep-alive connection)
while the server is SIGKILLed ROUNDS times, a few seconds apart, and restarted on the same file.

Checks:
  - after every kill, before the restart, `PRAGMA integrity_check` of a copy of the database
    and its WAL (as the kill left them) is "ok"; the restarted server recovers the WAL itself;
  - every invitation answered 201 is in the organization's invitation list afterwards;
  - every one of them is mailed eventually (the sink received a message for its address), and
    the outbox settles (every invitation's email_delivery is SENT; only SENT rows remain);
  - duplicates: the outbox is at-least-once by design (src/mail/outbox_worker.cpp: a message is
    claimed with a 60 s lease, sent, and only then recorded SENT; a kill between the SMTP "250"
    and that commit makes it due again once the lease runs out). The worker sends one message at
    a time, so each kill can duplicate at most one message: duplicates <= kills is asserted, and
    the count is reported;
  - no 5xx answer at any time (connection errors while the server is down are expected);
  - the server stops cleanly (SIGTERM, exit 0) and `PRAGMA integrity_check` is "ok" at the end.
Messages leased by a killed worker wait for the lease (60 s) before they are sent again, so the
test takes about a minute longer than the load itself.
Prints "N passed, N failed" last; exits non-zero on any failure.
"""
import argparse
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from roster_proc import (Checks, Client, Server, log, mailed_recipients,  # noqa: E402
                         signup_admin_with_org, start_sink)

WORKERS = 6
LEASE_SECONDS = 60  # mail::OutboxWorker::kLease


def integrity(db_path):
    con = sqlite3.connect("file:%s?mode=rw" % db_path, uri=True, timeout=30)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def integrity_of_a_copy(db_path, work):
    """integrity_check of a copy of the database and its WAL as the kill left them: checking the
    file itself would make this process recover and checkpoint the WAL on close, and the
    restarted server would then not have to recover from the crash itself."""
    copy = os.path.join(work, "copy.db")
    for suffix in ("", "-wal"):
        if os.path.exists(copy + suffix):
            os.remove(copy + suffix)
        if os.path.exists(db_path + suffix):
            shutil.copyfile(db_path + suffix, copy + suffix)
    if os.path.exists(copy + "-shm"):
        os.remove(copy + "-shm")
    wal = os.path.getsize(copy + "-wal") if os.path.exists(copy + "-wal") else 0
    return integrity(copy), wal


def outbox_states(db_path):
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True, timeout=30)
    try:
        return dict(con.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())
    finally:
        con.close()


class Load:
    """WORKERS threads creating invitations until stopped; remembers every 201."""

    def __init__(self, port, admin, org_id):
        self.port, self.admin, self.org_id = port, admin, org_id
        self.lock = threading.Lock()
        self.acknowledged = {}  # invitation id -> email
        self.statuses = {}      # status -> count (0: connection error)
        self.server_errors = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(w,), daemon=True)
                        for w in range(WORKERS)]

    def start(self):
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)  # each request times out after 30 s

    def count(self):
        with self.lock:
            return len(self.acknowledged)

    def run(self, worker):
        client = Client(self.port, timeout=30).share_session(self.admin)
        n = 0
        while not self.stop.is_set():
            name = "w%dn%05d" % (worker, n)
            n += 1
            email = name + "@crash.test"
            status, body = client.call("POST", "/orgs/%s/invitations" % self.org_id,
                                       {"email": email, "username": name, "role": "USER"})
            with self.lock:
                self.statuses[status] = self.statuses.get(status, 0) + 1
                if status == 201:
                    self.acknowledged[body["id"]] = email
                elif status >= 500:
                    self.server_errors.append((status, body))
            if status == 0:
                time.sleep(0.05)  # the server is down (being restarted): try again shortly


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("roster")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("CRASH_ROUNDS", "3")))
    parser.add_argument("--load-seconds", type=float,
                        default=float(os.environ.get("CRASH_LOAD_SECONDS", "4")),
                        help="mean load time before each kill")
    args = parser.parse_args()
    checks = Checks()
    work = tempfile.mkdtemp(prefix="roster-crash-")
    mail_dir = os.path.join(work, "mail")
    os.makedirs(mail_dir)
    db_path = os.path.join(work, "roster.db")
    sink, server, load = None, None, None
    started = time.time()
    try:
        sink, smtp_port = start_sink(mail_dir)
        server = Server(os.path.abspath(args.roster), work, {
            "ROSTER_DATABASE_URL": "sqlite:" + db_path,
            "ROSTER_SMTP_URL": "smtp://127.0.0.1:%d" % smtp_port,
            "ROSTER_INVITATIONS_PER_HOUR": "1000000",
            "ROSTER_MAX_PENDING_INVITATIONS": "1000000",
        })
        server.start()
        admin, org_id = signup_admin_with_org(server.port, "ann", "Crash", mail_dir)
        admin.close()

        load = Load(server.port, admin, org_id)
        load.start()
        rng = random.Random(os.getpid())
        last_kill = time.time()
        for round_no in range(1, args.rounds + 1):
            before = load.count()
            time.sleep(args.load_seconds * rng.uniform(0.6, 1.4))
            during = load.count() - before
            server.kill()
            last_kill = time.time()
            mailed = sum(mailed_recipients(mail_dir).values())
            log("round %d: SIGKILL after %d acknowledged invitations this round (%d in all), "
                "%d messages mailed so far" % (round_no, during, load.count(), mailed))
            checks.check("round %d: the kill came in the middle of the load" % round_no,
                         during > 0, during)
            result, wal_bytes = integrity_of_a_copy(db_path, work)
            log("round %d: the kill left a %d-byte WAL" % (round_no, wal_bytes))
            checks.check("round %d: integrity_check after SIGKILL is ok" % round_no,
                         result == "ok", result)
            server.start()
        time.sleep(args.load_seconds)
        load.finish()
        log("load: %d invitations acknowledged; answers by status %s" %
            (len(load.acknowledged), sorted(load.statuses.items())))
        checks.check("no 5xx answer", not load.server_errors, load.server_errors[:3])

        listed = admin.list_all("/orgs/%s/invitations" % org_id)
        checks.check("the invitation list answers after the restarts", listed is not None)
        listed_ids = {item["id"] for item in listed or []}
        lost = [i for i in load.acknowledged if i not in listed_ids]
        checks.check("every acknowledged invitation (%d) is stored" % len(load.acknowledged),
                     not lost, "%d lost, e.g. %s" % (len(lost), lost[:3]))

        # Every acknowledged invitation is mailed: at once, or after the lease of a killed worker.
        wanted = {email.lower() for email in load.acknowledged.values()}
        deadline = time.time() + LEASE_SECONDS + 90
        waited = time.time()
        while True:
            counts = mailed_recipients(mail_dir)
            unmailed = [e for e in wanted if counts.get(e, 0) == 0]
            if not unmailed or time.time() > deadline:
                break
            time.sleep(0.5)
        log("mail: all acknowledged invitations mailed %.1fs after the load stopped" %
            (time.time() - waited) if not unmailed else "mail: %d never mailed" % len(unmailed))
        checks.check("every acknowledged invitation is mailed", not unmailed,
                     "%d unmailed, e.g. %s" % (len(unmailed), sorted(unmailed)[:3]))
        # A message sent just before a kill but not yet recorded SENT is sent again when its lease
        # runs out: wait until every invitation's email_delivery is SENT, so that the duplicate
        # count below is complete.
        deadline = last_kill + LEASE_SECONDS + 60
        while True:
            listed = admin.list_all("/orgs/%s/invitations" % org_id) or []
            unsettled = [i["id"] for i in listed if i.get("email_delivery") != "SENT"]
            if (listed and not unsettled) or time.time() > deadline:
                break
            time.sleep(1)
        log("outbox settled %.1fs after the last kill" % (time.time() - last_kill))
        checks.check("the outbox settles: every invitation's email_delivery is SENT",
                     listed and not unsettled, "%d unsettled" % len(unsettled))
        time.sleep(1)  # let the last message land in the sink
        counts = mailed_recipients(mail_dir)
        duplicates = {e: c for e, c in counts.items() if c > 1}
        log("mail: %d messages for %d recipients; %d recipient(s) mailed more than once %s" %
            (sum(counts.values()), len(counts), len(duplicates), sorted(duplicates.items())[:5]))
        checks.check("duplicates (%d) are at most one per kill (%d): at-least-once, not more" %
                     (sum(c - 1 for c in duplicates.values()), args.rounds),
                     sum(c - 1 for c in duplicates.values()) <= args.rounds, duplicates)

        rc = server.stop()
        checks.check("SIGTERM stops the server cleanly", rc == 0, rc)
        result = integrity(db_path)
        checks.check("integrity_check at the end is ok", result == "ok", result)
        states = outbox_states(db_path)
        log("outbox states at the end: %s" % states)
        checks.check("the outbox holds only SENT messages at the end", set(states) == {"SENT"},
                     states)
    except Exception as e:  # a setup failure is a failed check, not a traceback without a tally
        checks.check("test ran to the end", False, repr(e))
    finally:
        if load is not None:
            load.finish()
        if server is not None:
            server.stop()
            if checks.failed:
                print("--- last server log\n%s" % server.tail())
        if sink is not None:
            sink.terminate()
            sink.wait()
        shutil.rmtree(work, ignore_errors=True)
    log("crash safety test took %.1fs" % (time.time() - started))
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
