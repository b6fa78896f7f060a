"""A small SMTP server for tests that run the real mail worker: it keeps every message it is given,
and can hold back its final reply to one, as a slow mail server does after it has the message."""

from __future__ import annotations

import re
import socketserver
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Received:
    message_id: str
    at: float  # time.monotonic() when the whole message had arrived


@dataclass
class SmtpServer:
    """Listens on 127.0.0.1 (``port``, a free one unless given). The ``hold_first`` first messages
    wait ``hold_seconds`` for their final reply (after the server has them: a client that gives up
    cannot know)."""

    hold_first: int = 0
    hold_seconds: float = 0
    port: int = 0  # any free one
    received: list[Received] = field(default_factory=list)

    def __post_init__(self) -> None:
        owner = self

        class Session(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                owner._converse(self.rfile, self.wfile)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Session)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def message_ids(self) -> list[str]:
        return [message.message_id for message in self.received]

    def _converse(self, rfile, wfile) -> None:
        def reply(line: str) -> None:
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        reply("220 test SMTP")
        while line := rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                reply("250 test")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                reply("250 OK")
            elif command == "DATA":
                reply("354 go on")
                data = b""
                while (chunk := rfile.readline()) and chunk != b".\r\n":
                    data += chunk
                found = re.search(rb"^Message-ID: *(<[^>]+>)", data, re.M | re.I)
                self.received.append(Received(found.group(1).decode() if found else "", time.monotonic()))
                if len(self.received) <= self.hold_first:
                    time.sleep(self.hold_seconds)
                reply("250 queued")
            elif command == "QUIT":
                reply("221 bye")
                return
            else:
                reply("502 not here")


if __name__ == "__main__":  # for .ci/smoke: `python -m tests.support.smtp_server PORT` serves until stopped
    import sys

    SmtpServer(port=int(sys.argv[1]))
    threading.Event().wait()
