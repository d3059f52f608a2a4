"""SMTP sink for the e2e tests: stores each received message as DIR/NNNN.eml (raw bytes as
received) plus DIR/NNNN.json ({"mail_from": ..., "rcpt_tos": [...]}).

usage: /usr/bin/python3 smtp_sink.py HOST PORT DIR   (Debian's python3-aiosmtpd)
"""
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, directory):
        self.dir = directory
        self.lock = threading.Lock()
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            base = os.path.join(self.dir, f"{self.count:04d}")
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(raw)
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}, f)
        # The .eml appears last and atomically: a reader never sees half a message.
        os.replace(base + ".eml.tmp", base + ".eml")
        print(f"sink: message {self.count} for {envelope.rcpt_tos}", flush=True)
        return "250 Message accepted for delivery"


def main():
    host, port, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Store(directory), hostname=host, port=port)
    controller.start()
    print(f"sink: listening on {host}:{port}", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
