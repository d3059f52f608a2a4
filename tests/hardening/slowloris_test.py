#!/usr/bin/python3
"""Slow clients against `roster serve`: slowloris headers, slow bodies, idle keep-alives, and
more connections than the server's cap.

    slowloris_test.py ROSTER_BINARY [--cap N] [--timeout S]

The server runs with a low connection cap and read timeout (ROSTER_MAX_CONNECTIONS=64,
ROSTER_READ_TIMEOUT=3s; production defaults 2048 and 30s). The read timeout is a deadline for a
whole request, set before its header is read (src/http/server.cpp): trickling bytes does not
extend it.

Checks:
  1. Below the cap: CAP-8 connections each send a request header one byte every 0.2 s (never
     finishing it). Meanwhile a normal client is answered at once (every request < 1 s), and
     every slow connection is closed by the server after the read timeout (not before it, and
     within 2 s after it).
  2. A slow body (full header, Content-Length 100000, one body byte every 0.2 s) and an idle
     keep-alive connection are closed after the read timeout too.
  3. Over the cap: CAP+20 slow connections. The server holds at most CAP of them and closes the
     rest at once (a refused client learns it immediately, nothing hangs); a normal client that
     arrives while the cap is full is refused likewise, and is answered again as soon as the
     read timeout frees the slots (within timeout + 2 s of the attack). With a global cap this
     is the designed behaviour: an attacker who keeps CAP slow connections open delays others
     by up to one read timeout per wave; a per-address cap would be the next defence.
Prints "N passed, N failed" last; exits non-zero on any failure.
"""
import argparse
import http.client
import os
import select
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from roster_proc import Checks, Server, log, clean_up  # noqa: E402

TRICKLE = 0.2  # seconds between two bytes


class SlowConnection(threading.Thread):
    """Sends `prefix` at once, then one byte of `trickle` every TRICKLE seconds, until the server
    closes the connection (or `give_up` seconds pass). Records when it was closed."""

    def __init__(self, port, prefix, trickle, give_up):
        super().__init__(daemon=True)
        self.port, self.prefix, self.trickle, self.give_up = port, prefix, trickle, give_up
        self.connected_at = None
        self.closed_after = None   # seconds from connect to the server's close; None: still open
        self.received = b""
        self.error = None

    def run(self):
        try:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        except OSError as e:
            self.error = e
            return
        self.connected_at = time.time()
        try:
            if self.prefix:
                sock.sendall(self.prefix)
            i = 0
            while time.time() - self.connected_at < self.give_up:
                readable, _, _ = select.select([sock], [], [], TRICKLE)
                if readable:
                    data = sock.recv(65536)
                    if not data:
                        self.closed_after = time.time() - self.connected_at
                        return
                    self.received += data
                    continue
                if self.trickle:
                    sock.send(self.trickle[i % len(self.trickle):i % len(self.trickle) + 1])
                    i += 1
        except OSError:  # reset or broken pipe: closed by the server as well
            self.closed_after = time.time() - self.connected_at
        finally:
            sock.close()


def slow_header_connection(port, give_up):
    prefix = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    return SlowConnection(port, prefix, b"X-Slow: " + b"a" * 4000, give_up)


def normal_request(port, timeout=5):
    """(status or 0, seconds) for GET /healthz on a fresh connection."""
    t0 = time.time()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.request("GET", "/healthz")
        res = conn.getresponse()
        res.read()
        conn.close()
        return res.status, time.time() - t0
    except (OSError, http.client.HTTPException):
        return 0, time.time() - t0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("roster")
    parser.add_argument("--cap", type=int, default=int(os.environ.get("SLOWLORIS_CAP", "64")))
    parser.add_argument("--timeout", type=int,
                        default=int(os.environ.get("SLOWLORIS_TIMEOUT", "3")))
    args = parser.parse_args()
    cap, timeout = args.cap, args.timeout
    checks = Checks()
    work = tempfile.mkdtemp(prefix="roster-slow-")
    server = None
    started = time.time()
    try:
        server = Server(os.path.abspath(args.roster), work, {
            "ROSTER_DATABASE_URL": "sqlite:" + os.path.join(work, "roster.db"),
            "ROSTER_MAX_CONNECTIONS": str(cap),
            "ROSTER_READ_TIMEOUT": "%ds" % timeout,
        })
        server.start()
        give_up = timeout + 10
        time.sleep(0.5)  # the /healthz probe of start() has closed
        idle_sockets = server.socket_count()  # the listener (and any internal socket)

        # 1. Below the cap.
        slow = [slow_header_connection(server.port, give_up) for _ in range(cap - 8)]
        for s in slow:
            s.start()
        time.sleep(0.5)
        answers = []
        while time.time() - slow[0].connected_at < timeout - 0.5:
            answers.append(normal_request(server.port))
            time.sleep(0.2)
        worst = max(t for _, t in answers)
        log("below the cap: %d slow header connections; %d normal requests, slowest %.3fs" %
            (len(slow), len(answers), worst))
        checks.check("below the cap a normal client is answered at once while %d connections "
                     "trickle headers" % len(slow),
                     answers and all(s == 200 for s, _ in answers) and worst < 1.0, answers)
        for s in slow:
            s.join()
        closed = sorted(s.closed_after for s in slow if s.closed_after is not None)
        log("slow headers closed after %s s (min..max)" %
            ("%.2f..%.2f" % (closed[0], closed[-1]) if closed else "-"))
        checks.check("every slow header connection is closed by the server",
                     len(closed) == len(slow), "%d of %d" % (len(closed), len(slow)))
        checks.check("slow headers are closed by the read timeout (%ds), within 2 s after it" %
                     timeout, closed and closed[0] >= timeout - 0.3 and closed[-1] <= timeout + 2,
                     closed[:3] + closed[-3:])

        # 2. A slow body and an idle keep-alive connection.
        body = SlowConnection(server.port,
                              b"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
                              b'{"email":"' + b"x" * 4000, give_up)
        idle = SlowConnection(server.port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                              b"", give_up)
        body.start()
        idle.start()
        body.join()
        idle.join()
        log("slow body closed after %s s, idle keep-alive after %s s" %
            (body.closed_after, idle.closed_after))
        checks.check("a slow body is closed by the read timeout",
                     body.closed_after is not None and
                     timeout - 0.3 <= body.closed_after <= timeout + 2, body.closed_after)
        checks.check("an idle keep-alive connection is answered, then closed by the read timeout",
                     idle.received.startswith(b"HTTP/1.1 200") and idle.closed_after is not None
                     and timeout - 0.3 <= idle.closed_after <= timeout + 2,
                     (idle.received[:20], idle.closed_after))
        time.sleep(0.5)

        # 3. Over the cap.
        attack_started = time.time()
        slow = [slow_header_connection(server.port, give_up) for _ in range(cap + 20)]
        for s in slow:
            s.start()
            time.sleep(0.005)  # in order, so that the last 20 are the ones over the cap
        time.sleep(1.0)
        refused = [s for s in slow if s.closed_after is not None and s.closed_after < 1.0]
        held_sockets = server.socket_count() - idle_sockets
        refused_answer = normal_request(server.port)
        answered_at, tries = None, [refused_answer]
        while time.time() - attack_started < timeout + 5:
            status, seconds = normal_request(server.port)
            tries.append((status, seconds))
            if status == 200:
                answered_at = time.time() - attack_started
                break
            time.sleep(0.1)
        for s in slow:
            s.join()
        closed = sorted(s.closed_after for s in slow if s.closed_after is not None)
        log("over the cap: %d slow connections, %d refused at once, %d held by the server; "
            "a normal client was refused in %.3fs, answered %.2fs after the attack began "
            "(%d tries)" % (len(slow), len(refused), held_sockets, refused_answer[1],
                            answered_at or -1, len(tries)))
        checks.check("the server holds no more than its cap (%d) of connections" % cap,
                     held_sockets <= cap, held_sockets)
        checks.check("connections over the cap are closed at once",
                     len(refused) >= 20 and len(slow) - len(refused) <= cap,
                     "%d refused" % len(refused))
        checks.check("while the cap is full a new client is refused at once, not left hanging",
                     refused_answer[1] < 1.0, refused_answer)
        checks.check("a normal client is answered again once the read timeout frees the slots "
                     "(within %ds of the attack)" % (timeout + 2),
                     answered_at is not None and answered_at <= timeout + 2, tries[-3:])
        checks.check("every slow connection of the attack is closed",
                     len(closed) == len(slow) and closed[-1] <= timeout + 2,
                     "%d of %d, last %s" % (len(closed), len(slow), closed[-1:]))
        status, seconds = normal_request(server.port)
        checks.check("after the attack a normal client is answered at once",
                     status == 200 and seconds < 1.0, (status, seconds))
        rc = server.stop()
        checks.check("SIGTERM stops the server cleanly", rc == 0, rc)
    except Exception as e:
        checks.check("test ran to the end", False, repr(e))
    finally:
        clean_up(server, work, checks)
    log("slowloris test took %.1fs" % (time.time() - started))
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
