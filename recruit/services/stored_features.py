"""The shortlisting scorer's features of each candidate, stored when the candidate is indexed.

``search.index_candidate`` calls ``store`` (a new or reparsed resume, a correction, a tag: whatever reindexes
the candidate) and ``search.remove`` calls ``forget`` (erasure), so a row is always the features of the
candidate's current profile. Matching the talent pool reads them with ``read``: one compact row per candidate
instead of their resume, its text and a parse into features. A row written by another scorer version counts as
missing; ``fill`` (``recruit search reindex --features``) writes the missing ones, after an upgrade.
"""
from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import undefer

from recruit.extensions import db
from recruit.models import Candidate, CandidateFeatures, ProfileCorrection, Resume
from recruit.models.base import utcnow
from recruit.services.lookup import dialect_insert, expire_loaded
from recruit.services.profiles import latest_parsed_resume, profile_for


def _format() -> str:
    from nlp.score import FEATURES_FORMAT

    return FEATURES_FORMAT


def compute(candidate_id: int, resume: Resume | None = None, fixes: dict | None = None):
    """The scorer's features of the candidate's profile (their latest parsed resume with the recruiters'
    corrections), None when they have none. ``resume`` and ``fixes`` (their corrections): when read already."""
    resume = resume or latest_parsed_resume(candidate_id)
    return features_of(resume, profile_for(candidate_id, resume, fixes=fixes) if resume else None)


def features_of(resume: Resume | None, profile: dict | None):
    """The scorer's features of a profile (``profile_for``) read from ``resume``; None without one."""
    from nlp.resume import ParsedResume
    from nlp.score import features

    if profile is None:
        return None
    return features(ParsedResume.from_dict({**profile, "text": resume.extracted_text or ""}))


def _write(rows: list[dict]) -> None:
    """Insert or replace these rows in one statement (two indexings of one candidate at once both succeed)."""
    if not rows:
        return
    insert = dialect_insert(CandidateFeatures).values(rows)
    db.session.execute(insert.on_conflict_do_update(
        index_elements=["candidate_id"],
        set_={"format": insert.excluded.format, "data": insert.excluded.data,
              "updated_at": insert.excluded.updated_at}))
    for row in rows:
        expire_loaded(CandidateFeatures, row["candidate_id"])


def _row(candidate_id: int, feats) -> dict:
    from nlp.score import features_to_dict

    return {"candidate_id": candidate_id, "format": _format(),
            "data": features_to_dict(feats) if feats is not None else None, "updated_at": utcnow()}


def store(candidate_id: int, feats) -> None:
    """Store ``feats``, the features of the candidate's current profile (``features_of``; None without one), in the
    caller's transaction."""
    _write([_row(candidate_id, feats)])


def forget(candidate_id: int) -> None:
    """Remove the candidate's stored features (in the caller's transaction)."""
    db.session.execute(CandidateFeatures.__table__.delete().where(CandidateFeatures.candidate_id == candidate_id))


def read(candidate_ids: list[int]) -> tuple[dict, list[int]]:
    """The stored features of these candidates ({id: features}, those without a parsed resume left out), and the
    ids that have none stored by this scorer version (to compute)."""
    from nlp.score import features_from_dict

    found, stored = {}, set()
    current = _format()
    for start in range(0, len(candidate_ids), 1000):
        for candidate_id, data in db.session.execute(
                select(CandidateFeatures.candidate_id, CandidateFeatures.data)
                .where(CandidateFeatures.candidate_id.in_(candidate_ids[start:start + 1000]),
                       CandidateFeatures.format == current)):
            stored.add(candidate_id)
            if data is not None:
                found[candidate_id] = features_from_dict(data)
    return found, [i for i in candidate_ids if i not in stored]


def compute_many(candidate_ids: list[int]) -> dict:
    """``compute`` for many candidates, their resumes and corrections read in two queries: {id: features or None}."""
    newest = func.row_number().over(partition_by=Resume.candidate_id,
                                    order_by=(Resume.uploaded_at.desc(), Resume.id.desc())).label("newest")
    # latest_parsed_resume's choice, for all of them at once
    latest = (select(Resume.id, newest).where(Resume.candidate_id.in_(candidate_ids), Resume.parse_status == "done",
                                              Resume.acceptance.is_(None)).subquery())
    resumes = {r.candidate_id: r for r in db.session.scalars(
        select(Resume).join(latest, latest.c.id == Resume.id).where(latest.c.newest == 1)
        .options(undefer(Resume.parsed), undefer(Resume.extracted_text)))}
    fixes = {i: {} for i in candidate_ids}
    for row in db.session.scalars(select(ProfileCorrection).where(ProfileCorrection.candidate_id.in_(candidate_ids))):
        fixes[row.candidate_id][row.field] = row
    return {i: compute(i, resumes[i], fixes[i]) if i in resumes else None for i in candidate_ids}


def fill(batch: int = 500) -> int:
    """Store the features of every candidate who has none by this scorer version (not erased ones); returns how
    many. Each batch reads its resumes in one query and commits."""
    current = _format()
    todo = (select(Candidate.id).outerjoin(CandidateFeatures, CandidateFeatures.candidate_id == Candidate.id)
            .where(Candidate.erased_at.is_(None), or_(CandidateFeatures.candidate_id.is_(None),
                                                      CandidateFeatures.format != current))
            .order_by(Candidate.id))
    ids = list(db.session.scalars(todo))
    for start in range(0, len(ids), batch):
        _write([_row(i, feats) for i, feats in compute_many(ids[start:start + batch]).items()])
        db.session.commit()
        db.session.expunge_all()
    return len(ids)
