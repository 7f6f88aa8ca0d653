"""Recruiter pages under load: 100,000 candidates and 300,000 applications, the server as in production.

    python -m benchmarks.workflow_latency                       # SQLite and PostgreSQL
    python -m benchmarks.workflow_latency --backends sqlite --candidates 20000   # a quicker look

For each database: a fresh one is migrated and filled by ``generate`` (bulk inserts: candidates with
parsed resumes and search documents, ~2,000 applications per job with stage history, timeline
entries, tags), then ``recruit serve`` runs it with gunicorn (web only, ``--no-worker``) and this
process, a separate client, signs in and measures four pages with several concurrent connections:

- candidate search: words plus two filters (``/candidates/?q=...&location=...&min_years=...``)
- the search box's suggestions as a recruiter types 2, 3 or 5 letters of a skill, a title or a first name
  (``/candidates/suggest?q=...``; target 50 ms p95; not measured on ``--baseline``, which has none)
- the pipeline board of a job with 2,000 applications (``/jobs/<id>/board``)
- a candidate page (``/candidates/<id>``)
- the first page of a job's ranking (``/jobs/<id>/ranking``), 2,000 scored applications with breakdowns
- matching the talent pool for a job (``/clients/orders/<id>/match``): a pool of 400 text matches for the
  job's skills and title, each scored against the job from its stored features, the best 50 shown (a kept
  database filled before migration 0026 needs ``recruit search reindex --features`` first, about 20 minutes at
  a million; without, the match computes them)
- the JSON API's candidate list (``/api/v1/candidates?limit=100``, a recruiter's token; ``--pages api`` only)

A million (``--candidates 1000000``) takes about half an hour to generate: ``--database NAME`` (PostgreSQL) or
``--sqlite FILE`` keeps the database and reuses it on the next run, ``--generate-only`` stops after filling it.

It reports p50 and p95 latency and requests per second. ``--pages`` measures some of them only;
``--baseline DIR`` measures them again, on the same database, served from another checkout (an older
commit), so a before and an after come from one run on one machine (``--baseline-sqlite FILE``: on SQLite, from
a copy of the database at that checkout's own migration head, when this one adds a migration). Figures go to
benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlencode

from benchmarks._databases import new_database
from benchmarks._results import record

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "benchmark password 1"

FIRST = ["Aarav", "Asha", "Kavya", "Ravi", "Meera", "Arjun", "Priya", "Rahul", "Sneha", "Vikram", "Ananya", "Rohan",
         "Divya", "Karan", "Neha", "Siddharth", "Pooja", "Aditya", "Ishita", "Manish", "Fatima", "Joseph", "Grace",
         "Imran", "Lakshmi", "Nikhil", "Shreya", "Varun", "Zoya", "Harpreet"]
LAST = ["Menon", "Rao", "Kumar", "Nair", "Sharma", "Iyer", "Gupta", "Patel", "Reddy", "Singh", "Das", "Joshi",
        "Khan", "Fernandes", "Mehta", "Pillai", "Chatterjee", "Bose", "Verma", "Kapoor", "Mathew", "Ghosh"]
CITIES = ["Mumbai", "Pune", "Bengaluru", "Gurugram", "Chennai", "Hyderabad", "Kolkata", "Noida", "Jaipur", "Kochi"]
TITLES = ["Equity Research Analyst", "Credit Analyst", "Financial Analyst", "Data Analyst", "Market Research Analyst",
          "Paralegal", "Legal Analyst", "Medical Coder", "Business Analyst", "Accounts Executive", "Research Associate",
          "KYC Analyst", "Investment Banking Analyst", "Pricing Analyst", "Clinical Data Analyst"]
EMPLOYERS = ["Crisil", "Evalueserve", "Mu Sigma", "Genpact", "EXL", "WNS", "Copal Amba", "Acuity", "ICRA",
             "Motilal Oswal", "Deloitte", "Cyril Amarchand", "Optum", "Nielsen", "Kantar", "Fractal"]
SKILLS = ["Financial modelling", "Valuation", "Excel", "SQL", "Python", "Tableau", "Power BI", "Bloomberg", "R",
          "Equity research", "Credit analysis", "Accounting", "IFRS", "US GAAP", "Contract review", "Legal research",
          "Due diligence", "Medical coding", "ICD-10", "Market research", "Survey design", "SPSS", "Report writing",
          "Data visualisation", "Statistics", "Forecasting", "VBA", "Capital IQ", "FactSet", "KYC", "AML"]
DEGREES = [("MBA in Finance", "mba"), ("B.Com", "bachelor"), ("B.Tech in Computer Science", "bachelor"),
           ("M.Sc Statistics", "master"), ("LLB", "law"), ("Chartered Accountant", "ca"), ("BBA", "bachelor"),
           ("M.A. Economics", "master"), ("B.Pharm", "bachelor")]
SCHOOLS = ["Symbiosis Institute of Business Management", "Delhi University", "Anna University", "IIM Indore",
           "Christ University", "ILS Law College", "NMIMS", "Loyola College", "IIT Madras", "Jadavpur University"]
DUTIES = ["Built financial models and wrote initiation reports on listed banks",
          "Reconciled ledgers and prepared monthly management accounts",
          "Designed surveys and wrote market sizing reports for consumer clients",
          "Reviewed commercial contracts and drafted due diligence summaries",
          "Wrote SQL and built dashboards tracking churn for retail clients",
          "Coded inpatient charts with ICD-10 and audited claims",
          "Screened clients for KYC and AML risk and escalated alerts",
          "Forecast demand and priced products for an airline client"]
STAGES = [("applied", 0.40), ("screening", 0.18), ("shortlisted", 0.10), ("assessment", 0.06), ("interview", 0.06),
          ("offer", 0.02), ("hired", 0.02), ("rejected", 0.15), ("withdrawn", 0.01)]
SOURCE_KEYS = ["careers", "campus", "import", "referral", "manual"]


# ---------------------------------------------------------------- data

RANKED_JOBS = 10  # jobs whose applications carry a full score breakdown, for the ranking page


def _score_breakdown() -> dict:
    """What the scorer stores for one application (2-3 KB of JSON: criteria, evidence, the reasons)."""
    from nlp.pipeline import parse_text
    from nlp.score import score

    resume = ("Asha Menon\n\nEXPERIENCE\nEquity Research Analyst | Crisil | Mumbai\nJune 2019 - Present\n"
              "- Built financial models and valuation (DCF) of listed banks; wrote research reports.\n\n"
              "EDUCATION\nMBA in Finance, Symbiosis Institute of Business Management, 2019\n\n"
              "SKILLS\nFinancial modelling, Valuation, Bloomberg, Excel, Equity research\n")
    job = {"title": "Equity Research Analyst", "description": "Build financial models and valuation of banks.",
           "required_skills": ["Financial modelling", "Valuation", "Excel"], "preferred_skills": ["Bloomberg", "CFA"],
           "min_years": 3, "education": ["mba"]}
    return score(job, parse_text(resume, today="2026-01-01")).to_dict()


def generate(database_url: str, candidates: int, applications: int, jobs: int, seed: int = 11) -> dict:
    """Fill a migrated, empty database with a realistic KPO recruiting workload, fast (bulk inserts)."""
    from sqlalchemy import create_engine, insert, text

    from recruit.config import normalise_database_url
    from recruit.models import (Activity, Application, Candidate, Job, PipelineStage, Resume, SearchDocument,
                                SearchTerm, StageChange, StoredFile, Tag, User)
    from recruit.models.workflow import FTS_TABLE, candidate_tags
    from recruit.services.pipeline import DEFAULTS
    from werkzeug.security import generate_password_hash

    rng = random.Random(seed)
    engine = create_engine(normalise_database_url(database_url))
    sqlite = engine.dialect.name == "sqlite"
    now = datetime.now(timezone.utc)
    started = time.perf_counter()

    def batches(rows, size=5000):
        for i in range(0, len(rows), size):
            yield rows[i:i + size]

    with engine.begin() as conn:
        conn.execute(insert(User), [
            {"id": 1, "email": "admin@bench.example.com", "name": "Bench Admin", "role": "admin",
             "password_hash": generate_password_hash(PASSWORD), "is_active": True, "failed_logins": 0,
             "created_at": now},
            {"id": 2, "email": "recruiter@bench.example.com", "name": "Bench Recruiter", "role": "recruiter",
             "password_hash": generate_password_hash(PASSWORD), "is_active": True, "failed_logins": 0,
             "created_at": now}])
        conn.execute(insert(PipelineStage), [{"key": k, "label": label, "kind": kind, "position": i * 10, "active": True}
                                             for i, (k, label, kind) in enumerate(DEFAULTS)])
        conn.execute(insert(Job), [{
            "id": j + 1, "title": f"{TITLES[j % len(TITLES)]} {j + 1}", "slug": f"bench-job-{j + 1}",
            "location": CITIES[j % len(CITIES)], "employment_type": "full_time",
            "description": "Research and analysis for a global client.", "required_skills": rng.sample(SKILLS, 3),
            "preferred_skills": rng.sample(SKILLS, 2), "min_years": rng.choice([0, 1, 2, 3, 5]), "education": "",
            "openings": 3, "status": "open", "owner_id": 2, "created_at": now - timedelta(days=200),
            "updated_at": now, "shortlist_size": 10, "blind_review": False, "blind_until_stage": "interview"}
            for j in range(jobs)])
        texts = []
        for i in range(40):  # a handful of distinct files behind the resumes
            body = f"Resume sample {i}\n" + "\n".join(rng.sample(DUTIES, 4))
            texts.append((f"{i:064x}", body))
        conn.execute(insert(StoredFile), [{"sha256": sha, "size": len(body), "data": body.encode(), "created_at": now}
                                          for sha, body in texts])
        conn.execute(insert(Tag), [{"id": i + 1, "name": name} for i, name in
                                   enumerate(["campus-2026", "night-shift", "client-ready", "relocate", "cfa-l2"])])

        cand_rows, resume_rows, doc_rows, fts_rows, activity_rows, tag_rows = [], [], [], [], [], []
        activities = 0

        def flush_candidates():
            # Written every 10,000 candidates, so a million never sits in memory at once.
            nonlocal activities
            for rows, table in ((cand_rows, Candidate), (resume_rows, Resume), (doc_rows, SearchDocument),
                                (activity_rows, Activity)):
                for chunk in batches(rows):
                    conn.execute(insert(table), chunk)
            for chunk in batches(fts_rows):
                conn.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (:rowid, :body)"), chunk)
            for chunk in batches(tag_rows):
                conn.execute(insert(candidate_tags), chunk)
            activities += len(activity_rows)
            for rows in (cand_rows, resume_rows, doc_rows, fts_rows, activity_rows, tag_rows):
                rows.clear()

        for cid in range(1, candidates + 1):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            city = rng.choice(CITIES)
            title, employer = rng.choice(TITLES), rng.choice(EMPLOYERS)
            skills = rng.sample(SKILLS, rng.randint(4, 10))
            degree, level = rng.choice(DEGREES)
            school = rng.choice(SCHOOLS)
            years = round(rng.uniform(0, 15), 1)
            start = 2026 - int(years)
            added = now - timedelta(days=rng.uniform(0, 720))
            email = f"{name.lower().replace(' ', '.')}.{cid}@example.com"
            cand_rows.append({"id": cid, "name": name, "email": email, "phone": f"+9198{rng.randint(10000000, 99999999)}",
                              "location": city, "headline": f"{title} at {employer}", "source": rng.choice(SOURCE_KEYS),
                              "created_at": added, "updated_at": added, "created_by_id": 2})
            duties = rng.sample(DUTIES, 2)
            text_body = (f"{name}\n{city} | {email}\n\nEXPERIENCE\n{title} | {employer} | {city}\n{start} - Present\n"
                         f"- {duties[0]}.\n- {duties[1]}.\n\nEDUCATION\n{degree}, {school}, {start}\n\n"
                         f"SKILLS\n{', '.join(skills)}\n")
            parsed = {"name": name, "emails": [email], "phones": [], "links": [], "location": city,
                      "education": [{"institution": school, "degree": degree, "field": None, "start": None,
                                     "end": str(start), "grade": None}],
                      "experience": [{"employer": employer, "title": title, "location": city, "start": str(start),
                                      "end": "present", "description": ". ".join(duties)}],
                      "skills": [{"name": s, "category": "analytics"} for s in skills], "languages": ["English"],
                      "certifications": [], "total_experience_years": years, "sections": [], "evidence": {},
                      "warnings": []}
            resume_rows.append({"id": cid, "candidate_id": cid, "sha256": texts[cid % len(texts)][0],
                                "filename": f"{name.replace(' ', '_')}.pdf", "file_type": "pdf", "size": 48_000,
                                "extracted_text": text_body, "parsed": parsed, "parse_status": "done",
                                "parser_version": "recruit-nlp/0.2.0", "parsed_at": added, "uploaded_at": added,
                                "confidence": {"name": 0.9}})
            body = "\n".join([name, f"{title} at {employer}", city, email, title, employer, degree, school]
                             + skills) + "\n" + text_body
            doc_rows.append({"candidate_id": cid, "body": body,
                             "skills": "|" + "|".join(s.lower() for s in skills) + "|", "degrees": f"|{level}|",
                             "institutions": f"|{school.lower()}|", "years": years, "updated_at": added,
                             "location": city.lower(), "name": name.lower()})
            if sqlite:
                fts_rows.append({"rowid": cid, "body": body})
            activity_rows += [{"candidate_id": cid, "kind": "created", "summary": "Added from the careers page",
                               "created_at": added, "actor_id": None},
                              {"candidate_id": cid, "kind": "parsed", "summary": "Resume parsed",
                               "created_at": added + timedelta(minutes=1), "actor_id": None}]
            if rng.random() < 0.2:
                tag_rows.append({"candidate_id": cid, "tag_id": rng.randint(1, 5)})
            if cid % 10_000 == 0:
                flush_candidates()
                if cid % 100_000 == 0:
                    print(f"generated {cid:,} candidates in {time.perf_counter() - started:.0f} s", flush=True)
        flush_candidates()
        conn.execute(insert(SearchTerm), [{"folded": v.lower(), "kind": kind, "value": v}
                                          for kind, values in (("skill", SKILLS), ("title", TITLES)) for v in values])

        app_rows, change_rows = [], []
        weights = [w for _, w in STAGES]
        breakdown = _score_breakdown()
        per_job = applications // jobs
        aid = 0
        for j in range(1, jobs + 1):
            chosen = rng.sample(range(1, candidates + 1), min(per_job, candidates))
            for cid in chosen:
                aid += 1
                stage = rng.choices([s for s, _ in STAGES], weights)[0]
                applied = now - timedelta(days=rng.uniform(1, 180))
                changed = applied + timedelta(days=rng.uniform(0, 20)) if stage != "applied" else applied
                app_rows.append({"id": aid, "candidate_id": cid, "job_id": j, "stage": stage,
                                 "stage_reason": "Not enough experience" if stage == "rejected" else None,
                                 "stage_changed_at": changed, "score": (score := round(rng.uniform(10, 95), 1)),
                                 "score_breakdown": {**breakdown, "score": score} if j <= RANKED_JOBS else None,
                                 "source": rng.choice(SOURCE_KEYS), "created_at": applied, "updated_at": changed})
                change_rows.append({"application_id": aid, "job_id": j, "from_stage": None, "to_stage": "applied",
                                    "created_at": applied, "actor_id": None})
                if stage != "applied":
                    change_rows.append({"application_id": aid, "job_id": j, "from_stage": "applied", "to_stage": stage,
                                        "created_at": changed, "actor_id": 2})
                activity_rows.append({"candidate_id": cid, "kind": "applied", "summary": f"Applied to job {j}",
                                      "created_at": applied, "actor_id": None, "job_id": j, "application_id": aid})
        for rows, table in ((app_rows, Application), (change_rows, StageChange), (activity_rows, Activity)):
            for chunk in batches(rows):
                conn.execute(insert(table), chunk)
        activities += len(activity_rows)
        if engine.dialect.name == "postgresql":
            for table in ("users", "jobs", "candidates", "resumes", "applications", "tags"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    with engine.begin() as conn:  # committed, or PostgreSQL throws the statistics away
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return {"candidates": candidates, "applications": aid, "stage_changes": len(change_rows),
            "activities": activities, "seconds": time.perf_counter() - started}


# ---------------------------------------------------------------- the client

class Session:
    """One signed-in browser-like connection (cookies, keep-alive)."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data, dict(response.getheaders())

    def sign_in(self, email: str) -> None:
        _, page, _ = self.request("GET", "/auth/login")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page) or \
            re.search(rb'name="csrf_token" value="([^"]+)"', page)
        status, _, _ = self.request("POST", "/auth/login", urlencode(
            {"csrf_token": token.group(1).decode(), "email": email, "password": PASSWORD}))
        if status != 302:
            raise RuntimeError(f"sign-in failed: {status}")


def signed_in(port: int) -> Session:
    session = Session(port)
    session.sign_in("recruiter@bench.example.com")
    return session


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(server_group: int | None, postgres: bool = True) -> dict:
    """CPU seconds used so far by the server's processes (the process group ``recruit serve`` leads), by
    PostgreSQL's processes (all of them: other work on the server counts too), and by the whole machine (busy
    time of every core), read from Linux's /proc; empty elsewhere. Per page, the differences say where a
    request's time goes and how busy the cores were."""
    if server_group is None or not os.path.exists("/proc/stat"):
        return {}
    app = database = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as fh:
                line = fh.read()
        except OSError:
            continue  # ended meanwhile
        name, rest = line[line.index("(") + 1:line.rindex(")")], line[line.rindex(")") + 2:].split()
        used = int(rest[11]) + int(rest[12])  # utime, stime (fields 14 and 15 of the line)
        if int(rest[2]) == server_group:
            app += used
        elif postgres and name.startswith("postgres"):
            database += used
    with open("/proc/stat", encoding="ascii") as fh:
        user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fh.readline().split()[1:9])
    busy = user + nice + system + irq + softirq + steal
    return {"app": app / TICK, "database": database / TICK, "busy": busy / TICK, "all": (busy + idle + iowait) / TICK}


def measure(port: int, paths, *, concurrency: int, seconds: float, warmup: int = 10, connect=signed_in,
            server_group: int | None = None, postgres: bool = True) -> dict:
    """Hit ``paths()`` (a function giving the next path) from ``concurrency`` connections made by ``connect(port)``
    (signed-in browser sessions unless told otherwise). Given the server's process group, the answer also says the
    server's and the database's CPU milliseconds per request and how busy the machine's cores were meanwhile."""
    sessions = [connect(port) for _ in range(concurrency)]
    for _ in range(warmup):
        sessions[0].request("GET", paths())
    cpu_before = cpu_seconds(server_group, postgres)
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.perf_counter() + seconds

    def run(session):
        mine, bad = [], 0
        while time.perf_counter() < deadline:
            path = paths()
            t0 = time.perf_counter()
            status, _, _ = session.request("GET", path)
            mine.append(time.perf_counter() - t0)
            if status != 200:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors.append(bad)

    threads = [threading.Thread(target=run, args=(s,)) for s in sessions]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    answer = {"requests": len(latencies), "errors": sum(errors), "p50": pct(0.50), "p95": pct(0.95),
              "rps": len(latencies) / elapsed}
    cpu_after = cpu_seconds(server_group, postgres)
    if cpu_before and cpu_after and latencies:
        used = {k: cpu_after[k] - cpu_before[k] for k in cpu_after}
        answer.update(app_cpu_ms=used["app"] * 1000 / len(latencies),
                      db_cpu_ms=used["database"] * 1000 / len(latencies) if postgres else None,
                      busy=used["busy"] / used["all"] if used["all"] else 0.0)
    return answer


# ---------------------------------------------------------------- one database

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(recruit: list[str], env: dict, port: int, workdir: Path, processes: int, cwd: str | None = None):
    """``recruit serve`` (web only) on ``port``, from the checkout ``cwd`` (this one by default); returns once
    it answers."""
    if cwd:
        env = {**env, "PYTHONPATH": cwd}
    server = subprocess.Popen(recruit + ["serve", "--host", "127.0.0.1", "--port", str(port), "--no-worker",
                                         "--processes", str(processes)], cwd=cwd,
                              env=env, stdout=subprocess.DEVNULL, stderr=open(workdir / f"server-{port}.log", "wb"),
                              start_new_session=True)
    for _ in range(120):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/healthz")
            break
        except OSError:
            time.sleep(0.5)
    return server


def _stop(server) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def _commit(checkout: str | Path) -> str:
    return subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip() or "?"


def _label(checkout: Path) -> str:
    """The commit of a checkout, or its directory's name for an exported one (``git archive``)."""
    commit = _commit(checkout)
    return commit if commit != "?" else checkout.name


def run(backend: str, args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"recruit-latency-{backend}-"))
    if args.database and backend == "pg":
        url, drop = kept_database(args.database), (lambda: None)
    elif args.sqlite and backend == "sqlite":
        url, drop = f"sqlite:///{args.sqlite.resolve()}", (lambda: None)
    else:
        url, drop = new_database(backend, workdir, prefix="recruit_latency")
    env = {**os.environ, "RECRUIT_DATABASE_URL": url, "RECRUIT_INSTANCE_PATH": str(workdir),
           "RECRUIT_SECRET_KEY": "benchmark", "RECRUIT_HUEY_NAME": f"latency-{secrets.token_hex(4)}",
           "RECRUIT_LOGIN_RATE_LIMIT": "1000 per minute",
           "RECRUIT_API_RATE_LIMIT": "1000000 per minute"}
    env.pop("RECRUIT_REDIS_URL", None)
    recruit = [sys.executable, "-m", "recruit.cli"]
    server = None
    try:
        subprocess.run(recruit + ["db", "upgrade"], env=env, check=True, capture_output=True)
        kept = (args.database and backend == "pg") or (args.sqlite and backend == "sqlite")
        data = existing_data(url) if kept else None
        if data is None:
            data = generate(url, args.candidates, args.applications, args.jobs)
            # The scorer's stored features, as indexing writes them (the generator writes search documents
            # directly): the talent pool match reads them.
            subprocess.run(recruit + ["search", "reindex", "--features"], env=env, check=True, capture_output=True)
            print(f"{backend}: generated {data}", flush=True)
        else:
            print(f"{backend}: reusing {url}: {data}", flush=True)
        data["size"] = database_size(url)
        if args.generate_only:
            return {"backend": backend, "data": data, "results": {}}
        port = _free_port()
        server = _serve(recruit, env, port, workdir, args.processes)
        rng = random.Random(5)
        words = ["equity research", "financial modelling", "credit analysis", "market research", "contract review",
                 "sql dashboards", "medical coding", "valuation", "kyc", "forecasting"]

        def search_path():
            return "/candidates/?" + urlencode({"q": rng.choice(words), "location": rng.choice(CITIES),
                                                "min_years": rng.choice([1, 2, 3, 5])})

        typed = [w[:n] for w in SKILLS + TITLES + FIRST for n in (2, 3, 5) if len(w) >= n]

        pages = {
            "candidate search (words + 2 filters)": search_path,
            "search box suggestions (2-5 letters typed)":
                lambda: "/candidates/suggest?" + urlencode({"q": rng.choice(typed)}),
            f"job board ({args.applications // args.jobs:,} applications)":
                lambda: f"/jobs/{rng.randint(1, args.jobs)}/board",
            "candidate page": lambda: f"/candidates/{rng.randint(1, args.candidates)}",
            f"ranking, first page ({args.applications // args.jobs:,} applications)":
                lambda: f"/jobs/{rng.randint(1, min(RANKED_JOBS, args.jobs))}/ranking",
            f"match the talent pool ({args.candidates:,} candidates)":
                lambda: f"/clients/orders/{rng.randint(1, args.jobs)}/match",
        }
        connects = {}
        if "api" in args.pages:
            from benchmarks.api_latency import TokenSession, _token

            token = _token(env)
            label = "API list, GET /api/v1/candidates?limit=100 (a random page)"
            pages[label] = lambda: f"/api/v1/candidates?limit=100&cursor={rng.randint(0, args.candidates - 100)}"
            connects[label] = lambda port: TokenSession(port, token)
        pages = {label: paths for label, paths in pages.items() if _chosen(label, args.pages)}
        results = {}
        load_before = os.getloadavg()
        for label, paths in pages.items():
            results[label] = measure(port, paths, concurrency=args.concurrency, seconds=args.seconds,
                                     warmup=args.warmup, connect=connects.get(label, signed_in),
                                     server_group=server.pid, postgres=backend == "pg")
            print(backend, label, results[label], flush=True)
        if args.baseline:
            _stop(server)
            if backend == "sqlite" and args.baseline_sqlite:
                # A copy at the baseline's own migration head, when this checkout adds a migration.
                env = {**env, "RECRUIT_DATABASE_URL": f"sqlite:///{args.baseline_sqlite.resolve()}"}
                subprocess.run(recruit + ["db", "upgrade"], env={**env, "PYTHONPATH": str(args.baseline)},
                               cwd=str(args.baseline), check=True, capture_output=True)
            server = _serve(recruit, env, port, workdir, args.processes, cwd=str(args.baseline))
            before = f"before: {_label(args.baseline)}"
            for label, paths in pages.items():
                if connects.get(label, signed_in)(port).request("GET", paths())[0] == 404:
                    continue  # new here: the older checkout has no such page
                rng.seed(5)
                results[f"{label}, {before}"] = measure(port, paths, concurrency=args.concurrency,
                                                        seconds=args.seconds, warmup=args.warmup,
                                                        connect=connects.get(label, signed_in),
                                                        server_group=server.pid, postgres=backend == "pg")
                print(backend, label, before, results[f"{label}, {before}"], flush=True)
        return {"backend": backend, "data": data, "results": results, "load": (load_before, os.getloadavg())}
    finally:
        if server is not None:
            _stop(server)
        drop()
        shutil.rmtree(workdir, ignore_errors=True)


def kept_database(name: str) -> str:
    """The URL of the PostgreSQL database ``name``, created if missing; kept after the run (``--database``)."""
    import psycopg

    from benchmarks._databases import PG_URL

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return PG_URL.rsplit("/", 1)[0] + "/" + name


def existing_data(url: str) -> dict | None:
    """What a kept database already holds (``None`` when it has no candidates yet, so it is generated)."""
    from sqlalchemy import create_engine, text

    from recruit.config import normalise_database_url

    engine = create_engine(normalise_database_url(url))
    with engine.connect() as conn:
        counts = {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                  for table in ("candidates", "applications", "stage_changes", "activities")}
    engine.dispose()
    if not counts["candidates"]:
        return None
    return {"candidates": counts["candidates"], "applications": counts["applications"],
            "stage_changes": counts["stage_changes"], "activities": counts["activities"], "seconds": 0.0}


def database_size(url: str) -> str:
    """The database's size on disk, as PostgreSQL or the SQLite file says."""
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        return f"{path.stat().st_size / 2**20:,.0f} MB"
    from sqlalchemy import create_engine, text

    from recruit.config import normalise_database_url

    engine = create_engine(normalise_database_url(url))
    with engine.connect() as conn:
        size = conn.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))")).scalar()
    engine.dispose()
    return size


PAGE_KEYS = {"search": "candidate search", "suggest": "search box suggestions", "board": "job board",
             "candidate": "candidate page",
             "ranking": "ranking", "match": "match the talent pool", "api": "API list"}


def _target(label: str) -> float:
    """The p95 a page must stay under, in ms: suggestions answer as the recruiter types."""
    if label.startswith(PAGE_KEYS["suggest"]):
        return 50
    return 300 if label.startswith(PAGE_KEYS["search"]) and MILLION[0] else 150


MILLION = [False]  # set by main: at a million candidates, search's target is 300 ms (issue 24)


def _chosen(label: str, keys: list[str]) -> bool:
    return any(label.startswith(PAGE_KEYS[key]) for key in keys)


def table_rows(outcomes: list[dict], *, cpu_columns: bool = False) -> list[str]:
    """One Markdown row per database and page: p50, p95, requests per second, requests, errors, p95 under target
    (and, with ``cpu_columns``, the server's and the database's CPU ms per request and how busy the cores were)."""
    rows = []
    for outcome in outcomes:
        name = "SQLite" if outcome["backend"] == "sqlite" else "PostgreSQL"
        for label, r in outcome["results"].items():
            cpu = ""
            if cpu_columns:
                database = "" if r.get("db_cpu_ms") is None else f"{r['db_cpu_ms']:.0f}"
                cpu = f" {r['app_cpu_ms']:.0f} | {database} | {r['busy']:.0%} |" if "busy" in r else " | | |"
            rows.append(f"| {name} | {label} | {r['p50']:.0f} | {r['p95']:.0f} | {r['rps']:.1f} | {r['requests']:,} | "
                        f"{r['errors']} | {'yes' if r['p95'] < _target(label) else 'NO'} |{cpu}")
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "pg"], choices=["sqlite", "pg"])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=300_000)
    parser.add_argument("--jobs", type=int, default=150)
    parser.add_argument("--concurrency", type=int, default=4, help="simultaneous signed-in connections")
    parser.add_argument("--seconds", type=float, default=20, help="per page")
    parser.add_argument("--warmup", type=int, default=10, help="requests per page before measuring")
    parser.add_argument("--processes", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--pages", nargs="+", default=list(PAGE_KEYS), choices=list(PAGE_KEYS),
                        help="which pages to measure")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="also serve the same database from this checkout (an older commit) and measure again")
    parser.add_argument("--baseline-sqlite", type=Path, metavar="FILE",
                        help="SQLite: serve --baseline from this copy of --sqlite instead, upgraded by the baseline's "
                             "own migrations (for a checkout that adds one)")
    parser.add_argument("--database", metavar="NAME",
                        help="PostgreSQL: use (and keep) this database, generating it only if it has no candidates")
    parser.add_argument("--sqlite", type=Path, metavar="FILE",
                        help="SQLite: use (and keep) this file, generating it only if it has no candidates")
    parser.add_argument("--generate-only", action="store_true", help="fill the database(s) and stop")
    parser.add_argument("--title", help="the heading of this run's section in RESULTS.md")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)
    command = "python -m benchmarks.workflow_latency " + " ".join(argv if argv is not None else sys.argv[1:])
    sys.path.insert(0, str(ROOT))
    MILLION[0] = args.candidates >= 1_000_000
    outcomes = [run(backend, args) for backend in args.backends]
    if args.generate_only:
        print(outcomes)
        return
    rows = table_rows(outcomes, cpu_columns=True)
    data = outcomes[0]["data"]
    body = (f"{data['candidates']:,} candidates (each with a parsed resume and a search document), "
            f"{data['applications']:,} applications over {args.jobs} jobs, {data['stage_changes']:,} stage changes, "
            f"{data['activities']:,} timeline entries. Served by `recruit serve --no-worker --processes "
            f"{args.processes}` (gunicorn, 8 threads per process); measured from a separate client process with "
            f"{args.concurrency} signed-in keep-alive connection{'s' if args.concurrency != 1 else ''}, {args.seconds:.0f} s per page, random pages "
            f"(queries, jobs, candidates) each time. Database size: "
            + ", ".join(f"{'SQLite' if o['backend'] == 'sqlite' else 'PostgreSQL'} {o['data']['size']}" for o in outcomes)
            + ". Load average (1, 5, 15 min) as the measuring began and ended: "
            + "; ".join(f"{'SQLite' if o['backend'] == 'sqlite' else 'PostgreSQL'} "
                        + " -> ".join(", ".join(f"{x:.1f}" for x in t) for t in o["load"]) for o in outcomes)
            + "."
            + (f" Lines marked 'before' are the same pages served from {args.baseline} (commit "
               f"{_label(args.baseline)}) on the same database"
               + (f" (SQLite: its copy {args.baseline_sqlite}, at the baseline's migration head)"
                  if args.baseline_sqlite else "") + f", right after; the others are commit {_commit(ROOT)}."
               if args.baseline else "") + "\n\n"
            "The CPU columns are per request, read from /proc over each page's run: the server's processes (app) and "
            "PostgreSQL's (db; on SQLite the database works inside the app's processes); 'cores busy' is the share of "
            "both cores' time the whole machine used meanwhile, this run and anything else on it. Near 100%, a request "
            "waits for a core and p95 grows with the queue, not with the page.\n\n"
            "| database | page | p50 ms | p95 ms | requests/s | requests | errors | p95 under target (150 ms; "
            + ("search 300 ms at a million; " if MILLION[0] else "") + "suggestions 50 ms) | app CPU ms | db CPU ms | "
            "cores busy |\n"
            "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|\n" + "\n".join(rows) + "\n")
    print(body)
    if not args.no_record:
        pages = "The talent pool match" if args.pages == ["match"] else "Recruiter pages"
        record(args.title or f"{pages} under load ({data['candidates']:,} candidates, {args.concurrency} "
               f"connection{'s' if args.concurrency != 1 else ''})", command, body)


if __name__ == "__main__":
    main()
