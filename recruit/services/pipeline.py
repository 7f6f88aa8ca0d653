"""The pipeline: its stages (configured by admins) and the one way an application moves between them.

Every move, from the board, the shortlist, a bulk action or a campus drive, goes through ``move``:
it checks the transition, records who and when on the stage history, the timeline and the audit log.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Application, Candidate, Job, PipelineStage, StageChange
from recruit.models.base import utcnow
from recruit.services import bias_audit
from recruit.services.audit import record_activity, record_audit
from recruit.services.blind import labels_for
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.stages import (  # noqa: F401 (pipeline.stage_order and friends are read widely)
    DEFAULTS, all_stages, ensure_defaults, forget, get_stage, labels, stage_order, stages)
from recruit.services.text import squash
from recruit.services.webhooks import emit, iso

# ------------------------------------------------------------------ moving

# How a move reads in the decision log (other moves are logged as "stage").
DECISIONS = {"shortlisted": "shortlist", "rejected": "reject", "hired": "hire", "offer": "offer",
             "withdrawn": "withdrawn"}


@dataclass
class MoveResult:
    moved: list[int]
    skipped: list[tuple[int, str]]  # (application id, why)


def check(app: Application, target: PipelineStage, reason: str | None) -> str | None:
    """Why this move is not allowed, or None when it is."""
    if not target.active:
        return f"the {target.label} stage is retired"
    if app.stage == target.key:
        return f"already in {target.label}"
    if target.needs_reason and not (reason or "").strip():
        return f"moving to {target.label} needs a reason"
    current = next((s for s in all_stages() if s.key == app.stage), None)
    if current is not None and current.kind == "hired" and target.key != "withdrawn":
        return "a hired candidate can only be marked withdrawn"
    if target.kind == "hired":
        offer = next((s for s in all_stages() if s.key == "offer" and s.active), None)
        if offer is not None and app.stage != "offer":
            return f"only candidates at the {offer.label} stage can be hired"
    return None


def move(application_ids: list[int], to_stage: str, *, actor_id: int | None, reason: str | None = None,
         job_id: int | None = None) -> MoveResult:
    """Move applications to a stage; those that may not move are skipped with the reason."""
    target = get_stage(to_stage)
    reason = (reason or "").strip() or None
    stmt = select(Application).where(Application.id.in_(application_ids)).order_by(Application.id)
    if job_id is not None:
        stmt = stmt.where(Application.job_id == job_id)
    apps = list(db.session.scalars(stmt))
    if not apps:
        raise NotFound("No such application.")
    names = labels()
    result = MoveResult([], [])
    for app in apps:
        problem = check(app, target, reason)
        if problem:
            result.skipped.append((app.id, problem))
            continue
        old = app.stage
        now = utcnow()
        app.stage, app.stage_reason, app.stage_changed_at = target.key, reason, now
        db.session.add(StageChange(application_id=app.id, job_id=app.job_id, from_stage=old, to_stage=target.key,
                                   reason=reason, actor_id=actor_id, created_at=now))
        record_activity(app.candidate_id, "stage_changed",
                        f"{app.job.title}: {names.get(old, old)} → {target.label}" + (f" ({reason})" if reason else ""),
                        actor_id=actor_id, job_id=app.job_id, application_id=app.id,
                        data={"from": old, "to": target.key, "reason": reason})
        record_audit("application.stage", app, actor_id=actor_id, old=old, new=target.key, reason=reason)
        moved = {"application_id": app.id, "candidate_id": app.candidate_id, "job_id": app.job_id,
                 "from_stage": old, "to_stage": target.key, "reason": reason, "actor_id": actor_id,
                 "changed_at": iso(now)}
        emit("application.stage_changed", moved)
        if target.kind == "hired":
            emit("candidate.hired", {**moved, "hired_at": iso(now)})
        bias_audit.log_decision(app, DECISIONS.get(target.key, "stage"), detail=f"{old} -> {target.key}",
                                reason=reason, actor_id=actor_id)
        result.moved.append(app.id)
    db.session.commit()
    return result


def record_entry(app: Application, *, actor_id: int | None) -> None:
    """The first history row of a new application (the caller commits)."""
    db.session.add(StageChange(application_id=app.id, job_id=app.job_id, from_stage=None, to_stage=app.stage,
                               actor_id=actor_id, created_at=app.created_at or utcnow()))


# ------------------------------------------------------------------ the board


SHORT_SOURCES = {"manual": "Recruiter", "careers": "Careers page", "campus": "Campus", "import": "Import",
                 "referral": "Referral", "api": "API"}


@dataclass
class Card:
    application_id: int
    candidate_id: int
    name: str
    hidden: bool
    score: float | None
    source: str
    days_in_stage: int
    override: str | None


def board(job: Job, viewer, *, per_column: int = 50, expand: str | None = None) -> dict:
    """The job's applications as columns of cards: counts per stage and the best-scored cards of each
    (all of one column when ``expand`` names it), names as blind review lets ``viewer`` see them. Four
    queries whatever the number of stages."""
    counts = dict(db.session.execute(select(Application.stage, func.count()).where(Application.job_id == job.id)
                                     .group_by(Application.stage)).all())
    place = func.row_number().over(partition_by=Application.stage,
                                   order_by=(Application.score.desc().nulls_last(), Application.id)).label("place")
    # The cards are chosen from the job's applications alone and only they are joined to their candidates:
    # joining first made PostgreSQL hash every candidate (a scan of the whole table) for the 2,000 rows. The choice
    # reads only what the ranking index holds (stage, score, id), so SQLite ranks from the index alone and reads
    # the rest of the chosen applications only (17 -> 9 ms for 2,000 applications; benchmarks/RESULTS.md).
    ranked = select(Application.id, Application.stage, place).where(Application.job_id == job.id).subquery()
    rows = db.session.execute(
        select(Application.id, Application.candidate_id, Application.stage, Application.score, Application.source,
               Application.stage_changed_at, Application.created_at, Application.override, Candidate.name)
        .select_from(ranked).join(Application, Application.id == ranked.c.id)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .where((ranked.c.place <= per_column) | (ranked.c.stage == (expand or "")))
        .order_by(ranked.c.stage, ranked.c.place)).all()
    labels = labels_for(viewer, {row.candidate_id for row in rows}, job_id=job.id)
    by_stage: dict[str, list[Card]] = {}
    now = utcnow()
    for row in rows:
        hidden = row.candidate_id in labels
        changed = row.stage_changed_at or row.created_at
        by_stage.setdefault(row.stage, []).append(Card(
            row.id, row.candidate_id, labels[row.candidate_id] if hidden else row.name, hidden, row.score,
            SHORT_SOURCES.get(row.source, row.source), max(0, (now - changed).days) if changed else 0, row.override))
    columns = [{"stage": stage, "count": counts.get(stage.key, 0), "cards": by_stage.get(stage.key, [])}
               for stage in stages() if stage.active or counts.get(stage.key)]
    return {"columns": columns, "total": sum(counts.values())}


# ------------------------------------------------------------------ admin: configuring stages

KEY = re.compile(r"[^a-z0-9]+")


def add_stage(label: str, *, actor_id: int, after: str | None = None) -> PipelineStage:
    label = squash(label)
    if not label or len(label) > 60:
        raise InvalidInput("Give the stage a name of up to 60 characters.", field="label")
    key = KEY.sub("_", label.lower()).strip("_")[:30] or "stage"
    existing = {s.key for s in all_stages()}
    base, n = key, 2
    while key in existing:
        key, n = f"{base[:27]}_{n}", n + 1
    open_stages = [s for s in stages() if s.kind == "open"]
    anchor = next((s for s in open_stages if s.key == after), open_stages[-1] if open_stages else None)
    position = anchor.position + 1 if anchor else 0
    for s in all_stages():
        if s.position >= position:
            s.position += 1
    stage = PipelineStage(key=key, label=label, kind="open", position=position)
    db.session.add(stage)
    record_audit("pipeline.stage_add", ("pipeline_stage", key), actor_id=actor_id, label=label)
    db.session.commit()
    forget()
    return stage


def update_stage(key: str, *, actor_id: int, label: str | None = None, active: bool | None = None,
                 direction: str | None = None) -> PipelineStage:
    stage = get_stage(key)
    changes = {}
    if label is not None:
        label = squash(label)
        if not label or len(label) > 60:
            raise InvalidInput("Give the stage a name of up to 60 characters.", field="label")
        if label != stage.label:
            changes["label"] = (stage.label, label)
            stage.label = label
    if active is not None and active != stage.active:
        if stage.fixed:
            raise InvalidInput(f"The {stage.label} stage is needed by reports and cannot be retired.")
        changes["active"] = (stage.active, active)
        stage.active = active
    if direction in ("up", "down"):
        if stage.kind != "open":
            raise InvalidInput("Only the working stages can be reordered.")
        if reorder([s for s in stages(include_retired=True) if s.kind == "open"], stage, direction):
            changes["position"] = direction
    if changes:
        record_audit("pipeline.stage_update", ("pipeline_stage", key), actor_id=actor_id,
                     **{k: v for k, v in changes.items()})
        db.session.commit()
        forget()
    return stage


def reorder(order: list, item, direction: str) -> bool:
    """Swap ``item`` with its neighbour ``up`` or ``down`` the list and number their ``position`` by tens
    (stages, rejection reasons); whether it moved."""
    i = order.index(item)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(order):
        return False
    order[i], order[j] = order[j], order[i]
    for position, row in enumerate(order):
        row.position = position * 10
    return True


def usage() -> dict[str, int]:
    """How many applications are in each stage, across jobs."""
    return dict(db.session.execute(select(Application.stage, func.count()).group_by(Application.stage)).all())


def days_since(moment: datetime | None) -> int:
    return max(0, (utcnow() - moment).days) if moment else 0
