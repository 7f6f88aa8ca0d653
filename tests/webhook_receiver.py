"""A webhook receiver for tests and benchmarks: an HTTP server on 127.0.0.1 (a free port) in a thread, which
keeps every request it gets and answers as it is told (a status, or a wait first)."""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


@dataclass
class Received:
    headers: dict
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """``answers``: what to do for each request in turn (an int status, or ``("wait", seconds, status)``, or
    ``("hold", status)`` to wait until ``release`` is set); once used up, every request gets 200."""

    answers: list = field(default_factory=list)
    received: list = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    keep: bool = True

    def start(self) -> "Receiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if receiver.keep:
                    receiver.received.append(Received({k.lower(): v for k, v in self.headers.items()}, body))
                receiver.arrived.set()
                answer = receiver.answers.pop(0) if receiver.answers else 200
                if isinstance(answer, tuple) and answer[0] == "wait":
                    receiver.release.wait(answer[1])
                    answer = answer[2]
                elif isinstance(answer, tuple) and answer[0] == "hold":
                    receiver.release.wait(60)
                    answer = answer[1]
                try:
                    self.send_response(answer)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the sender gave up (timed out, or its process was killed)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/recruit"

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def readme_verify():
    """The ``verify`` function README (Webhooks) gives receivers, run as written there."""
    text = README.read_text()
    block = text.split("<!-- webhook-verify -->", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    scope: dict = {}
    exec(compile(block, "README.md (Webhooks)", "exec"), scope)
    return scope["verify"]


verify = readme_verify()
