"""Shortlisting: scores per application, the ranked list, overrides with reasons, blind review settings
and the bias audit (who is hidden from whom: services/blind.py). Scores are computed on the worker; pages
read the stored score and breakdown."""
from __future__ import annotations

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import defer, joinedload

from recruit.extensions import db
from recruit.models import Application, Job, SelfIdAnswer, User
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit, task
from recruit.services import blind, pipeline, stored_features
from recruit.services.audit import record_activity, record_audit
from recruit.services.bias_audit import log_decision
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.stages import stage_order

CRITERIA = ("required_skills", "preferred_skills", "title_fit", "experience", "education", "domain_fit", "relevance",
            "kpo_aptitude", "seniority")  # nlp.score.DEFAULT_WEIGHTS, without loading the pipeline on the web side
# Stages that count as "selected" for the bias audit: the candidate got past screening.
def selected_stages() -> list[str]:
    """Stages that count as selected in the bias audit: shortlisted and every stage after it."""
    order = stage_order()
    return order[order.index("shortlisted"):] if "shortlisted" in order else []
NO_ANSWER = "No answer"
FEW = 5  # a group this small gives rates that swing with one decision; the page says so


# ------------------------------------------------------------------ scoring (worker side)

def job_profile(job: Job):
    from nlp.score import JobProfile

    return JobProfile(title=job.title, description=job.description or "", required_skills=job.required_skills or [],
                      preferred_skills=job.preferred_skills or [], min_years=job.min_years or 0,
                      education=[job.education] if job.education else [], weights=job.scoring_weights or {})


def _features(candidate_id: int):
    return stored_features.compute(candidate_id)


def _store(application: Application, scorer, feats) -> None:
    if application.human_review_requested:  # the candidate asked for a person: the scorer is left out
        application.score, application.score_breakdown = None, None
    elif feats is None:
        application.score, application.score_breakdown = None, None
    else:
        result = scorer.score(feats).to_dict()
        application.score, application.score_breakdown = result["score"], result
    application.scored_at = utcnow()


@task()
def score_applications(application_ids: list[int]) -> int:
    """(Re)score these applications from their candidates' current profiles; returns how many."""
    from nlp.score import Scorer

    if not application_ids:
        return 0  # nothing to write: no transaction (imports call this for every new candidate)
    apps = db.session.scalars(select(Application).where(Application.id.in_(application_ids))
                              .options(joinedload(Application.job))).all()
    scorers, cache = {}, {}
    for app in apps:
        if app.job_id not in scorers:
            scorers[app.job_id] = Scorer(job_profile(app.job))
        if app.candidate_id not in cache:
            cache[app.candidate_id] = _features(app.candidate_id)
        _store(app, scorers[app.job_id], cache[app.candidate_id])
    db.session.commit()
    return len(apps)


@task()
def rescore_job(job_id: int) -> int:
    ids = list(db.session.scalars(select(Application.id).where(Application.job_id == job_id)))
    return score_applications(ids)


@task()
def rescore_candidate(candidate_id: int) -> int:
    ids = list(db.session.scalars(select(Application.id).where(Application.candidate_id == candidate_id)))
    return score_applications(ids)


def rescore_outdated(everything: bool = False, batch: int = 200) -> int:
    """Queue the scored applications whose score an older scorer made (all of them with ``everything``),
    in batches for the workers; returns how many. Unscored ones wait for their resume's parse."""
    from nlp.score import SCORER_VERSION

    stmt = select(Application.id).where(Application.score.is_not(None))
    if not everything:  # the version inside the JSON (json_extract on SQLite, ->> on PostgreSQL)
        scorer = Application.score_breakdown["scorer"].as_string()
        stmt = stmt.where(or_(scorer.is_(None), scorer != SCORER_VERSION))
    ids = list(db.session.scalars(stmt.order_by(Application.id)))
    for start in range(0, len(ids), batch):
        enqueue_after_commit(score_applications, ids[start:start + batch])
    db.session.commit()
    return len(ids)


# ------------------------------------------------------------------ the ranked list (web side)

def _ranking(job_id: int, *columns):
    """A job's open applications, best first: promoted ones on top, demoted ones at the bottom, unscored
    (resume not parsed yet) after the scored; ties by age. Sorted by the database, so a page of a long
    ranking reads only its own rows."""
    band = case((Application.override == "promote", 0), (Application.override == "demote", 2), else_=1)
    return (select(*(columns or (Application,)))
            .where(Application.job_id == job_id, Application.stage.notin_(("rejected", "withdrawn")))
            .order_by(band, Application.score.is_(None), Application.score.desc(), Application.id))


def _ranked_applications(job_id: int):
    return _ranking(job_id).options(joinedload(Application.candidate))


def ranked(job_id: int) -> list[Application]:
    """The whole ranking (see ``_ranking``), with the candidates loaded; each breakdown (2-3 KB of JSON)
    only when it is read."""
    return list(db.session.scalars(_ranked_applications(job_id).options(defer(Application.score_breakdown))))


def ranked_page(job_id: int, page: int, per_page: int):
    """One page of the ranking: a job with thousands of applicants reads only the rows it shows. The page is
    cut from the ranking's ids (the database sorts narrow rows, not every breakdown of 2-4 KB), then only its
    own applications and candidates are loaded, in the ranking's order."""
    pagination = db.paginate(_ranking(job_id, Application.id), page=max(page, 1), per_page=per_page,
                             error_out=False, count=True)
    pagination.items = _load_ranked(list(pagination.items))
    return pagination


def ranked_slice(job_id: int, start: int, limit: int) -> tuple[list[Application], bool]:
    """``limit`` applications of the ranking from position ``start`` (from 0), and whether more follow: for a
    client walking the ranking a page at a time, which needs no total (counting sorts the job's rows again)."""
    ids = list(db.session.scalars(_ranking(job_id, Application.id).offset(start).limit(limit + 1)))
    return _load_ranked(ids[:limit]), len(ids) > limit


def _load_ranked(ids: list[int]) -> list[Application]:
    """The applications of ``ids`` with their candidates, in that order."""
    loaded = {a.id: a for a in db.session.scalars(
        select(Application).where(Application.id.in_(ids)).options(joinedload(Application.candidate)))
        } if ids else {}
    return [loaded[i] for i in ids if i in loaded]


RANKING_COLUMNS = [("rank", "Rank"), ("applicant", "Applicant"), ("score", "Score"), ("reasons", "Reasons"),
                   ("required_skills", "Required skills %"), ("preferred_skills", "Preferred skills %"),
                   ("title_fit", "Title fit %"), ("experience", "Experience %"), ("education", "Education %"),
                   ("domain_fit", "Domain fit %"), ("relevance", "Search relevance %"),
                   ("kpo_aptitude", "KPO aptitude %"), ("seniority", "Seniority %"), ("stage", "Stage"),
                   ("suggested", "Suggested shortlist"),
                   ("override", "Override"), ("override_reason", "Override reason")]


def ranking_rows(job: Job, viewer: User) -> list[dict]:
    """The whole ranking as rows for a spreadsheet a recruiter hands a hiring manager: the reasons and each
    criterion's points; names only where blind review lets this viewer see them. Criteria the job does not
    count are left empty."""
    suggested = suggested_shortlist(job)
    rows = []
    apps = list(db.session.scalars(_ranked_applications(job.id)))
    labels = blind.labels_for(viewer, {app.candidate_id for app in apps}, job_id=job.id)
    for rank, app in enumerate(apps, 1):
        breakdown = app.score_breakdown or {}
        points = {c["name"]: round(100 * c["points"]) for c in breakdown.get("breakdown", []) if c.get("weight")}
        name = labels.get(app.candidate_id, app.candidate.name)
        rows.append({"rank": rank, "applicant": name, "score": app.score, "reasons": breakdown.get("summary"), **points,
                     "stage": app.stage_label, "suggested": "yes" if app.id in suggested else "",
                     "override": app.override, "override_reason": app.override_reason})
    record_audit("job.ranking_export", job, actor_id=viewer.id, rows=len(rows))
    db.session.commit()
    return rows


def suggested_shortlist(job: Job) -> set[int]:
    """The ids of the suggested shortlist: the top N of the ranking (N = the job's shortlist size), or
    everyone at or above the job's threshold; promoted applicants always, demoted and unscored never."""
    counted = and_(Application.human_review_requested.is_(False),
                   or_(Application.override.is_(None), Application.override != "demote"),
                   or_(Application.score.is_not(None), Application.override == "promote"))
    stmt = _ranking(job.id, Application.id).where(counted)
    if job.shortlist_threshold is not None:
        stmt = stmt.where(or_(Application.override == "promote", Application.score >= job.shortlist_threshold))
    else:
        stmt = stmt.limit(max(job.shortlist_size or 0, 0))
    return set(db.session.scalars(stmt))


def override(application_id: int, direction: str | None, reason: str, *, actor_id: int) -> Application:
    """Promote or demote an application in its job's ranking, or clear that; a reason is required."""
    app = db.session.get(Application, application_id)
    if app is None:
        raise NotFound("No such application.")
    if direction not in ("promote", "demote", None):
        raise InvalidInput("Choose promote or demote.")
    reason = (reason or "").strip()
    if direction and len(reason) < 5:
        raise InvalidInput("Say why, so the next person reading the ranking knows.", field="reason")
    old = app.override
    app.override, app.override_reason = direction, reason or None
    app.override_by_id, app.override_at = (actor_id, utcnow()) if direction else (None, None)
    verb = {"promote": "Promoted", "demote": "Demoted", None: "Ranking override cleared"}[direction]
    record_activity(app.candidate_id, "ranking_override", f"{verb} in {app.job.title}" +
                    (f": {reason}" if reason else ""), actor_id=actor_id, job_id=app.job_id,
                    application_id=app.id)
    record_audit("application.override", app, actor_id=actor_id, old=old, new=direction, reason=reason or None)
    log_decision(app, "override", detail=direction or "cleared", reason=reason or None, actor_id=actor_id)
    db.session.commit()
    return app


def shortlist(job_id: int, application_ids: list[int], *, actor_id: int) -> int:
    """Move the chosen applications that are not yet past screening to the shortlisted stage; returns how many."""
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound("No such job.")
    eligible = list(db.session.scalars(select(Application.id).where(
        Application.job_id == job_id, Application.id.in_(application_ids),
        Application.stage.in_(("applied", "screening")))))
    if not eligible:
        return 0
    return len(pipeline.move(eligible, "shortlisted", actor_id=actor_id, job_id=job_id).moved)


def update_settings(job_id: int, *, weights: dict[str, float], blind_review: bool, blind_until_stage: str,
                    actor_id: int) -> Job:
    """Change a job's criterion weights and blind review (an admin's call); rescoring follows."""
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound("No such job.")
    if any(k not in CRITERIA or not 0 <= v <= 100 for k, v in weights.items()) or not sum(weights.values()):
        raise InvalidInput("Weights must be between 0 and 100, and not all zero.")

    if blind_until_stage not in stage_order():
        raise InvalidInput("Choose a pipeline stage.")
    old_weights = job.scoring_weights
    job.scoring_weights = weights
    job.blind_review, job.blind_until_stage = blind_review, blind_until_stage
    record_audit("job.scoring_settings", job, actor_id=actor_id, weights=weights, old_weights=old_weights,
                 blind_review=blind_review, blind_until_stage=blind_until_stage)
    if old_weights != weights:
        enqueue_after_commit(rescore_job, job.id)
    db.session.commit()
    return job


def set_shortlist_rule(job_id: int, *, size: int, threshold: float | None, actor_id: int) -> Job:
    """How the ranking suggests a shortlist (a recruiter's call): the top ``size``, or everyone scoring
    ``threshold`` or more when it is given."""
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound("No such job.")
    if not 1 <= size <= 500:
        raise InvalidInput("Top N is a number from 1 to 500.")
    if threshold is not None and not 0 <= threshold <= 100:
        raise InvalidInput("The threshold is a score from 0 to 100.")
    old = {"size": job.shortlist_size, "threshold": job.shortlist_threshold}
    job.shortlist_size, job.shortlist_threshold = size, threshold
    record_audit("job.shortlist_rule", job, actor_id=actor_id, size=size, threshold=threshold, old=old)
    db.session.commit()
    return job


# ------------------------------------------------------------------ bias audit

SEX = "sex"  # the self-identification question this older, single-question audit reads


def record_demographic(application_id: int, group: str | None) -> None:
    """Keep a candidate's answer to the "sex" self-identification question for one application (blank = no
    answer); the demo and tests set answers this way without the admin's list of choices."""
    group = (group or "").strip()[:60]
    row = db.session.scalar(select(SelfIdAnswer).where(SelfIdAnswer.application_id == application_id,
                                                       SelfIdAnswer.question_key == SEX))
    if not group:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(SelfIdAnswer(application_id=application_id, question_key=SEX, answer=group))
    else:
        row.answer = group
    db.session.commit()


def _group_counts(*by):
    """Applications and selections per answer to the "sex" question (and per ``by`` columns first). The
    answers to the old gender question are in it too: migration 0019 copied them."""
    selected = func.sum(db.case((Application.stage.in_(selected_stages()), 1), else_=0))
    group = func.coalesce(SelfIdAnswer.answer, NO_ANSWER)
    return (select(*by, group, func.count(Application.id), selected)
            .select_from(Application)
            .outerjoin(SelfIdAnswer, and_(SelfIdAnswer.application_id == Application.id,
                                          SelfIdAnswer.question_key == SEX))
            .group_by(*by, group))


def _audit(counts) -> dict:
    """Selection rates and impact ratios from ``(group, applicants, selected)`` rows."""
    rows = [{"group": g, "applicants": n, "selected": int(s or 0), "rate": (int(s or 0) / n) if n else 0.0,
             "few": n < FEW} for g, n, s in counts]
    answered = [r for r in rows if r["group"] != NO_ANSWER and r["applicants"]]
    top = max((r["rate"] for r in answered), default=0.0)
    for r in rows:
        if r["group"] == NO_ANSWER or not top:
            r["impact_ratio"], r["flagged"] = None, False
        else:
            r["impact_ratio"] = r["rate"] / top
            r["flagged"] = r["impact_ratio"] < 0.8
    rows.sort(key=lambda r: (r["group"] == NO_ANSWER, -r["applicants"]))
    return {"rows": rows, "applicants": sum(r["applicants"] for r in rows),
            "selected": sum(r["selected"] for r in rows), "flagged": [r["group"] for r in rows if r["flagged"]]}


def bias_audit(job_id: int | None = None) -> dict:
    """Selection rates by self-reported group and impact ratios against the most selected group.

    A group's impact ratio under 0.8 is flagged (the four-fifths rule). Applicants who did not answer
    are shown but left out of the ratios.
    """
    stmt = _group_counts()
    if job_id is not None:
        stmt = stmt.where(Application.job_id == job_id)
    return _audit(db.session.execute(stmt))


def bias_by_job() -> list[dict]:
    """The audit of every job that has applicants, flagged ones first, lowest impact ratio first: where
    to look. One query for all jobs."""
    per_job: dict[int, list] = {}
    for job_id, group, n, selected in db.session.execute(_group_counts(Application.job_id)):
        per_job.setdefault(job_id, []).append((group, n, selected))
    titles = dict(db.session.execute(select(Job.id, Job.title).where(Job.id.in_(list(per_job)))).all())
    out = []
    for job_id, counts in per_job.items():
        audit = _audit(counts)
        ratios = [r["impact_ratio"] for r in audit["rows"] if r["impact_ratio"] is not None]
        out.append({"job_id": job_id, "title": titles.get(job_id, "?"), "applicants": audit["applicants"],
                    "selected": audit["selected"], "flagged": audit["flagged"],
                    "lowest_ratio": min(ratios) if len(ratios) > 1 else None,
                    "answered": sum(r["applicants"] for r in audit["rows"] if r["group"] != NO_ANSWER)})
    return sorted(out, key=lambda j: (not j["flagged"], j["lowest_ratio"] if j["lowest_ratio"] is not None else 2,
                                      -j["applicants"]))
