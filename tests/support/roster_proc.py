"""Shared helpers for the Python tests that run the roster binary (hardening/, multi/, proxy/):
start and stop `roster serve` and its neighbours, wait for /healthz, a keep-alive HTTP client
that behaves like the browser (cookies, X-CSRF-Token on writes), the SMTP sink, a scratch
PostgreSQL database, and tallying checks. Standard library only; run with Debian's
/usr/bin/python3. A test puts this directory on sys.path before importing it.
"""
import email
import email.policy
import http.client
import json
import re
import os
import shutil
import socket
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SINK = os.path.join(HERE, "smtp_sink.py")
PASSWORD = "password-123"


class Checks:
    """ok/not ok lines and the final "N passed, N failed" line (scripts/hardening.sh sums them)."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print("ok - %s" % name, flush=True)
        else:
            self.failed += 1
            print("not ok - %s %s" % (name, detail), flush=True)
        return condition

    def summary(self):
        print("%d passed, %d failed" % (self.passed, self.failed), flush=True)
        return 0 if self.failed == 0 else 1


def clean_up(server, work, checks):
    """Stops the server (printing its log tail when a check failed) and removes `work`."""
    if server is not None:
        server.stop()
        if checks.failed:
            print("--- server log tail\n%s" % server.tail())
    shutil.rmtree(work, ignore_errors=True)


def answers_ok(port, path="/healthz"):
    """Whether GET `path` on 127.0.0.1:`port` answers 200 now."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", path)
        ok = conn.getresponse().status == 200
        conn.close()
        return ok
    except OSError:
        return False


def wait_http(port, path="/healthz", seconds=30):
    """Polls GET `path` until it answers 200 (True) or `seconds` pass (False)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if answers_ok(port, path):
            return True
        time.sleep(0.05)
    return False


def stop_all(procs, timeout=15):
    """Terminates the processes (last started first), killing any that outlive `timeout`."""
    for p in reversed(procs):
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()


def print_tails(paths, chars=3000):
    """Prints the end of each log that exists (after a failed check)."""
    for path in paths:
        if os.path.exists(path):
            with open(path, errors="replace") as f:
                print("--- %s\n%s" % (os.path.basename(path), f.read()[-chars:]))


def serve(binary, env, log_path):
    """Starts `binary serve` with `env` over the environment (None: unset), its output into
    `log_path`."""
    full = dict(os.environ)
    for key, value in env.items():
        if value is None:
            full.pop(key, None)
        else:
            full[key] = value
    with open(log_path, "w") as log_file:
        return subprocess.Popen([binary, "serve"], env=full, stdout=log_file,
                                stderr=subprocess.STDOUT)


def pg_database(prefix):
    """A new database on the server of ROSTER_TEST_PG_URL, as a URL; None (with a failed tally
    line printed) when ROSTER_TEST_PG_URL is unset."""
    base_url = os.environ.get("ROSTER_TEST_PG_URL")
    if not base_url:
        print("ROSTER_TEST_PG_URL is unset: run under scripts/with-postgres.sh")
        print("0 passed, 1 failed")
        return None
    dbname = "%s_%d" % (prefix, os.getpid())
    subprocess.run(["psql", base_url, "-q", "-c", "CREATE DATABASE %s" % dbname], check=True)
    return base_url[: base_url.rfind("/") + 1] + dbname


def update_cookies(cookies, headers):
    """Applies the Set-Cookie headers of a response to `cookies` (name -> value)."""
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            if val:
                cookies[key.strip()] = val.strip()
            else:
                cookies.pop(key.strip(), None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(message):
    print("# " + message, flush=True)


class Server:
    """One `roster serve` process on a fixed port (so a restart keeps the same address)."""

    def __init__(self, binary, workdir, env, port=None, name="roster"):
        self.binary = binary
        self.workdir = workdir
        self.port = port or free_port()
        self.env = dict(os.environ)
        # The test build is ASan+UBSan. Leak checking is off (as in cli_test.sh), even when the
        # caller's ASAN_OPTIONS turn it on: these tests judge behaviour, and a SIGTERMed server's
        # exit code is one of their checks. Later ASAN_OPTIONS entries override earlier ones.
        inherited = self.env.get("ASAN_OPTIONS", "")
        self.env["ASAN_OPTIONS"] = (inherited + ":" if inherited else "") + "detect_leaks=0"
        self.env.update(env)
        self.env["ROSTER_LISTEN"] = "127.0.0.1:%d" % self.port
        self.name = name
        self.proc = None
        self.starts = 0
        self.log_path = None

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self, timeout=60):
        self.starts += 1
        self.log_path = os.path.join(self.workdir, "%s-%d.log" % (self.name, self.starts))
        with open(self.log_path, "w") as out:
            self.proc = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=out,
                                         stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited with %s; log:\n%s" %
                                   (self.name, self.proc.returncode, self.tail()))
            if answers_ok(self.port):
                return
            time.sleep(0.05)
        raise RuntimeError("%s did not answer /healthz within %ds" % (self.name, timeout))

    def kill(self):
        self.proc.kill()  # SIGKILL: no shutdown code runs
        self.proc.wait()

    def stop(self, timeout=30):
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def socket_count(self):
        n = 0
        fd_dir = "/proc/%d/fd" % self.proc.pid
        for fd in os.listdir(fd_dir):
            try:
                if os.readlink(os.path.join(fd_dir, fd)).startswith("socket:"):
                    n += 1
            except OSError:
                pass
        return n

    def tail(self, chars=3000):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()[-chars:]
        except (OSError, TypeError):
            return ""


class Client:
    """A browser-like client on one keep-alive connection. call() returns (status, json);
    status 0 means a connection error (the exception text is in the body under "error")."""

    def __init__(self, port, timeout=60):
        self.port = port
        self.timeout = timeout
        self.cookies = {}
        self.conn = None

    def share_session(self, other):
        self.cookies = dict(other.cookies)
        return self

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def connect(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.conn.connect()
        return self.conn

    def call(self, method, path, body=None, retry_once=False):
        headers = {"Content-Type": "application/json"}
        if self.cookies:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if method != "GET" and "roster_csrf" in self.cookies:
            headers["X-CSRF-Token"] = self.cookies["roster_csrf"]
        data = None if body is None else json.dumps(body)
        try:
            conn = self.connect()
            conn.request(method, "/api/v1" + path, body=data, headers=headers)
            res = conn.getresponse()
            raw = res.read()
            update_cookies(self.cookies, res.getheaders())
            if res.will_close:
                self.close()
            try:
                return res.status, (json.loads(raw) if raw else {})
            except ValueError:
                return res.status, {"raw": raw[:200]}
        except (OSError, http.client.HTTPException) as e:
            self.close()
            if retry_once:
                return self.call(method, path, body)
            return 0, {"error": "%s: %s" % (type(e).__name__, e)}

    def list_all(self, path):
        """Every item of a paginated list (limit 200), or None on an error."""
        items, cursor = [], None
        while True:
            sep = "&" if "?" in path else "?"
            page_path = path + sep + "limit=200" + ("&cursor=" + cursor if cursor else "")
            status, page = self.call("GET", page_path, retry_once=True)
            if status != 200:
                return None
            items.extend(page.get("items", []))
            cursor = page.get("next_cursor")
            if not cursor:
                return items


def signup_admin_with_org(port, name, org_name, mail_dir=None):
    """With `mail_dir` (SMTP configured), follows the mailed verification link first."""
    client = Client(port)
    status, body = client.call("POST", "/auth/signup",
                               {"email": name + "@example.com", "username": name,
                                "password": PASSWORD})
    if status != 201:
        raise RuntimeError("signup failed: %s %s" % (status, body))
    if mail_dir:
        token = wait_for_mailed_token(mail_dir, name + "@example.com", "verify-email")
        status, body = client.call("POST", "/auth/email-verification/" + token)
        if status != 204:
            raise RuntimeError("verification failed: %s %s" % (status, body))
    status, org = client.call("POST", "/organizations", {"name": org_name})
    if status != 201:
        raise RuntimeError("activation failed: %s %s" % (status, org))
    return client, org["id"]


def start_sink(mail_dir):
    sink = subprocess.Popen(["/usr/bin/python3", SINK, "--port", "0", "--dir", mail_dir],
                            stdout=subprocess.PIPE, text=True)
    line = sink.stdout.readline().split()
    if len(line) != 2 or line[0] != "ready":
        sink.kill()
        raise RuntimeError("smtp sink did not start")
    return sink, int(line[1])


def wait_for_mailed_token(mail_dir, recipient, page, seconds=30):
    """The token of the first /PAGE/<token> link mailed to `recipient`, waiting for it."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for name in sorted(os.listdir(mail_dir)):
            if not name.endswith(".eml") or name.startswith(".tmp-"):
                continue
            with open(os.path.join(mail_dir, name[:-4] + ".json")) as f:
                if recipient not in [r.strip().lower() for r in json.load(f)["rcpt_tos"]]:
                    continue
            with open(os.path.join(mail_dir, name), "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            text = message.get_body(preferencelist=("plain",)).get_content()
            found = re.search(r"/%s/([A-Za-z0-9_-]{43})" % page, text)
            if found:
                return found.group(1)
        time.sleep(0.1)
    raise RuntimeError("no /%s/ link was mailed to %s" % (page, recipient))


def mailed_recipients(mail_dir):
    """recipient -> number of messages the sink accepted for it (from the .json envelopes)."""
    counts = {}
    for name in os.listdir(mail_dir):
        if not name.endswith(".eml") or name.startswith(".tmp-"):
            continue
        with open(os.path.join(mail_dir, name[:-4] + ".json")) as f:
            for rcpt in json.load(f)["rcpt_tos"]:
                key = rcpt.strip().lower()
                counts[key] = counts.get(key, 0) + 1
    return counts
