#!/usr/bin/python3
"""Forward auth behind Debian's nginx (auth_request): nginx in front of a small app and Roster.

    nginx_forward_auth_test.py ROSTER_BINARY

nginx serves one origin: /app/ (members), /admin/ (role=ADMIN) proxied to an echo app that
returns the X-Roster-* headers it received, everything else proxied to Roster. The nginx
configuration is docs/deploy.md's. Checks:
  - a member passes and the app sees their id, username, email, organization and role, even
    when the client sent X-Roster-* headers of its own;
  - a stranger is sent to the login page with return_to = the page asked for, and after signing
    in that page lets them through;
  - ?role=ADMIN keeps a USER out (403) and lets an ADMIN in;
  - a removed member is sent to the login page at once.
Prints "N passed, N failed" last; exits non-zero on any failure.
"""
import http.client
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from roster_proc import (PASSWORD, Checks, free_port, print_tails, serve, stop_all,  # noqa: E402
                         update_cookies, wait_http)

checks = Checks()
check = checks.check


class EchoApp(http.server.BaseHTTPRequestHandler):
    """The protected application: answers with the X-Roster-* headers nginx passed it."""

    def do_GET(self):
        seen = {k.lower(): v for k, v in self.headers.items() if k.lower().startswith("x-roster-")}
        body = json.dumps({"path": self.path, "headers": seen}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Browser:
    """Cookies by name (one origin), no automatic redirects."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, target, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if body is not None:
            h["Content-Type"] = "application/json"
        if method != "GET" and "roster_csrf" in self.cookies:
            h["X-CSRF-Token"] = self.cookies["roster_csrf"]
        conn.request(method, target, body=None if body is None else json.dumps(body), headers=h)
        res = conn.getresponse()
        raw = res.read()
        update_cookies(self.cookies, res.getheaders())
        conn.close()
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {"raw": raw[:200]}
        return res.status, dict((k.lower(), v) for k, v in res.getheaders()), data


NGINX_CONF = """
worker_processes 1; pid %(w)s/nginx.pid; error_log %(w)s/nginx-error.log; user root;
daemon off;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path %(w)s/client; proxy_temp_path %(w)s/proxy; fastcgi_temp_path %(w)s/fastcgi;
  uwsgi_temp_path %(w)s/uwsgi; scgi_temp_path %(w)s/scgi;
  upstream roster { server 127.0.0.1:%(roster)d; }
  upstream app { server 127.0.0.1:%(app)d; }
  server {
    listen 127.0.0.1:%(nginx)d;
%(snippet)s
    location /app/ {
      auth_request /_roster/auth;
      include %(w)s/roster-protect.conf;
      proxy_pass http://app;
    }
    location /admin/ {
      auth_request /_roster/auth-admin;
      include %(w)s/roster-protect.conf;
      proxy_pass http://app;
    }
    location / { proxy_pass http://roster; proxy_set_header Host $http_host; }
  }
}
"""


def docs_block(name):
    """The nginx block of docs/deploy.md that follows the line `<!-- nginx: NAME -->`."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "docs", "deploy.md"), encoding="utf-8") as f:
        text = f.read()
    start = text.index("```nginx", text.index("<!-- nginx: %s -->" % name)) + len("```nginx")
    return text[start:text.index("```", start)]


def main():
    roster = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="roster-fwd-nginx-")
    procs = []
    app_server = None
    try:
        for d in ("client", "proxy", "fastcgi", "uwsgi", "scgi"):
            os.makedirs(os.path.join(work, d))
        ports = {"roster": free_port(), "app": free_port(), "nginx": free_port(), "w": work}
        public = "http://127.0.0.1:%d" % ports["nginx"]
        app_server = http.server.ThreadingHTTPServer(("127.0.0.1", ports["app"]), EchoApp)
        threading.Thread(target=app_server.serve_forever, daemon=True).start()

        env = dict(ROSTER_LISTEN="127.0.0.1:%d" % ports["roster"],
                   ROSTER_DATABASE_URL="sqlite:%s/roster.db" % work, ROSTER_PUBLIC_URL=public,
                   ROSTER_SMTP_URL=None)
        procs.append(serve(roster, env, os.path.join(work, "roster.log")))
        if not wait_http(ports["roster"]):
            raise RuntimeError("roster did not start")

        with open(os.path.join(work, "roster-protect.conf"), "w") as f:
            f.write(docs_block("protect"))
        snippet = docs_block("auth").replace("http://127.0.0.1:8080", "http://roster")
        with open(os.path.join(work, "nginx.conf"), "w") as f:
            f.write(NGINX_CONF % dict(ports, snippet=snippet))
        procs.append(subprocess.Popen(["/usr/sbin/nginx", "-p", work, "-c", os.path.join(work, "nginx.conf")]))
        if not wait_http(ports["nginx"]):
            raise RuntimeError("nginx did not start")
        scenario(ports["nginx"], public)
    finally:
        stop_all(procs)
        if app_server:
            app_server.shutdown()
        if checks.failed:
            print_tails([os.path.join(work, name) for name in ("roster.log", "nginx-error.log")])
        shutil.rmtree(work, ignore_errors=True)
    return checks.summary()


def scenario(port, public):
    admin = Browser(port)
    status, _, me = admin.request("POST", "/api/v1/auth/signup",
                                  {"email": "boss@example.com", "username": "boss", "password": PASSWORD})
    assert status == 201, (status, me)
    status, _, org = admin.request("POST", "/api/v1/organizations", {"name": "Proxy Org"})
    assert status == 201, (status, org)
    org_id = org["id"]
    users = {}
    for name in ("alice", "bob"):
        status, _, inv = admin.request("POST", "/api/v1/orgs/%s/invitations" % org_id,
                                       {"email": name + "@example.com", "username": name, "role": "USER"})
        assert status == 201, (status, inv)
        token = inv["invite_url"].rsplit("/", 1)[1]
        b = Browser(port)
        status, _, me = b.request("POST", "/api/v1/invitations/%s/accept" % token, {"password": PASSWORD})
        assert status == 201, (status, me)
        users[name] = (b, me["user"]["id"])
    alice, alice_id = users["alice"]

    # A member passes; the app sees who they are, not what the client claimed.
    status, _, body = alice.request("GET", "/app/hello", headers={"X-Roster-User-Id": "forged",
                                                                 "X-Roster-Role": "ADMIN"})
    seen = body.get("headers", {})
    check("member passes", status == 200, status)
    check("app sees the member's id", seen.get("x-roster-user-id") == alice_id, seen)
    check("app sees username, email, org, role",
          (seen.get("x-roster-username"), seen.get("x-roster-email"), seen.get("x-roster-org-id"),
           seen.get("x-roster-role")) == ("alice", "alice@example.com", org_id, "USER"), seen)

    # A stranger goes to the login page with return_to, and back after signing in.
    stranger = Browser(port)
    page = "/app/page?x=1&y=a%2Fb"
    status, headers, _ = stranger.request("GET", page, headers={"X-Original-URL": "https://evil.example/"})
    expected = public + "/login?return_to=" + urllib.parse.quote(public + page, safe="")
    check("stranger is redirected to the login page", status == 302, status)
    check("with return_to = the page asked for", headers.get("location") == expected,
          headers.get("location"))
    location = urllib.parse.urlsplit(headers.get("location", ""))
    status, headers, _ = stranger.request("GET", location.path + "?" + location.query)
    check("the login page is served", status == 200 and "text/html" in headers.get("content-type", ""),
          status)
    back = urllib.parse.parse_qs(location.query).get("return_to", [""])[0]
    status, _, _ = stranger.request("POST", "/api/v1/auth/login",
                                    {"email": "bob@example.com", "password": PASSWORD})
    check("stranger signs in", status == 200, status)
    status, _, body = stranger.request("GET", urllib.parse.urlsplit(back).path + "?" +
                                       urllib.parse.urlsplit(back).query)
    check("return_to lets them in", status == 200 and
          body.get("headers", {}).get("x-roster-username") == "bob", (status, body))
    check("the app got the original query", body.get("path") == page, body.get("path"))

    # role=ADMIN keeps a USER out and lets an ADMIN in.
    status, _, _ = alice.request("GET", "/admin/")
    check("a USER is kept out of role=ADMIN", status == 403, status)
    status, _, body = admin.request("GET", "/admin/")
    check("an ADMIN passes role=ADMIN", status == 200 and
          body.get("headers", {}).get("x-roster-role") == "ADMIN", (status, body))

    # A removed member is out at once.
    status, _, _ = admin.request("DELETE", "/api/v1/orgs/%s/members/%s" % (org_id, alice_id))
    check("admin removes alice", status == 200, status)
    status, headers, _ = alice.request("GET", "/app/hello")
    check("a removed member is sent to the login page", status == 302 and
          headers.get("location", "").startswith(public + "/login"), status)


if __name__ == "__main__":
    sys.exit(main())
