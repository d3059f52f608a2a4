#!/usr/bin/python3
"""Several Roster instances on one PostgreSQL behind nginx (round robin).

    multi_instance_test.py ROSTER_BINARY      (needs ROSTER_TEST_PG_URL: scripts/with-postgres.sh)

Checks, through nginx and directly against each instance:
  - a session started on one instance works on the other;
  - two admins demote each other concurrently 100 times: never both, never zero admins;
  - 50 invitations created across instances: 50 emails delivered, none twice;
  - invitations of a username race, on both instances, against the acceptance of a pending
    invitation of that username: exactly one member or pending invitation holds it after;
  - one instance killed (SIGKILL) mid-load: the other keeps serving and every acknowledged
    (201) invitation is stored.
Prints "N passed, N failed" last; exits non-zero on any failure.
"""
import concurrent.futures
import email
import email.policy
import glob
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from roster_proc import (PASSWORD, Checks, free_port, pg_database, print_tails, serve,  # noqa: E402
                         start_sink, stop_all, wait_http)

checks = Checks()
check = checks.check


class Client:
    """A browser-like client: keeps cookies, sends the CSRF header on writes."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name):
        for c in self.jar:
            if c.name == name:
                return c.value
        return ""

    def with_base(self, base):
        other = Client(base)
        other.jar = self.jar
        other.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        return other

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + "/api/v1" + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if method != "GET" and self.cookie("roster_csrf"):
            req.add_header("X-CSRF-Token", self.cookie("roster_csrf"))
        try:
            with self.opener.open(req, timeout=30) as res:
                raw = res.read()
                return res.status, (json.loads(raw) if raw else {})
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, {}
        except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
            return 0, {"error": str(e)}


def wait_until(condition, seconds=60):
    """Polls `condition` until it holds (True) or `seconds` pass (False)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def links_in(directory, page="invite"):
    """recipient -> list of /PAGE/ links (invite, verify-email), from every delivered message."""
    out = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.eml"))):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        text = msg.get_body(preferencelist=("plain",)).get_content()
        found = re.findall(r"https?://\S+/%s/[A-Za-z0-9_-]+" % page, text)
        if found:
            out.setdefault(str(msg["To"]), []).extend(found[:1])
    return out


def main():
    roster = os.path.abspath(sys.argv[1])
    db_url = pg_database("multi")
    if not db_url:
        return 1
    work = tempfile.mkdtemp(prefix="roster-multi-")
    procs = []
    try:
        mail_dir = os.path.join(work, "mail")
        os.makedirs(mail_dir)
        sink, smtp_port = start_sink(mail_dir)
        procs.append(sink)

        nginx_port = free_port()
        public = "http://127.0.0.1:%d" % nginx_port
        ports = [free_port(), free_port()]
        instances = []
        for i, port in enumerate(ports):
            env = dict(ROSTER_LISTEN="127.0.0.1:%d" % port, ROSTER_DATABASE_URL=db_url,
                       ROSTER_PUBLIC_URL=public, ROSTER_SMTP_URL="smtp://127.0.0.1:%d" % smtp_port,
                       ROSTER_INVITATIONS_PER_HOUR="10000")
            p = serve(roster, env, os.path.join(work, "roster%d.log" % i))
            procs.append(p)
            instances.append(p)
        for port in ports:
            if not wait_http(port):
                raise RuntimeError("instance on %d did not start" % port)

        conf = os.path.join(work, "nginx.conf")
        with open(conf, "w") as f:
            f.write("""
worker_processes 1; pid %(w)s/nginx.pid; error_log %(w)s/nginx-error.log; user root;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path %(w)s; proxy_temp_path %(w)s; fastcgi_temp_path %(w)s;
  uwsgi_temp_path %(w)s; scgi_temp_path %(w)s;
  upstream roster { server 127.0.0.1:%(a)d max_fails=1 fail_timeout=5s;
                    server 127.0.0.1:%(b)d max_fails=1 fail_timeout=5s; keepalive 16; }
  server { listen 127.0.0.1:%(p)d;
    location / { proxy_pass http://roster; proxy_http_version 1.1;
                 proxy_set_header Connection ""; proxy_next_upstream error timeout; } }
}
""" % {"w": work, "a": ports[0], "b": ports[1], "p": nginx_port})
        nginx = subprocess.Popen(["/usr/sbin/nginx", "-p", work, "-c", conf, "-g", "daemon off;"])
        procs.append(nginx)
        if not wait_http(nginx_port):
            raise RuntimeError("nginx did not start")

        scenario(public, ports, mail_dir, instances)
    finally:
        stop_all(procs)
        if checks.failed:
            print_tails(sorted(glob.glob(os.path.join(work, "roster*.log"))), chars=2000)
        shutil.rmtree(work, ignore_errors=True)
    return checks.summary()


def wait_for_links(mail_dir, recipients, seconds=60, page="invite"):
    deadline = time.time() + seconds
    while time.time() < deadline:
        links = links_in(mail_dir, page)
        if all(r in links for r in recipients):
            return links
        time.sleep(0.2)
    return links_in(mail_dir, page)


def scenario(public, ports, mail_dir, instances):
    direct = ["http://127.0.0.1:%d" % p for p in ports]
    ann = Client(public)
    status, _ = ann.call("POST", "/auth/signup",
                         {"email": "ann@example.com", "username": "ann", "password": PASSWORD})
    check("signup through nginx", status == 201, status)
    # With SMTP configured the signup mailed a verification link: follow it before activating.
    verify = wait_for_links(mail_dir, ["ann@example.com"], page="verify-email")
    token = verify.get("ann@example.com", ["/"])[0].rsplit("/", 1)[1]
    status, _ = ann.call("POST", "/auth/email-verification/" + token)
    check("verify ann's email through nginx", status == 204, status)
    status, org = ann.call("POST", "/organizations", {"name": "Multi"})
    org_id = org.get("id", "")
    check("activate through nginx", status == 201, org)

    # A session started anywhere works on every instance.
    for i, base in enumerate(direct):
        status, me = ann.with_base(base).call("GET", "/me")
        check("session works on instance %d" % i, status == 200 and me.get("mode") == "organization", me)

    status, inv = ann.call("POST", "/orgs/%s/invitations" % org_id,
                           {"email": "bob@example.com", "username": "bob", "role": "ADMIN"})
    check("invite bob", status == 201, inv)
    links = wait_for_links(mail_dir, ["bob@example.com"])
    bob = Client(public)
    token = links.get("bob@example.com", ["/invite/none"])[0].rsplit("/", 1)[1]
    status, me = bob.call("POST", "/invitations/%s/accept" % token, {"password": PASSWORD})
    check("bob accepts through the mailed link", status == 201, me)
    bob_id = me.get("user", {}).get("id", "")
    ann_id = ann.call("GET", "/me")[1].get("user", {}).get("id", "")

    # Two admins demote each other through different instances, 100 times.
    ann_direct, bob_direct = ann.with_base(direct[0]), bob.with_base(direct[1])
    both, none, zero_admins = 0, 0, 0
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=8)
    for _ in range(100):
        fa = pool.submit(ann_direct.call, "PATCH", "/orgs/%s/members/%s" % (org_id, bob_id), {"role": "USER"})
        fb = pool.submit(bob_direct.call, "PATCH", "/orgs/%s/members/%s" % (org_id, ann_id), {"role": "USER"})
        sa, sb = fa.result()[0], fb.result()[0]
        wins = (sa == 200) + (sb == 200)
        both += wins == 2
        none += wins == 0
        winner, loser_id = (ann, bob_id) if sa == 200 else (bob, ann_id)
        status, page = winner.call("GET", "/orgs/%s/members?role=ADMIN&status=ACTIVE" % org_id)
        zero_admins += len(page.get("items", [])) == 0
        winner.call("PATCH", "/orgs/%s/members/%s" % (org_id, loser_id), {"role": "ADMIN"})
    check("mutual demotion across instances: never both succeed", both == 0, both)
    check("mutual demotion across instances: always one succeeds", none == 0, none)
    check("mutual demotion across instances: never zero admins", zero_admins == 0, zero_admins)

    # 50 invitations across instances: 50 emails, none twice.
    recipients = ["guest%02d@example.com" % i for i in range(50)]
    futures = [pool.submit(ann.with_base(direct[i % 2]).call, "POST", "/orgs/%s/invitations" % org_id,
                           {"email": r, "username": "guest%02d" % i, "role": "USER"})
               for i, r in enumerate(recipients)]
    created = sum(f.result()[0] == 201 for f in futures)
    check("50 invitations created across instances", created == 50, created)
    links = wait_for_links(mail_dir, recipients)
    delivered = [r for r in recipients if r in links]
    duplicates = [r for r in recipients if len(links.get(r, [])) > 1]
    check("50 emails delivered", len(delivered) == 50, len(delivered))
    check("no email delivered twice", not duplicates, duplicates)

    race_invitations_against_acceptance(ann, direct, mail_dir, org_id)

    # Kill one instance mid-load: the other keeps serving, no acknowledged write is lost.
    acknowledged, stop = [], threading.Event()

    def load(worker):
        n = 0
        while not stop.is_set():
            name = "load%d%03d" % (worker, n)
            status, body = ann.call("POST", "/orgs/%s/invitations" % org_id,
                                    {"email": name + "@example.com", "username": name, "role": "USER"})
            if status == 201:
                acknowledged.append(body["id"])
            n += 1

    workers = [threading.Thread(target=load, args=(w,)) for w in range(4)]
    for w in workers:
        w.start()
    check("the load is acknowledged before the kill", wait_until(lambda: len(acknowledged) >= 20))
    instances[0].send_signal(signal.SIGKILL)
    killed_at = len(acknowledged)
    check("writes are acknowledged after the kill",
          wait_until(lambda: len(acknowledged) >= killed_at + 20), len(acknowledged) - killed_at)
    stop.set()
    for w in workers:
        w.join()
    status, _ = ann.with_base(direct[1]).call("GET", "/me")
    check("the surviving instance keeps serving", status == 200, status)
    stored, cursor = set(), None
    while True:
        path = "/orgs/%s/invitations?limit=200" % org_id + ("&cursor=" + cursor if cursor else "")
        status, page = ann.with_base(direct[1]).call("GET", path)
        stored.update(item["id"] for item in page.get("items", []))
        cursor = page.get("next_cursor")
        if status != 200 or not cursor:
            break
    lost = [i for i in acknowledged if i not in stored]
    check("load ran on both sides of the kill", len(acknowledged) > 10, len(acknowledged))
    check("no acknowledged invitation lost", not lost, lost[:5])
    pool.shutdown()


def holders_of(admin, org_id, username):
    """How many members and pending invitations of the organization hold `username`."""
    _, members = admin.call("GET", "/orgs/%s/members?limit=200&q=%s" % (org_id, username))
    _, pending = admin.call("GET", "/orgs/%s/invitations?limit=200&status=PENDING" % org_id)
    return (sum(m.get("username") == username for m in members.get("items", [])) +
            sum(i.get("username") == username for i in pending.get("items", [])))


def race_invitations_against_acceptance(ann, direct, mail_dir, org_id, rounds=16, racers=6):
    """Invitations of a username keep coming, from both instances, while the pending invitation
    of that username is accepted on one of them: never a member and a pending invitation (or
    two of either) of one name, and none of the racing invitations is created."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=racers + 1)
    accepted, created, extra_holders = 0, 0, 0
    for n in range(rounds):
        name = "racer%02d" % n
        status, _ = ann.call("POST", "/orgs/%s/invitations" % org_id,
                             {"email": name + "@example.com", "username": name, "role": "USER"})
        check("invite %s" % name, status == 201, status)
        links = wait_for_links(mail_dir, [name + "@example.com"])
        token = links.get(name + "@example.com", ["/invite/none"])[0].rsplit("/", 1)[1]
        done = threading.Event()
        statuses = []

        def invite(worker):
            admin, k = ann.with_base(direct[worker % 2]), 0
            while not done.is_set() or k == 0:
                email = "%s-%d-%d@example.com" % (name, worker, k)
                statuses.append(admin.call("POST", "/orgs/%s/invitations" % org_id,
                                           {"email": email, "username": name, "role": "USER"})[0])
                k += 1

        racing = [pool.submit(invite, w) for w in range(racers)]
        status, _ = Client(direct[n % 2]).call("POST", "/invitations/%s/accept" % token,
                                               {"password": PASSWORD})
        done.set()
        for f in racing:
            f.result()
        accepted += status == 201
        created += statuses.count(201)
        extra_holders += holders_of(ann, org_id, name) != 1
    check("race: every pending invitation is accepted", accepted == rounds, accepted)
    check("race: no invitation of a held username is created", created == 0, created)
    check("race: exactly one holder of each username", extra_holders == 0, extra_holders)
    pool.shutdown()


if __name__ == "__main__":
    sys.exit(main())
