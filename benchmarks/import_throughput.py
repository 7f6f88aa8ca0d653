"""Bulk import end to end: files queued -> candidates with parsed resumes, on real worker processes.

    python -m benchmarks.import_throughput                   # 1,234 livecareer PDFs, 1 and 2 workers,
                                                             # SQLite (embedded Huey) and PostgreSQL + Redis
    python -m benchmarks.import_throughput --backends pg --workers 1 2 4 --files 400   # scaling, CPU per process
    python -m benchmarks.import_throughput --big 10000       # a 10,000-file batch with duplicates and broken
                                                             # files mixed in: exact counts, memory over time

Each run gets a fresh database (a new SQLite file, or a new PostgreSQL database) and its own Huey
queue, starts ``recruit worker -w N`` as a separate process exactly as an operator would, queues the
batch through the same service as the import page and the CLI, and polls until every item is final.
Peak memory per worker process is the kernel's high-water mark (VmHWM) of each consumer process.
Figures go to benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks._databases import new_database
from benchmarks._results import record

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "livecareer"
REDIS_URL = os.environ.get("RECRUIT_BENCH_REDIS", "redis://127.0.0.1:6379/14")


# ---------------------------------------------------------------- processes and memory

def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                out.append(int(entry.name))
    return out


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(_children(current))
    return found


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (``/proc/<pid>/stat``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _machine_busy() -> tuple[float, float]:
    """``(busy, total)`` CPU seconds of the whole machine since boot (``/proc/stat``), every core together."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / os.sysconf("SC_CLK_TCK"), total / os.sysconf("SC_CLK_TCK")


class MemoryWatch(threading.Thread):
    """Samples the RSS and CPU time of every process under the worker, keeping each one's peak and a timeline."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peaks, self.timeline, self.stop = pid, {}, [], threading.Event()
        self.cpu: dict[int, float] = {}
        self.progress = 0.0

    def run(self):
        while not self.stop.is_set():
            total = 0
            for pid in _tree(self.pid):
                self.peaks[pid] = max(self.peaks.get(pid, 0), _status_kb(pid, "VmHWM"))
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
                total += _status_kb(pid, "VmRSS")
            self.timeline.append((self.progress, total))
            self.stop.wait(1.0)


# ---------------------------------------------------------------- databases

def _environment(backend: str, database_url: str, workdir: Path) -> dict:
    env = {**os.environ, "RECRUIT_DATABASE_URL": database_url, "RECRUIT_INSTANCE_PATH": str(workdir),
           "RECRUIT_SECRET_KEY": "benchmark", "RECRUIT_HUEY_NAME": f"bench-{secrets.token_hex(4)}",
           "RECRUIT_IMPORT_MAX_MB": "4096"}
    env.pop("RECRUIT_REDIS_URL", None)
    if backend == "pg":
        env["RECRUIT_REDIS_URL"] = REDIS_URL
    return env


# ---------------------------------------------------------------- one run

def run(backend: str, workers: int, source: Path, *, timeline: bool = False) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"recruit-bench-{backend}-"))
    database_url, drop = new_database(backend, workdir)
    env = _environment(backend, database_url, workdir)
    recruit = [sys.executable, "-m", "recruit.cli"]
    subprocess.run(recruit + ["db", "upgrade"], env=env, check=True, capture_output=True)
    os.environ.update({k: v for k, v in env.items() if k.startswith("RECRUIT_")})
    if backend == "sqlite":
        os.environ.pop("RECRUIT_REDIS_URL", None)
    from recruit import create_app
    from recruit.extensions import db
    from recruit.services import imports

    app = create_app({"HUEY_IMMEDIATE": False})
    worker = subprocess.Popen(recruit + ["worker", "-w", str(workers)], env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=open(workdir / "worker.log", "wb"))
    watch = MemoryWatch(worker.pid)
    watch.start()
    busy_before, load_before = _machine_busy(), os.getloadavg()
    try:
        with app.app_context():
            started = time.perf_counter()
            batch = imports.start_batch(imports.open_paths([str(source)]), actor_id=None, source="cli",
                                        label=f"benchmark {source.name}")
            queued = time.perf_counter() - started
            while True:
                db.session.expire_all()
                progress = imports.progress(batch.id)
                watch.progress = progress["finished"] / max(progress["total"], 1)
                if progress["done"]:
                    break
                if worker.poll() is not None:
                    raise RuntimeError(f"the worker stopped: see {workdir / 'worker.log'}")
                time.sleep(0.5)
            elapsed = time.perf_counter() - started
            busy_after, load_after = _machine_busy(), os.getloadavg()
            from sqlalchemy import func, select

            from recruit.models import Candidate, Resume

            candidates = db.session.scalar(select(func.count()).select_from(Candidate))
            parsed = db.session.scalar(select(func.count()).select_from(Resume).where(Resume.parse_status == "done"))
            db.session.remove()
            db.engine.dispose()
    finally:
        watch.stop.set()
        watch.join()
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
        app.extensions["huey"].flush() if backend == "pg" else None
        drop()
        shutil.rmtree(workdir, ignore_errors=True)
    # The consumer's own process schedules; the busiest processes are the ones that parsed.
    peaks = sorted(watch.peaks.values(), reverse=True)[:workers]
    busiest = sorted(watch.cpu.values(), reverse=True)[:workers]
    busy, total = busy_after[0] - busy_before[0], busy_after[1] - busy_before[1]
    return {"cpu_percent": [round(100 * seconds / elapsed) for seconds in busiest],
            "machine_busy_percent": round(100 * busy / total) if total else 0,
            "load": (load_before, load_after),
            "backend": backend, "workers": workers, "files": progress["total"], "counts": progress["counts"],
            "seconds": elapsed, "queue_seconds": queued, "rate": progress["total"] / elapsed,
            "candidates": candidates, "parsed": parsed, "peak_mb": [round(kb / 1024) for kb in peaks],
            "timeline": watch.timeline if timeline else None}


# ---------------------------------------------------------------- the 10,000-file batch

def make_big_batch(target: Path, size: int, seed: int = 7) -> dict:
    """``size`` files from the livecareer PDFs under new names: most altered by a trailing comment (a
    new file to parse), some exact copies (duplicates), some broken. Returns the expected counts."""
    rng = random.Random(seed)
    pdfs = sorted(DATA.rglob("*.pdf"))
    target.mkdir(parents=True, exist_ok=True)
    expected = {"done": 0, "duplicate": 0, "failed": 0}
    seen: set[bytes] = set()
    for i in range(size):
        original = pdfs[i % len(pdfs)].read_bytes()
        roll = rng.random()
        if roll < 0.03:
            data = rng.choice([original[: len(original) // 3], b"", os.urandom(5000),
                               b"%PDF-1.4\n" + os.urandom(3000)])
            kind = "failed"
        elif roll < 0.10 and i >= len(pdfs):
            data = pdfs[rng.randrange(len(pdfs))].read_bytes()  # an earlier file again, byte for byte
            kind = "duplicate"
        else:
            data = original + f"\n% copy {i}\n".encode() if i >= len(pdfs) else original
            kind = "done"
        if kind != "failed":  # a copy of a file whose first place went to a broken file is new, not a duplicate
            kind = "duplicate" if data in seen else "done"
        if kind != "failed":
            seen.add(data)
        expected[kind] += 1
        (target / f"resume-{i:05d}.pdf").write_bytes(data)
    return expected


def _per_cpu_second(result: dict) -> float:
    """Files per CPU-second the worker processes used: what one worker does with a core to itself, whatever else
    the machine was running (the figure to multiply by cores when sizing worker machines)."""
    cpu = sum(result["cpu_percent"]) / 100 * result["seconds"]
    return result["files"] / cpu if cpu else 0.0


def _subset(source: Path, count: int, target: Path) -> Path:
    """``count`` files of ``source``, every n-th in name order so each folder (job category) is in, linked into
    ``target``."""
    files = sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith("."))
    step = max(len(files) / count, 1)
    for i in range(min(count, len(files))):
        original = files[int(i * step)]
        (target / f"{i:05d}-{original.name}").symlink_to(original.resolve())
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "pg"], choices=["sqlite", "pg"])
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--source", type=Path, default=DATA, help="folder to import (default: the livecareer set)")
    parser.add_argument("--no-record", action="store_true", help="print only, leave RESULTS.md alone")
    parser.add_argument("--files", type=int, help="import only this many files of the source, spread over its folders")
    parser.add_argument("--big", type=int, help="instead, one batch of this many files (2 workers, first backend)")
    args = parser.parse_args(argv)
    command = "python -m benchmarks.import_throughput " + " ".join(argv if argv is not None else sys.argv[1:])
    sys.path.insert(0, str(ROOT))

    if args.big:
        with tempfile.TemporaryDirectory(prefix="recruit-big-") as tmp:
            expected = make_big_batch(Path(tmp) / "files", args.big)
            result = run(args.backends[0], max(args.workers), Path(tmp) / "files", timeline=True)
        counts = {k: result["counts"].get(k, 0) for k in expected}
        points = []
        for share in (0.1, 0.25, 0.5, 0.75, 1.0):
            after = [kb for p, kb in result["timeline"] if p >= share - 1e-9]
            if after:
                points.append(f"{share:.0%}: {after[0] / 1024:.0f} MB")
        body = (f"{result['files']:,} files ({args.big:,} asked) on {result['backend']} with {result['workers']} "
                f"worker processes: {result['seconds']:.0f} s, {result['rate']:.1f} files/s.\n\n"
                f"| | expected | counted |\n|---|---:|---:|\n"
                + "".join(f"| {k} | {expected[k]:,} | {counts[k]:,} |\n" for k in expected)
                + f"\nExact: {'yes' if counts == expected else 'NO'}. Candidates {result['candidates']:,}, "
                  f"parsed resumes {result['parsed']:,}. Peak RSS per worker process: "
                  f"{', '.join(f'{mb} MB' for mb in result['peak_mb'])}.\n\n"
                  f"Memory of all worker processes together as the batch went on: {'; '.join(points)}.\n")
        print(body)
        record("Bulk import: 10,000-file batch", command, body)
        return

    source = args.source
    if args.files:
        source = _subset(args.source, args.files, Path(tempfile.mkdtemp(prefix="recruit-subset-")))
    rows, rates = [], {}
    for backend in args.backends:
        for workers in args.workers:
            result = run(backend, workers, source)
            rates[(backend, workers)] = result["rate"]
            print(result)
            rows.append(f"| {'SQLite, embedded Huey' if backend == 'sqlite' else 'PostgreSQL + Redis'} | {workers} | "
                        f"{result['files']:,} | {result['seconds']:.0f} | {result['rate']:.2f} | "
                        f"{', '.join(str(mb) for mb in result['peak_mb'])} | "
                        f"{', '.join(f'{p}%' for p in result['cpu_percent'])} | {_per_cpu_second(result):.2f} | "
                        f"{result['machine_busy_percent']}% | "
                        f"{result['load'][0][0]:.1f} → {result['load'][1][0]:.1f} | "
                        f"{result['counts'].get('done', 0)}/{result['counts'].get('duplicate', 0)}/"
                        f"{result['counts'].get('failed', 0)} |")
    body = ("From the call that queues the batch to the last item final (candidate and parsed resume "
            f"committed). Source: {args.source.name}" + (f", {args.files:,} files spread over its folders" if args.files else "")
            + ". CPU per worker: the CPU time each busiest worker process used over the run's wall time "
            "(100% = one core), and the files per CPU-second they used; machine: every core's busy share over the run (all processes, not only recruit); "
            f"{os.cpu_count()} cores.\n\n| set-up | workers | files | seconds | resumes/s | peak RSS per worker (MB) | "
            "CPU per worker | resumes per worker CPU-second | machine busy | load (1 min) | done/duplicate/failed |\n"
            "|---|---:|---:|---:|---:|---|---|---:|---:|---|---|\n" + "\n".join(rows) + "\n\n")
    for backend in args.backends:
        for more in (2, 4):
            if (backend, 1) in rates and (backend, more) in rates:
                body += (f"Scaling 1 → {more} workers on {'SQLite' if backend == 'sqlite' else 'PostgreSQL + Redis'}: "
                         f"{rates[(backend, more)] / rates[(backend, 1)]:.2f}x.\n\n")
    print(body)
    if not args.no_record:
        title = "Bulk import throughput"
        if args.workers != [1, 2] or args.files:
            title += f" ({', '.join(map(str, args.workers))} workers" + (f", {args.files:,} files)" if args.files else ")")
        record(title, command, body)


if __name__ == "__main__":
    main()
