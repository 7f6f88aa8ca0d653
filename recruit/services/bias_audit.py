"""The bias audit as New York City's Local Law 144 defines it, the self-identification questions it reads,
requests for a human (not automated) assessment, and the decision log an auditor reads (EU AI Act Art. 12,
26). Answers live in their own table; nothing here is read by the scorer or shown to reviewers."""
from __future__ import annotations

import statistics
from datetime import datetime

from flask import render_template
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from recruit.extensions import db
from recruit.models import (PREFER_NOT, Application, AuditPublication, DecisionLogEntry, Job, SelfIdAnswer, SelfIdQuestion, User)
from recruit.models.base import utcnow
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.stages import stage_order

UNKNOWN = "Unknown"
SMALL_SHARE = 0.02  # LL144: a category under 2% of the data may be left out of the ratios (still counted)
EEO1_SEX = ["Female", "Male"]
EEO1_RACE = ["Hispanic or Latino", "White", "Black or African American", "Native Hawaiian or Other Pacific Islander",
             "Asian", "American Indian or Alaska Native", "Two or More Races"]
DEFAULT_QUESTIONS = (("sex", "Sex", EEO1_SEX), ("race_ethnicity", "Race/ethnicity", EEO1_RACE))
# Questions an admin must add on purpose: asking them can itself discriminate where the firm hires.
SENSITIVE_WORDS = ("caste", "jati", "varna", "religion", "tribe", "sexual orientation")


class NeedsConfirmation(InvalidInput):
    """The question asks about something sensitive: the admin must confirm adding it."""


# ------------------------------------------------------------------ the questions

def questions(*, include_inactive: bool = False) -> list[SelfIdQuestion]:
    """The questions in order, the EEO-1 defaults added on first use."""
    if db.session.scalar(select(SelfIdQuestion.id).limit(1)) is None:
        for pos, (key, label, options) in enumerate(DEFAULT_QUESTIONS):
            db.session.add(SelfIdQuestion(key=key, label=label, options=list(options), position=pos))
        try:
            db.session.commit()
        except IntegrityError:  # two first visitors at once: the other request added them
            db.session.rollback()
    stmt = select(SelfIdQuestion).order_by(SelfIdQuestion.position, SelfIdQuestion.id)
    if not include_inactive:
        stmt = stmt.where(SelfIdQuestion.active.is_(True))
    return list(db.session.scalars(stmt))


def choices(question: SelfIdQuestion) -> list[str]:
    """A question's answers as the form offers them: always ending with "Prefer not to say"."""
    return [o for o in question.options if o != PREFER_NOT] + [PREFER_NOT]


def sensitive(label: str) -> bool:
    low = (label or "").lower()
    return any(w in low for w in SENSITIVE_WORDS)


def add_question(key: str, label: str, options: list[str], *, confirm_sensitive: bool = False,
                 actor_id: int | None) -> SelfIdQuestion:
    """Add an optional question. One about caste or the like raises ``NeedsConfirmation`` until the admin
    confirms it on purpose."""
    key = "".join(c if c.isalnum() else "_" for c in (key or label or "").strip().lower()).strip("_")[:40]
    label = (label or "").strip()
    options = [o.strip() for o in options if o and o.strip() and o.strip() != PREFER_NOT]
    if not label or not key:
        raise InvalidInput("Give the question a label.", field="label")
    if len(options) < 2:
        raise InvalidInput("Give at least two answers, one a line (Prefer not to say is added).", field="options")
    questions()
    if db.session.scalar(select(SelfIdQuestion.id).where(SelfIdQuestion.key == key)):
        raise InvalidInput("A question with this name exists already.", field="label")
    if (sensitive(key) or sensitive(label)) and not confirm_sensitive:
        raise NeedsConfirmation("Asking about caste, religion or the like can itself be discrimination where you "
                                "hire, and the answers are highly sensitive. Confirm only if the law or a "
                                "regulator asks you to monitor it.", field="confirm_sensitive")
    last = db.session.scalar(select(SelfIdQuestion.position).order_by(SelfIdQuestion.position.desc()).limit(1))
    q = SelfIdQuestion(key=key, label=label, options=options, position=(last or 0) + 1,
                       sensitive_confirmed=bool(confirm_sensitive and (sensitive(key) or sensitive(label))))
    db.session.add(q)
    db.session.flush()
    record_audit("self_id.question_added", q, actor_id=actor_id, new=label, reason=None)
    db.session.commit()
    return q


def set_active(question_id: int, active: bool, *, actor_id: int | None) -> SelfIdQuestion:
    q = db.session.get(SelfIdQuestion, question_id)
    if q is None:
        raise NotFound("No such question.")
    q.active = bool(active)
    record_audit("self_id.question_active", q, actor_id=actor_id, new=str(q.active))
    db.session.commit()
    return q


def record_answers(answers: dict[str, str | None], *, application_id: int | None = None,
                   registration_id: int | None = None) -> None:
    """Store an applicant's answers for an application, or a student's for a campus registration (the caller
    commits); blank and unknown answers are not stored, "Prefer not to say" is."""
    valid = {q.key: set(choices(q)) for q in questions()}
    owner = (SelfIdAnswer.application_id == application_id) if application_id is not None \
        else (SelfIdAnswer.registration_id == registration_id)
    for key, answer in (answers or {}).items():
        if key not in valid or not answer or answer not in valid[key]:
            continue
        row = db.session.scalar(select(SelfIdAnswer).where(owner, SelfIdAnswer.question_key == key))
        if row is None:
            db.session.add(SelfIdAnswer(application_id=application_id, registration_id=registration_id,
                                        question_key=key, answer=answer))
        else:
            row.answer = answer


def copy_registration_answers(registration_id: int, application_id: int) -> None:
    """A converted attendee's sign-up answers, copied to one of their new applications (the caller commits)."""
    for row in db.session.scalars(select(SelfIdAnswer).where(SelfIdAnswer.registration_id == registration_id)):
        db.session.add(SelfIdAnswer(application_id=application_id, question_key=row.question_key,
                                    answer=row.answer))


# ------------------------------------------------------------------ a person instead of the tool

def request_human_review(application_id: int, *, reason: str | None = None, actor_id: int | None = None,
                         commit: bool = True) -> Application:
    """The candidate asked to be assessed another way: the application leaves the automated ranking (its score
    is dropped and not recomputed) and recruiters see "asked for human review". Nothing is rejected."""
    app = db.session.get(Application, application_id)
    if app is None:
        raise NotFound("No such application.")
    if not app.human_review_requested:
        app.human_review_requested = True
        app.score, app.score_breakdown = None, None
        log_decision(app, "human_review_requested", reason=reason or "Candidate asked for another way of "
                     "being assessed", actor_id=actor_id)
        record_activity(app.candidate_id, "human_review_requested", f"{app.job.title}: asked for human review",
                        actor_id=actor_id, job_id=app.job_id, application_id=app.id)
    if commit:
        db.session.commit()
    return app


def explanation(candidate_id: int) -> list[dict]:
    """What the score of each of this candidate's applications looked at and its main reasons (Art. 86): their
    own score and criteria only, never a rank, a median or anything about another applicant."""
    apps = db.session.execute(select(Application, Job.title).join(Job, Job.id == Application.job_id)
                              .where(Application.candidate_id == candidate_id).order_by(Application.id)).all()
    out = []
    for app, title in apps:
        breakdown = app.score_breakdown or {}
        criteria = sorted((c for c in breakdown.get("breakdown", []) if c.get("weight")),
                          key=lambda c: -(c.get("contribution") or 0))
        out.append({"job": title, "human_review": app.human_review_requested, "score": app.score,
                    "scorer": breakdown.get("scorer"), "summary": breakdown.get("summary"),
                    "criteria": [{"label": c.get("label") or c.get("name"), "points": c.get("points"),
                                  "explanation": c.get("explanation") or ""} for c in criteria]})
    return out


def request_human_review_for(candidate_id: int) -> int:
    """The candidate's request from their privacy link: every open application of theirs goes to a person."""
    ids = list(db.session.scalars(select(Application.id).where(Application.candidate_id == candidate_id,
                                                               Application.stage.notin_(("rejected", "withdrawn")))))
    for application_id in ids:
        request_human_review(application_id, reason="Asked through the privacy link", commit=False)
    db.session.commit()
    return len(ids)


# ------------------------------------------------------------------ the decision log

def log_decision(app: Application, decision: str, *, reason: str | None, actor_id: int | None,
                 detail: str | None = None) -> DecisionLogEntry:
    """Append one human decision with the score the person saw (the caller commits). Rescoring never
    touches these rows."""
    breakdown = app.score_breakdown or {}
    snapshot = None
    if breakdown:
        snapshot = {"weights": (app.job.scoring_weights or {}) if app.job else {},
                    "features": [{"criterion": c.get("name"), "points": c.get("points"), "weight": c.get("weight")}
                                 for c in breakdown.get("breakdown", [])]}
    entry = DecisionLogEntry(application_id=app.id, job_id=app.job_id, decision=decision, detail=detail,
                             reason=reason, actor_id=actor_id, score=app.score,
                             scorer_version=breakdown.get("scorer"), score_snapshot=snapshot,
                             human_review=bool(app.human_review_requested), created_at=utcnow())
    db.session.add(entry)
    return entry


def decision_log(job_id: int) -> list[dict]:
    """A job's decisions, oldest first, with who made them."""
    rows = db.session.execute(select(DecisionLogEntry, User.name).outerjoin(User, User.id == DecisionLogEntry.actor_id)
                              .where(DecisionLogEntry.job_id == job_id).order_by(DecisionLogEntry.id))
    return [{"when": e.created_at.isoformat(timespec="seconds"), "application_id": e.application_id,
             "decision": e.decision, "detail": e.detail or "", "reason": e.reason or "", "who": name or "",
             "score": "" if e.score is None else round(e.score, 1), "scorer_version": e.scorer_version or "",
             "human_review": "yes" if e.human_review else "",
             "features": "; ".join(f"{f['criterion']}={f['points']}" for f in (e.score_snapshot or {})
                                   .get("features", []))} for e, name in rows]


DECISION_COLUMNS = [("when", "When (UTC)"), ("application_id", "Application"), ("decision", "Decision"),
                    ("detail", "Detail"), ("reason", "Why"), ("who", "Who"), ("score", "Score seen"),
                    ("scorer_version", "Scorer version"), ("human_review", "Asked for human review"),
                    ("features", "Features the score read")]


def purge_decisions(before: datetime) -> int:
    """Delete decisions older than ``before`` (the caller passes now minus the configured period, at least
    six months); returns how many."""
    old = list(db.session.scalars(select(DecisionLogEntry).where(DecisionLogEntry.created_at < before)))
    for e in old:
        db.session.delete(e)
    db.session.commit()
    return len(old)


# ------------------------------------------------------------------ the audit (pure part)

def _ratios(groups: dict[str, dict], total: int, rate_key: str) -> None:
    """Impact ratio of each known group against the highest rate; groups under 2% of ``total`` are left out
    of the ratios (and of the highest rate) but keep their counts."""
    for g in groups.values():
        g["small"] = total > 0 and g["applicants"] / total < SMALL_SHARE
    counted = [g for name, g in groups.items() if name != UNKNOWN and not g["small"] and g["applicants"]]
    top = max((g[rate_key] for g in counted), default=0.0)
    for name, g in groups.items():
        ok = name != UNKNOWN and not g["small"] and g["applicants"] and top
        g[rate_key.replace("rate", "ratio")] = (g[rate_key] / top) if ok else None
        if rate_key == "selection_rate":
            g["flagged"] = bool(ok) and g[rate_key] / top < 0.8


def _table(rows: list[dict], label, median: float | None) -> list[dict]:
    groups: dict[str, dict] = {}
    for r in rows:
        g = groups.setdefault(label(r), {"applicants": 0, "selected": 0, "scored": 0, "above_median": 0})
        g["applicants"] += 1
        g["selected"] += r["selected"]
        if r["score"] is not None:
            g["scored"] += 1
            g["above_median"] += median is not None and r["score"] > median
    for g in groups.values():
        g["selection_rate"] = g["selected"] / g["applicants"] if g["applicants"] else 0.0
        g["scoring_rate"] = g["above_median"] / g["scored"] if g["scored"] else 0.0
    total = len(rows)
    _ratios(groups, total, "selection_rate")
    _ratios(groups, total, "scoring_rate")
    out = [{"group": name, **g} for name, g in groups.items()]
    out.sort(key=lambda g: (g["group"] == UNKNOWN, -g["applicants"], g["group"]))
    return out


def compute(rows: list[dict], keys: tuple[str, str] = ("sex", "race_ethnicity")) -> dict:
    """The audit of ``rows`` (each ``{"answers": {key: answer}, "selected": bool, "score": float|None}``):
    per category of each question, and for each intersection of the first two; selection rates, scoring
    rates (share above the median score of all scored applicants) and their impact ratios."""
    scores = [r["score"] for r in rows if r["score"] is not None]
    median = statistics.median(scores) if scores else None

    def answer(r, k):
        a = r["answers"].get(k)
        return UNKNOWN if not a or a == PREFER_NOT else a

    per_question = {k: _table(rows, lambda r, k=k: answer(r, k), median) for k in keys}
    a, b = keys[0], keys[1] if len(keys) > 1 else keys[0]

    def cross(r):
        x, y = answer(r, a), answer(r, b)
        return UNKNOWN if UNKNOWN in (x, y) else f"{x} × {y}"

    return {"applicants": len(rows), "selected": sum(r["selected"] for r in rows), "scored": len(scores),
            "median_score": median, "per_question": per_question,
            "intersection": _table(rows, cross, median) if len(keys) > 1 else [],
            "unknown": {k: sum(answer(r, k) == UNKNOWN for r in rows) for k in keys},
            "unknown_intersection": sum(cross(r) == UNKNOWN for r in rows)}


# ------------------------------------------------------------------ the audit (data)

def _selected_stages() -> set[str]:
    order = stage_order()
    return set(order[order.index("shortlisted"):]) if "shortlisted" in order else set()


def audit_rows(*, job_id: int | None = None, client_id: int | None = None, since: datetime | None = None,
               until: datetime | None = None) -> list[dict]:
    """One row per application in scope with its answers, whether it was selected and its score."""
    stmt = select(Application.id, Application.stage, Application.score).join(Job, Job.id == Application.job_id)
    if job_id is not None:
        stmt = stmt.where(Application.job_id == job_id)
    if client_id is not None:
        stmt = stmt.where(Job.client_id == client_id)
    if since is not None:
        stmt = stmt.where(Application.created_at >= since)
    if until is not None:
        stmt = stmt.where(Application.created_at < until)
    apps = db.session.execute(stmt).all()
    answers: dict[int, dict] = {}
    ids = [a.id for a in apps]
    for start in range(0, len(ids), 500):
        for aid, key, ans in db.session.execute(select(SelfIdAnswer.application_id, SelfIdAnswer.question_key,
                                                       SelfIdAnswer.answer)
                                                .where(SelfIdAnswer.application_id.in_(ids[start:start + 500]))):
            answers.setdefault(aid, {})[key] = ans
    chosen = _selected_stages()
    return [{"answers": answers.get(a.id, {}), "selected": a.stage in chosen, "score": a.score} for a in apps]


def audit(*, job_id: int | None = None, client_id: int | None = None, since: datetime | None = None,
          until: datetime | None = None) -> dict:
    """The LL144 audit for a job, a client, a period, or everything."""
    keys = tuple(q.key for q in questions())
    keys = tuple(k for k in ("sex", "race_ethnicity") if k in keys) + tuple(
        k for k in keys if k not in ("sex", "race_ethnicity"))
    result = compute(audit_rows(job_id=job_id, client_id=client_id, since=since, until=until),
                     keys or ("sex", "race_ethnicity"))
    result["labels"] = {q.key: q.label for q in questions(include_inactive=True)}
    result["since"], result["until"] = since, until
    return result


AUDIT_COLUMNS = [("table", "Table"), ("group", "Category"), ("applicants", "Applicants"), ("selected", "Selected"),
                 ("selection_rate", "Selection rate"), ("selection_ratio", "Impact ratio (selection)"),
                 ("scored", "Scored"), ("above_median", "Above median score"), ("scoring_rate", "Scoring rate"),
                 ("scoring_ratio", "Impact ratio (scoring)"), ("small", "Under 2% (left out of ratios)")]


def audit_table_rows(result: dict) -> list[dict]:
    """Every table of the audit as rows for one CSV (``reports.to_csv`` with ``AUDIT_COLUMNS``)."""
    tables = [(result["labels"].get(k, k), rows) for k, rows in result["per_question"].items()]
    tables.append(("Intersection", result["intersection"]))
    return [{c: name if c == "table" else _cell(r.get(c)) for c, _ in AUDIT_COLUMNS} for name, rows in tables
            for r in rows]


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, float):
        return f"{v:.4f}"
    return v


# ------------------------------------------------------------------ the published summary

def _scorer_since() -> tuple[str | None, str | None]:
    """The scorer version in use and the date its first stored score was made."""
    from nlp.score import SCORER_VERSION

    first = db.session.scalar(select(func.min(Application.scored_at)).where(
        Application.score_breakdown["scorer"].as_string() == SCORER_VERSION))
    return SCORER_VERSION, first.date().isoformat() if first else None


def publish(*, actor_id: int | None, since: datetime | None = None, until: datetime | None = None) -> AuditPublication:
    """Publish the overall audit as it stands: from now on the public summary page shows this snapshot."""
    result = audit(since=since, until=until)
    version, in_use = _scorer_since()
    keep = ("group", "applicants", "selected", "selection_rate", "selection_ratio", "scored", "scoring_rate",
            "scoring_ratio", "small")
    summary = {"audit_date": utcnow().date().isoformat(), "source": "Applications to this firm's jobs recorded in "
               "its applicant-tracking system (historical data)",
               "since": since.date().isoformat() if since else None, "until": until.date().isoformat() if until else None,
               "applicants": result["applicants"], "unknown": result["unknown"],
               "unknown_intersection": result["unknown_intersection"], "scorer_version": version,
               "scorer_in_use_since": in_use, "median_score": result["median_score"],
               "tables": [{"title": result["labels"].get(k, k), "rows": [{c: r[c] for c in keep} for r in rows]}
                          for k, rows in result["per_question"].items()]
               + [{"title": "Sex × race/ethnicity", "rows": [{c: r[c] for c in keep} for r in result["intersection"]]}]}
    pub = AuditPublication(published_by_id=actor_id, summary=summary)
    db.session.add(pub)
    db.session.flush()
    record_audit("bias_audit.published", pub, actor_id=actor_id)
    db.session.commit()
    return pub


def published() -> AuditPublication | None:
    """The latest published summary, or None until the firm publishes one."""
    return db.session.scalar(select(AuditPublication).order_by(AuditPublication.id.desc()).limit(1))


def summary_pdf(summary: dict) -> bytes:
    """A published summary as PDF, drawn from the same words as its page (``public/_bias_audit_body.html``)."""
    from weasyprint import HTML  # half a second to import: only when a PDF is asked for

    return HTML(string=render_template("public/bias_audit_print.html", s=summary), base_url=None).write_pdf()
