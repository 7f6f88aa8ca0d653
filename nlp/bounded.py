"""Parse a resume in a child process with a memory limit and a deadline, so no file can take its caller down.

``parse_bounded(data, limits=...)`` returns the ``ParsedResume`` or raises a ``ResumeError`` with the
reason: too long (``TimeBudgetExceeded``), too much memory (``TooMuchMemory``), the process died
(``ParserCrashed``), or any reason ``parse_bytes`` gives. Each calling thread keeps one persistent child:
it builds the pipeline once, and is replaced only after a parse that ran out of memory, ran out of time or killed it.

The child is a fresh interpreter (``python -m nlp.bounded``), never a fork of the caller, which may run
threads (a Huey consumer, a web server) or have no importable main module. It sets ``RLIMIT_AS`` to its
size after warming up plus ``memory_mb``, so the limit is what one parse may add, whatever the pipeline itself takes.
"""
from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection

from nlp.errors import ParserCrashed, ResumeError, TimeBudgetExceeded, TooMuchMemory
from nlp.extract import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET
from nlp.filetype import DEFAULT_MAX_EXPANDED
from nlp.resume import ParsedResume

DEFAULT_MEMORY_MB = 1024
# Past the budget, the child is killed after this much more (or as much again, for a budget under it): it
# normally stops itself with a reason, but not in the middle of one PDF page or one component.
GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class Limits:
    """What one parse may use: file size, characters read, seconds, memory it may add, bytes unpacked."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    seconds: float = DEFAULT_TIME_BUDGET
    memory_mb: int = DEFAULT_MEMORY_MB
    max_expanded: int = DEFAULT_MAX_EXPANDED


def _error_for(code: str, message: str) -> ResumeError:
    from nlp import errors

    kinds = {cls.code: cls for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, ResumeError)}
    return kinds.get(code, ResumeError)(message)


def _serve(conn, memory_mb: int) -> None:
    """The child's loop: warm the pipeline, cap the address space, then parse what arrives until told to stop."""
    import resource

    from nlp.pipeline import get_pipeline, parse_bytes, parse_text

    get_pipeline()
    parse_text("Warm Up\nAnalyst at Example Ltd, Pune\nJan 2010 - Feb 2012\nSkills: Python, SQL\n")
    with open("/proc/self/statm") as fh:  # pages of address space in use now
        in_use = int(fh.read().split()[0]) * resource.getpagesize()
    limit = in_use + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send(("ready", in_use))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        data, kind, limits, today = request
        try:
            parsed = parse_bytes(data, kind=kind, today=today, max_bytes=limits["max_bytes"],
                                 time_budget=limits["seconds"], max_chars=limits["max_chars"],
                                 max_expanded=limits["max_expanded"])
            conn.send(("ok", parsed.to_dict()))
        except ResumeError as exc:
            conn.send(("error", exc.code, str(exc)))
            if isinstance(exc, (TooMuchMemory, ParserCrashed)):
                return  # the heap may be in a bad state; the next parse gets a fresh child


class _Child:
    """One persistent parsing process (``python -m nlp.bounded``) and the socket to it."""

    def __init__(self, memory_mb: int):
        ours, theirs = socket.socketpair()
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # where the nlp package lives
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
        self.process = subprocess.Popen([sys.executable, "-m", "nlp.bounded", str(theirs.fileno()), str(memory_mb)],
                                        pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL)
        theirs.close()
        self.conn = Connection(ours.detach())
        self.baseline = None
        _running.add(self)

    def alive(self) -> bool:
        return self.process.poll() is None

    def ready(self, timeout: float) -> bool:
        """Whether the child has built its pipeline (waiting up to ``timeout`` seconds the first time)."""
        if self.baseline is None:
            if not self.conn.poll(timeout):
                return False
            self.baseline = self.conn.recv()[1]
        return True

    def stop(self) -> None:
        _running.discard(self)
        if self.alive():
            self.process.kill()
        self.process.wait(5)
        self.conn.close()


_running: set[_Child] = set()  # every thread's children, so all are stopped when the caller exits


@atexit.register
def _stop_all() -> None:
    for child in list(_running):
        child.stop()


_local = threading.local()
STARTUP_SECONDS = 120.0  # building the pipeline in a fresh child, on a busy machine


def _child(memory_mb: int) -> _Child:
    children = _local.__dict__.setdefault("children", {})
    child = children.get(memory_mb)
    if child is None or not child.alive():
        if child is not None:
            child.stop()
        child = children[memory_mb] = _Child(memory_mb)
    return child


def _drop(memory_mb: int) -> None:
    child = _local.__dict__.get("children", {}).pop(memory_mb, None)
    if child is not None:
        child.stop()


def parse_bounded(data: bytes, *, kind: str | None = None, limits: Limits = Limits(), today: str = "") -> ParsedResume:
    """Parse a resume file in this thread's parsing process, within ``limits``; never raises anything but a
    ``ResumeError``, whose message is the reason to record."""
    try:
        child = _child(limits.memory_mb)
        if not child.ready(STARTUP_SECONDS):
            _drop(limits.memory_mb)
            raise ParserCrashed("The parser did not start in time; the file was not read. Try again later.")
        child.conn.send((data, kind, asdict(limits), today))
        answered = child.conn.poll(limits.seconds + min(GRACE_SECONDS, limits.seconds))
        reply = child.conn.recv() if answered else None
    except (EOFError, OSError, BrokenPipeError):
        reply = ("died",)
    if reply is None:
        _drop(limits.memory_mb)
        raise TimeBudgetExceeded(f"Reading the file took longer than {limits.seconds:g} seconds and was stopped; "
                                 "it may be damaged or unusually complex.")
    if reply[0] == "ok":
        return ParsedResume.from_dict(reply[1])
    if reply[0] == "error":
        if reply[1] in (TooMuchMemory.code, ParserCrashed.code):
            _drop(limits.memory_mb)
        raise _error_for(reply[1], reply[2])
    child = _local.__dict__.get("children", {}).get(limits.memory_mb)
    exitcode = child.process.poll() if child is not None else None
    _drop(limits.memory_mb)
    raise ParserCrashed(f"Reading the file stopped the parser (exit code {exitcode}); it may be built to exhaust "
                        f"memory (the limit is {limits.memory_mb} MB per parse) or to crash readers.")


def shutdown() -> None:
    """Stop this thread's parsing processes (all of them stop when the caller exits)."""
    for memory_mb in list(_local.__dict__.get("children", {})):
        _drop(memory_mb)


if __name__ == "__main__":
    _serve(Connection(socket.socket(fileno=int(sys.argv[1])).detach()), int(sys.argv[2]))
