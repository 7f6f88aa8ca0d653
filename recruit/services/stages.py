"""The pipeline's stages and their order: read by the board, scoring, blind review and the audit log, so it
depends on none of them (moving applications between stages is ``pipeline``)."""
from __future__ import annotations

from flask import g, has_request_context
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from recruit.extensions import db
from recruit.models import PipelineStage
from recruit.services.errors import InvalidInput

DEFAULTS = [("applied", "Applied", "open"), ("screening", "Screening", "open"),
            ("shortlisted", "Shortlisted", "open"), ("assessment", "Assessment", "open"),
            ("interview", "Interview", "open"), ("offer", "Offer", "open"), ("hired", "Hired", "hired"),
            ("rejected", "Rejected", "closed"), ("withdrawn", "Withdrawn", "closed")]


def ensure_defaults() -> None:
    """Create the default stages on a new database (idempotent)."""
    if db.session.scalar(select(func.count()).select_from(PipelineStage)):
        return
    try:
        with db.session.begin_nested():  # two first requests at once: one of them seeds
            for position, (key, label, kind) in enumerate(DEFAULTS):
                db.session.add(PipelineStage(key=key, label=label, kind=kind, position=position * 10))
    except IntegrityError:
        pass
    db.session.commit()


def all_stages() -> list[PipelineStage]:
    """Every stage, retired ones too; read once per request (pages ask many times)."""
    if has_request_context() and "pipeline_stages" in g:
        return g.pipeline_stages
    ensure_defaults()
    found = list(db.session.scalars(select(PipelineStage).order_by(PipelineStage.position, PipelineStage.id)))
    if has_request_context():
        g.pipeline_stages = found
    return found


def forget() -> None:
    """Drop this request's copy of the stages (they were just changed)."""
    if has_request_context():
        g.pop("pipeline_stages", None)


def stages(*, include_retired: bool = False) -> list[PipelineStage]:
    """Stages in board order: open ones, then hired, then the closed ones."""
    order = {"open": 0, "hired": 1, "closed": 2}
    found = [s for s in all_stages() if s.active or include_retired]
    return sorted(found, key=lambda s: (order[s.kind], s.position, s.id))


def stage_order() -> list[str]:
    """Keys of the active open stages and hired, in order (how far along an application is)."""
    return [s.key for s in stages() if s.kind != "closed"]


def labels() -> dict[str, str]:
    """Every stage's label by its key, retired stages too."""
    return {s.key: s.label for s in stages(include_retired=True)}


def get_stage(key: str) -> PipelineStage:
    """The stage called ``key``, retired or not; ``InvalidInput`` when there is none."""
    stage = next((s for s in all_stages() if s.key == key), None)
    if stage is None:
        raise InvalidInput(f"There is no stage called {key!r}.")
    return stage
