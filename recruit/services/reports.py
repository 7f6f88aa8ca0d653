"""Reports: open jobs by stage, time in stage, time to hire, and which sources bring people who get hired.

Everything is read from applications and their stage history (``StageChange``), so a report is as
true as the pipeline moves that made it.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import datetime
from statistics import median

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import SOURCES, Application, Job, JobStatus, StageChange
from recruit.models.base import as_utc, utcnow
from recruit.services import pipeline


def open_jobs_by_stage() -> dict:
    """For every open job, how many applications sit in each stage."""
    jobs = list(db.session.scalars(select(Job).where(Job.status == JobStatus.OPEN.value).order_by(Job.title)))
    counts = defaultdict(dict)
    if jobs:
        for job_id, stage, n in db.session.execute(
                select(Application.job_id, Application.stage, func.count())
                .where(Application.job_id.in_([j.id for j in jobs])).group_by(Application.job_id, Application.stage)):
            counts[job_id][stage] = n
    stages = pipeline.stages()
    return {"stages": stages, "rows": [{"job": j, "counts": counts[j.id], "total": sum(counts[j.id].values())}
                                       for j in jobs]}


def _days(a: datetime, b: datetime) -> float:
    return max(0.0, (as_utc(b) - as_utc(a)).total_seconds() / 86400)


def time_in_stage(job_id: int | None = None) -> list[dict]:
    """Mean and median days spent in each stage, over finished stays and (separately) current ones."""
    stmt = select(StageChange.application_id, StageChange.to_stage, StageChange.created_at).order_by(
        StageChange.application_id, StageChange.created_at, StageChange.id)
    if job_id:
        stmt = stmt.where(StageChange.job_id == job_id)
    finished, current = defaultdict(list), defaultdict(list)
    now = utcnow()
    previous = None
    for application_id, stage, at in db.session.execute(stmt):
        if previous and previous[0] == application_id:
            finished[previous[1]].append(_days(previous[2], at))
        elif previous:
            current[previous[1]].append(_days(previous[2], now))
        previous = (application_id, stage, at)
    if previous:
        current[previous[1]].append(_days(previous[2], now))
    out = []
    for stage in pipeline.stages():
        if stage.kind != "open":
            continue
        done, now_in = finished.get(stage.key, []), current.get(stage.key, [])
        out.append({"stage": stage.label, "key": stage.key, "moved_on": len(done),
                    "mean_days": round(sum(done) / len(done), 1) if done else None,
                    "median_days": round(median(done), 1) if done else None,
                    "waiting": len(now_in), "waiting_median_days": round(median(now_in), 1) if now_in else None})
    return out


def time_to_hire(job_id: int | None = None) -> dict:
    """Days from application to hire, per job and overall."""
    stmt = (select(Application.job_id, Application.created_at, func.min(StageChange.created_at))
            .join(StageChange, StageChange.application_id == Application.id)
            .where(StageChange.to_stage == "hired").group_by(Application.id, Application.job_id, Application.created_at))
    if job_id:
        stmt = stmt.where(Application.job_id == job_id)
    per_job = defaultdict(list)
    for job, applied_at, hired_at in db.session.execute(stmt):
        per_job[job].append(_days(applied_at, hired_at))
    titles = dict(db.session.execute(select(Job.id, Job.title).where(Job.id.in_(list(per_job)))).all()) if per_job else {}
    everything = [d for days in per_job.values() for d in days]
    return {"hires": len(everything), "median_days": round(median(everything), 1) if everything else None,
            "mean_days": round(sum(everything) / len(everything), 1) if everything else None,
            "jobs": sorted(({"job": titles.get(j, "?"), "hires": len(d), "median_days": round(median(d), 1)}
                            for j, d in per_job.items()), key=lambda r: r["job"])}


def source_effectiveness(since: datetime | None = None) -> list[dict]:
    """Per source: applications, how many reached the shortlist, an interview, an offer and a hire."""
    order = pipeline.stage_order()
    reached = {name: order[order.index(name):] if name in order else [name]
               for name in ("shortlisted", "interview", "offer", "hired")}
    visited = (select(StageChange.application_id, StageChange.to_stage)
                .distinct().subquery())
    stmt = select(Application.source, func.count(func.distinct(Application.id)))
    if since:
        stmt = stmt.where(Application.created_at >= since)
    totals = dict(db.session.execute(stmt.group_by(Application.source)).all())
    rows = {source: {"source": source, "label": SOURCES.get(source, source), "applications": n}
            for source, n in totals.items()}
    for name, stages in reached.items():
        q = (select(Application.source, func.count(func.distinct(Application.id)))
             .join(visited, visited.c.application_id == Application.id)
             .where(visited.c.to_stage.in_(stages)))
        if since:
            q = q.where(Application.created_at >= since)
        for source, n in db.session.execute(q.group_by(Application.source)):
            rows.setdefault(source, {"source": source, "label": SOURCES.get(source, source), "applications": 0})[name] = n
    out = []
    for row in rows.values():
        for name in reached:
            row.setdefault(name, 0)
        apps = row["applications"] or 0
        row["shortlist_rate"] = round(100 * row["shortlisted"] / apps, 1) if apps else None
        row["hire_rate"] = round(100 * row["hired"] / apps, 1) if apps else None
        out.append(row)
    return sorted(out, key=lambda r: (-r["applications"], r["label"]))


def to_csv(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    """Rows as CSV with a header; cells that a spreadsheet would run as formulas are defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _, label in columns])
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key)
            value = "" if value is None else value
            if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                value = "'" + value
            cells.append(value)
        writer.writerow(cells)
    return buffer.getvalue()
