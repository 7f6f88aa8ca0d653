"""The JSON API under load, on the workflow benchmark's data: 100,000 candidates and 300,000 applications.

    python -m benchmarks.api_latency                                  # SQLite and PostgreSQL
    python -m benchmarks.api_latency --backends sqlite --candidates 20000 --applications 60000   # quicker
    python -m benchmarks.api_latency --baseline /tmp/old-checkout       # also the same database from an older commit
    python -m benchmarks.api_latency --database sqlite:///filled.db postgresql://.../filled   # filled before

Each database is migrated and filled by ``benchmarks.workflow_latency.generate``, served by ``recruit serve``
(web only), and measured from this process with a recruiter's personal access token: p50 / p95 of list and
detail endpoints (random pages and ids each time). The HTML candidate page, measured in the same run on the
same server, is the yardstick. With ``--baseline DIR`` each endpoint is measured again, right after, served from
that checkout (an older commit) on the same database: before and after in one run. ``--database URL...`` measures
databases ``generate`` filled before (one per backend, in order), left as they are afterwards. Figures go to
benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._databases import new_database
from benchmarks._results import record
from benchmarks.workflow_latency import (ROOT, Session, _commit, _free_port, _label, _serve, _stop, generate, measure,
                                         signed_in, table_rows)


class TokenSession(Session):
    """A keep-alive connection that sends a bearer token and no cookie."""

    def __init__(self, port: int, token: str):
        super().__init__(port)
        self.token = token

    def request(self, method, path, body=None):
        self.conn.request(method, path, headers={"Authorization": f"Bearer {self.token}"})
        response = self.conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())


def _token(env: dict) -> str:
    """A token for the benchmark's recruiter, made through the service as the account page does."""
    code = ("from recruit import create_app\nfrom recruit.extensions import db\nfrom recruit.models import User\n"
            "from recruit.services import tokens\napp = create_app()\nwith app.app_context():\n"
            "    user = db.session.scalar(db.select(User).where(User.email == 'recruiter@bench.example.com'))\n"
            "    print(tokens.create_token(user.id, 'bench', tokens.allowed_scopes(user.role), expires_days=7)[1])\n")
    return subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]


def run(backend: str, args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"recruit-api-{backend}-"))
    if args.database:
        url, drop = dict(zip(args.backends, args.database))[backend], (lambda: None)
    else:
        url, drop = new_database(backend, workdir, prefix="recruit_api_latency")
    env = {**os.environ, "RECRUIT_DATABASE_URL": url, "RECRUIT_INSTANCE_PATH": str(workdir),
           "RECRUIT_SECRET_KEY": "benchmark", "RECRUIT_HUEY_NAME": f"api-{secrets.token_hex(4)}",
           "RECRUIT_LOGIN_RATE_LIMIT": "1000 per minute", "RECRUIT_API_RATE_LIMIT": "1000000 per minute"}
    env.pop("RECRUIT_REDIS_URL", None)
    recruit = [sys.executable, "-m", "recruit.cli"]
    server = None
    try:
        subprocess.run(recruit + ["db", "upgrade"], env=env, check=True, capture_output=True)
        data = _counts(url) if args.database else generate(url, args.candidates, args.applications, args.jobs)
        print(f"{backend}: generated {data}", flush=True)
        token = _token(env)
        port = _free_port()
        server = _serve(recruit, env, port, workdir, args.processes)
        rng = random.Random(7)
        per_job = args.applications // args.jobs

        def api(port):
            return TokenSession(port, token)

        endpoints = {
            "GET /api/v1/candidates?limit=100 (a random page)":
                (lambda: f"/api/v1/candidates?limit=100&cursor={rng.randint(0, args.candidates - 100)}", api),
            "GET /api/v1/candidates/{id} (profile and evidence)":
                (lambda: f"/api/v1/candidates/{rng.randint(1, args.candidates)}", api),
            f"GET /api/v1/applications?job_id=..&limit=100 ({per_job:,} a job)":
                (lambda: f"/api/v1/applications?job_id={rng.randint(1, args.jobs)}&limit=100", api),
            "GET /api/v1/applications/{id} (score breakdown)":
                (lambda: f"/api/v1/applications/{rng.randint(1, args.applications)}", api),
            "GET /api/v1/jobs?limit=100": (lambda: "/api/v1/jobs?limit=100", api),
            "GET /api/v1/jobs/{id}": (lambda: f"/api/v1/jobs/{rng.randint(1, args.jobs)}", api),
            f"GET /api/v1/jobs/{{id}}/ranking?limit=50 ({per_job:,} scored)":
                (lambda: f"/api/v1/jobs/{rng.randint(1, min(10, args.jobs))}/ranking?limit=50", api),
            "yardstick: the HTML candidate page": (lambda: f"/candidates/{rng.randint(1, args.candidates)}", signed_in),
        }
        results = {}
        for label, (paths, connect) in endpoints.items():
            rng.seed(7)
            results[label] = measure(port, paths, concurrency=args.concurrency, seconds=args.seconds, connect=connect)
            print(backend, label, results[label], flush=True)
        if args.baseline:
            _stop(server)
            server = _serve(recruit, env, port, workdir, args.processes, cwd=str(args.baseline))
            before = f"before: {_label(args.baseline)}"
            for label, (paths, connect) in endpoints.items():
                rng.seed(7)
                results[f"{label}, {before}"] = measure(port, paths, concurrency=args.concurrency,
                                                        seconds=args.seconds, connect=connect)
                print(backend, label, before, results[f"{label}, {before}"], flush=True)
        return {"backend": backend, "data": data, "results": results}
    finally:
        if server is not None:
            _stop(server)
        drop()
        shutil.rmtree(workdir, ignore_errors=True)


def _counts(url: str) -> dict:
    """What a database filled before holds (``generate``'s answer, without the time it took)."""
    from sqlalchemy import create_engine, func, select

    from recruit.config import normalise_database_url
    from recruit.models import Application, Candidate

    engine = create_engine(normalise_database_url(url))
    with engine.connect() as conn:
        data = {"candidates": conn.scalar(select(func.count()).select_from(Candidate)),
                "applications": conn.scalar(select(func.count()).select_from(Application))}
    engine.dispose()
    return data


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "pg"], choices=["sqlite", "pg"])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=300_000)
    parser.add_argument("--jobs", type=int, default=150)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10, help="per endpoint")
    parser.add_argument("--processes", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="also serve the same database from this checkout (an older commit) and measure again")
    parser.add_argument("--database", nargs="+", metavar="URL",
                        help="databases generate() filled before, one per backend in the order of --backends")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)
    if args.database and len(args.database) != len(args.backends):
        parser.error("--database takes one URL per backend, in the order of --backends")
    command = "python -m benchmarks.api_latency " + " ".join(argv if argv is not None else sys.argv[1:])
    sys.path.insert(0, str(ROOT))
    outcomes = [run(backend, args) for backend in args.backends]
    rows = table_rows(outcomes)
    data = outcomes[0]["data"]
    body = (f"{data['candidates']:,} candidates, {data['applications']:,} applications over {args.jobs} jobs "
            f"(`benchmarks.workflow_latency.generate`). Served by `recruit serve --no-worker --processes "
            f"{args.processes}`; measured from a separate client process with {args.concurrency} keep-alive "
            f"connections sending a recruiter's token, {args.seconds:.0f} s per endpoint, random pages and ids. "
            f"The yardstick row is the HTML candidate page, signed in, same server, same run. Commit {_commit(ROOT)}."
            + (f" Lines marked 'before' are the same requests (same random sequence) served from {args.baseline} "
               f"({_label(args.baseline)}) on the same database, right after." if args.baseline else "") +
            "\n\n| database | endpoint | p50 ms | p95 ms | requests/s | requests | errors | p95 < 150 ms |\n"
            "|---|---|---:|---:|---:|---:|---:|---|\n" + "\n".join(rows) + "\n")
    print(body)
    if not args.no_record:
        record(f"JSON API under load ({data['candidates']:,} candidates, {args.concurrency} connections)", command,
               body)


if __name__ == "__main__":
    main()
