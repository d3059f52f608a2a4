#!/usr/bin/env python3
"""Start-to-serving time of `roster serve` on the database in ROSTER_DATABASE_URL.

    bench/startup.py ROSTER_BIN PORT [RUNS]

Starts the server RUNS times (default 5) on 127.0.0.1:PORT and measures, from just before the
exec to the first `200` answer of GET /healthz, polling with a raw socket every millisecond
(a new curl process per poll costs ~25 ms here, which would be measured instead of the server).
Prints one JSON line: {"median_ms": ..., "min_ms": ..., "max_ms": ..., "runs": [...]}.
"""
import json
import os
import socket
import statistics
import subprocess
import sys
import time

REQUEST = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"


def healthy(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(REQUEST)
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def one_start(binary, port):
    env = dict(os.environ, ROSTER_LISTEN=f"127.0.0.1:{port}")
    start = time.perf_counter()
    server = subprocess.Popen([binary, "serve"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not healthy(port):
            if server.poll() is not None:
                sys.exit(f"startup.py: roster exited with {server.returncode}")
            if time.perf_counter() - start > 30:
                sys.exit("startup.py: not serving after 30 s")
            time.sleep(0.001)
        return (time.perf_counter() - start) * 1000
    finally:
        server.terminate()
        server.wait()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, port = sys.argv[1], int(sys.argv[2])
    runs = [round(one_start(binary, port), 1)
            for _ in range(int(sys.argv[3]) if len(sys.argv) > 3 else 5)]
    print(json.dumps({"median_ms": statistics.median(runs), "min_ms": min(runs),
                      "max_ms": max(runs), "runs": runs}))


if __name__ == "__main__":
    main()
