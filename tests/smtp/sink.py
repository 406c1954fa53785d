#!/usr/bin/env python3
"""A local SMTP server for the tests and the mail benchmark (aiosmtpd from PyPI).

Every message it accepts is written to DIR as one file, `NNNNNN.eml`: two lines naming the
envelope (`X-Sink-From:`, `X-Sink-To:`) and then the message exactly as received. Once it
listens it prints `listening HOST:PORT` on standard output.

    python3 tests/smtp/sink.py --dir DIR [--port PORT] [--refuse N]

--refuse N answers the first N messages `451` (a temporary failure), as a busy server does; an
address at `refused.example` is refused for good (`550`).
"""

import argparse
import itertools
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, refuse):
        self.folder = folder
        self.refuse = refuse
        self.seq = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # An address at refused.example does not exist here: refused for good.
        if address.endswith("@refused.example"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 try again later"
        n = next(self.seq)
        name = os.path.join(self.folder, f"{n:06d}.eml")
        head = f"X-Sink-From: {envelope.mail_from}\r\nX-Sink-To: {', '.join(envelope.rcpt_tos)}\r\n"
        with open(name + ".part", "wb") as f:
            f.write(head.encode())
            f.write(envelope.original_content or envelope.content)
        os.replace(name + ".part", name)
        return "250 2.0.0 accepted"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--refuse", type=int, default=0)
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    port = a.port
    if port == 0:
        import socket

        with socket.socket() as s:
            s.bind((a.host, 0))
            port = s.getsockname()[1]
    controller = Controller(Sink(a.dir, a.refuse), hostname=a.host, port=port, data_size_limit=64 << 20)
    controller.start()
    print(f"listening {a.host}:{port}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (controller.stop(), sys.exit(0)))
    try:
        signal.pause()
    except KeyboardInterrupt:
        controller.stop()


if __name__ == "__main__":
    main()
