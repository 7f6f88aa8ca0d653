"""Webhook deliveries per second to a local receiver, on real worker processes.

    python -m benchmarks.webhook_throughput [--events 1000] [--workers 1 2] [--backends sqlite postgresql]

Each run gets a fresh database and its own Huey queue (SQLite file with SQLite, Redis with PostgreSQL), starts
``recruit worker -w N`` as an operator would, waits until it has delivered a warm-up ping, then emits N
``application.created`` events through ``webhooks.emit`` in one transaction and times from that commit until every
delivery is marked delivered (claimed under its lease, signed, POSTed, answered 200, recorded). The receiver is
``tests.webhook_receiver`` (``ThreadingHTTPServer`` on 127.0.0.1) in this process. The baseline, measured in the
same run, is the same number of bare POSTs from one thread of this process with ``webhooks.post`` (no queue, no
database, no signing): what the HTTP round trip alone costs here. Figures go to benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from benchmarks._databases import new_database
from benchmarks._results import record

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("RECRUIT_BENCH_REDIS", "redis://127.0.0.1:6379/13")


def _delivered(app) -> int:
    from recruit.extensions import db
    from recruit.models import WebhookDelivery

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(WebhookDelivery)
                                 .where(WebhookDelivery.status == "delivered"))


def _wait(app, count: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _delivered(app) >= count:
            return True
        time.sleep(0.05)
    return False


def run(backend: str, workers: int, events: int, receiver) -> dict:
    """One run: a fresh database and queue, a worker of ``workers`` processes, ``events`` deliveries."""
    from recruit import create_app
    from recruit.extensions import db
    from recruit.services import webhooks

    workdir = Path(tempfile.mkdtemp(prefix="recruit-hooks-bench-"))
    url, drop = new_database(backend, workdir)
    queue = f"hooks-bench-{os.getpid()}-{backend}-{workers}"
    config = {"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(workdir / "instance"), "SECRET_KEY": "bench",
              "HUEY_IMMEDIATE": False, "HUEY_NAME": queue, "WEBHOOK_ALLOW_PRIVATE": True}
    env = {**os.environ, "RECRUIT_DATABASE_URL": url, "RECRUIT_INSTANCE_PATH": config["INSTANCE_PATH"],
           "RECRUIT_SECRET_KEY": "bench", "RECRUIT_HUEY_NAME": queue, "RECRUIT_WEBHOOK_ALLOW_PRIVATE": "1"}
    if backend == "postgresql":
        config["REDIS_URL"] = env["RECRUIT_REDIS_URL"] = REDIS_URL
    app = create_app(config)
    with app.app_context():
        db.create_all()
        endpoint = webhooks.save_endpoint({"url": receiver.url, "events": ["application.created"]}, actor_id=None)
        endpoint_id = endpoint.id
    worker = subprocess.Popen([sys.executable, "-m", "recruit.cli", "worker", "-w", str(workers)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        with app.app_context():
            webhooks.send_ping(endpoint_id, actor_id=None)
        if not _wait(app, 1, 120):
            raise RuntimeError("the worker never delivered the warm-up ping")
        with app.app_context():
            for i in range(events):
                webhooks.emit("application.created", {"application_id": i, "candidate_id": i, "job_id": 1})
            started = time.monotonic()
            db.session.commit()  # the deliveries are queued as this commits
        done = _wait(app, events + 1, 600)
        seconds = time.monotonic() - started
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if backend == "postgresql":
            app.extensions["huey"].storage.flush_all()
        drop()
    return {"backend": backend, "workers": workers, "events": events, "done": done, "seconds": seconds,
            "per_second": events / seconds}


def baseline(events: int, receiver) -> float:
    """Bare POSTs per second from one thread, with the same client code and no queue or database."""
    from recruit import create_app
    from recruit.services import webhooks

    workdir = Path(tempfile.mkdtemp(prefix="recruit-hooks-base-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'x.db'}", "SECRET_KEY": "bench",
                      "INSTANCE_PATH": str(workdir), "WEBHOOK_ALLOW_PRIVATE": True})
    body = b'{"type":"application.created","data":{}}'
    with app.app_context():
        started = time.monotonic()
        for _ in range(events):
            webhooks.post(receiver.url, body, {"Content-Type": "application/json"}, 5.0)
        return events / (time.monotonic() - started)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.webhook_receiver import Receiver

    receiver = Receiver(keep=False).start()
    try:
        bare = baseline(args.events, receiver)
        print(f"baseline: {bare:.0f} bare POSTs/s from one thread")
        rows = []
        for backend in args.backends:
            for workers in args.workers:
                result = run(backend, workers, args.events, receiver)
                rows.append(result)
                print(f"{backend}, {workers} worker process(es): {result['events']} deliveries in "
                      f"{result['seconds']:.1f} s = {result['per_second']:.0f}/s"
                      + ("" if result["done"] else " (NOT ALL DELIVERED)"))
    finally:
        receiver.stop()
    table = ["| database and queue | worker processes | deliveries | seconds | deliveries/s | vs bare POSTs |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        queue = "SQLite + Huey on SQLite" if r["backend"] == "sqlite" else "PostgreSQL + Huey on Redis"
        table.append(f"| {queue} | {r['workers']} | {r['events']}{'' if r['done'] else ' (not all)'} | "
                     f"{r['seconds']:.1f} | {r['per_second']:.0f} | {r['per_second'] / bare:.2f}× |")
    body = (f"2-core shared VM, loaded by parallel work. Baseline in the same run: {bare:.0f} bare POSTs/s from one "
            f"thread to the same receiver (`webhooks.post`, no queue, database or signing).\n\n" + "\n".join(table)
            + "\n\nEach delivery is a Huey task: claim the lease (one UPDATE and a commit), read the endpoint and "
              "event, sign, POST, record the answer (a commit). Timed from the commit that queued the events until "
              "the last is marked delivered; the worker was started and warmed up (one ping) before.")
    record("Webhook deliveries per second", "python -m benchmarks.webhook_throughput "
           + " ".join(sys.argv[1:] if argv is None else argv), body)


if __name__ == "__main__":
    main()
