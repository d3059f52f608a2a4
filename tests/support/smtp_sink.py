#!/usr/bin/python3
"""The SMTP sink of every test suite (Debian's python3-aiosmtpd; run it with /usr/bin/python3).

    smtp_sink.py --port N --dir DIR [--host H] [--fail] [--auth]

Listens on H:N (default 127.0.0.1; port 0: any free port) and writes every message it accepts
to DIR/0001.eml, DIR/0002.eml, ... (raw bytes as received) with its envelope beside it in
DIR/0001.json ({"mail_from": ..., "rcpt_tos": [...]}). The .eml is written last, to a temporary
name and then renamed, so a reader that sees it never sees half a message or no envelope.
Prints "ready PORT" once listening, and nothing after (callers may stop reading the pipe).
With --fail, or while the file DIR/FAIL exists, it answers every message with 451 (a temporary
failure), so a test can take "SMTP" down and up again without restarting it. With --auth it
offers AUTH PLAIN and LOGIN on a connection that never offers STARTTLS (a server that would
read passwords in clear text) and appends every credential it is given to DIR/auth.log, one
"MECHANISM LOGIN PASSWORD" line each.
Stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class SinkHandler:
    def __init__(self, directory, always_fail):
        self.directory = directory
        self.always_fail = always_fail
        self.count = 0

    def failing(self):
        return self.always_fail or os.path.exists(os.path.join(self.directory, "FAIL"))

    async def handle_DATA(self, server, session, envelope):
        if self.failing():
            return "451 4.3.0 Sink is failing on purpose"
        self.count += 1
        base = os.path.join(self.directory, "%04d" % self.count)
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}, f)
        tmp = os.path.join(self.directory, ".tmp-%04d.eml" % self.count)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        os.rename(tmp, base + ".eml")
        return "250 2.0.0 OK"


class RecordingAuthenticator:
    """Accepts any credentials and writes them down, so a test can prove none arrived."""

    def __init__(self, directory):
        self.path = os.path.join(directory, "auth.log")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            login, password = auth_data.login, auth_data.password
        else:
            login, password = b"?", bytes(str(auth_data), "utf-8")
        with open(self.path, "ab") as f:
            f.write(mechanism.encode() + b" " + login + b" " + password + b"\n")
        return AuthResult(success=True)


def make_smtp(handler, directory, offer_auth):
    options = dict(hostname="sink.test", data_size_limit=10 * 1024 * 1024)
    if offer_auth:
        options.update(auth_require_tls=False, authenticator=RecordingAuthenticator(directory))
    return SMTP(handler, **options)


async def serve(args):
    loop = asyncio.get_running_loop()
    handler = SinkHandler(args.dir, args.fail)
    server = await loop.create_server(lambda: make_smtp(handler, args.dir, args.auth),
                                      host=args.host, port=args.port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("ready %d" % server.sockets[0].getsockname()[1], flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="0 for any free port")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--fail", action="store_true", help="answer 451 to every message")
    parser.add_argument("--auth", action="store_true",
                        help="offer AUTH without STARTTLS and record what arrives in auth.log")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
