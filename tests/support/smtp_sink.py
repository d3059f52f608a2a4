#!/usr/bin/python3
"""A tiny SMTP sink for tests (Debian's python3-aiosmtpd; run it with /usr/bin/python3).

    smtp_sink.py --port N --dir DIR [--fail]

Listens on 127.0.0.1:N (0: any free port) and writes every message it accepts to
DIR/0001.eml, DIR/0002.eml, ... (written to a temporary name, then renamed, so a reader never
sees half a file). Prints "ready PORT" once listening. With --fail, or while the file DIR/FAIL
exists, it answers every message with 451 (a temporary failure), so a test can take "SMTP" down
and up again without restarting it. Stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


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
        name = "%04d.eml" % self.count
        tmp = os.path.join(self.directory, ".tmp-" + name)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        meta = "MAIL FROM:%s\nRCPT TO:%s\n" % (envelope.mail_from, ",".join(envelope.rcpt_tos))
        with open(tmp + ".env", "w") as f:
            f.write(meta)
        os.rename(tmp + ".env", os.path.join(self.directory, name[:-4] + ".env"))
        os.rename(tmp, os.path.join(self.directory, name))
        return "250 2.0.0 OK"


async def serve(port, directory, always_fail):
    loop = asyncio.get_running_loop()
    handler = SinkHandler(directory, always_fail)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.test", data_size_limit=10 * 1024 * 1024),
        host="127.0.0.1", port=port)
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
    parser.add_argument("--fail", action="store_true", help="answer 451 to every message")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    asyncio.run(serve(args.port, args.dir, args.fail))
    return 0


if __name__ == "__main__":
    sys.exit(main())
