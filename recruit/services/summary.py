"""The short summary at the top of a candidate's page: latest job, years, top skills, highest degree,
and whether a resume is still being parsed (the page refreshes itself when it is done)."""
from __future__ import annotations

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Resume
from recruit.services.parsing import latest_parsed_resume, profile_for

TOP_SKILLS = 6
WAITING = ("pending", "parsing")


def _recency(job: dict) -> str:
    """Sort key: a current job first, then by when it ended or began (``YYYY`` or ``YYYY-MM``)."""
    end = (job.get("end") or "").lower()
    return "9999" if end == "present" else end or job.get("start") or ""


def summary(candidate_id: int, *, hide_places: bool = False) -> dict | None:
    """Latest title and employer, total years, top skills and highest degree from the corrected profile
    (None before a resume is parsed). ``hide_places`` leaves out employer and school names, which blind
    review hides."""
    from nlp.vocab import degree_level
    from nlp.score import LEVEL_RANK

    resume = latest_parsed_resume(candidate_id)
    profile = profile_for(candidate_id, resume) if resume else None
    if profile is None:
        return None
    jobs = [j for j in profile.get("experience") or [] if j.get("title") or j.get("employer")]
    latest = max(jobs, key=_recency) if jobs else None
    degrees = [e for e in profile.get("education") or [] if e.get("degree")]
    highest = max(degrees, key=lambda e: LEVEL_RANK.get(degree_level(e["degree"]) or "", -1)) if degrees else None
    return {
        "title": latest.get("title") if latest else None,
        "employer": None if hide_places or not latest else latest.get("employer"),
        "current": bool(latest) and (latest.get("end") or "").lower() == "present",
        "years": profile.get("total_experience_years"),
        "skills": [s["name"] for s in (profile.get("skills") or [])[:TOP_SKILLS]],
        "more_skills": max(len(profile.get("skills") or []) - TOP_SKILLS, 0),
        "degree": " in ".join(x for x in (highest.get("degree"), highest.get("field")) if x) if highest else None,
        "school": None if hide_places or not highest else highest.get("institution"),
        "places_hidden": hide_places,
    }


def parse_status(candidate_id: int) -> dict:
    """Whether any of the candidate's resumes is still waiting to be parsed, for the page's polling."""
    rows = db.session.execute(select(Resume.id, Resume.parse_status).where(Resume.candidate_id == candidate_id)).all()
    waiting = [resume_id for resume_id, status in rows if status in WAITING]
    return {"waiting": len(waiting), "done": not waiting,
            "statuses": {str(resume_id): status for resume_id, status in rows}}
