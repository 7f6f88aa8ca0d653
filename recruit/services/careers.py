"""The careers page: public open jobs, applications from the public, and feeds for job boards."""
from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree

from flask import current_app
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, Job, JobStatus
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit
from recruit.services import applications, bias_audit, email
from recruit.services.audit import record_activity, record_audit
from recruit.services.candidates import attach_version, recognise_or_create
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.identity import retry_when_locked
from recruit.services.parsing import queue_parse
from recruit.services.resumes import held_summary, new_resume  # noqa: F401 (careers.held_summary, as before)
from recruit.services.scoring import score_applications
from recruit.services.search import index_candidate
from recruit.services.text import squash
from recruit.services.urls import public_url

EMPLOYMENT = {"full_time": "FULL_TIME", "part_time": "PART_TIME", "contract": "CONTRACTOR", "internship": "INTERN",
              "temporary": "TEMPORARY"}


def public_jobs() -> list[Job]:
    return list(db.session.scalars(select(Job).where(Job.public.is_(True), Job.status == JobStatus.OPEN.value)
                                   .order_by(Job.created_at.desc())))


def public_job(slug: str) -> Job:
    job = db.session.scalars(select(Job).where(Job.slug == slug)).first()
    if job is None or not job.public or job.status != JobStatus.OPEN.value:
        raise NotFound("This job is not open.")
    return job


NOTICE_PERIODS = {0: "Immediate", 15: "15 days", 30: "30 days", 45: "45 days", 60: "60 days", 90: "90 days"}


def asks_experience(job: Job) -> bool:
    """Whether the apply form asks about the current job (employer, notice, pay) rather than the campus
    questions (branch, backlogs, CGPA): a job that asks for a year or more of experience and is no
    internship. Fresher and campus jobs keep the campus questions."""
    return (job.min_years or 0) >= 1 and job.employment_type != "internship"


def apply(job: Job, student: dict, *, consent: bool, resume: tuple[bytes, str] | None, answers: dict | None = None,
          referred_by: str | None = None, self_id: dict | None = None,
          human_review: bool = False) -> Application | None:
    """An application from the careers page. A person already known (same email or phone) is attached to
    their record, never doubled, however many applications arrive at once. A visitor is not verified, so a
    new file sent for a known candidate is kept as a version awaiting a recruiter's acceptance: the profile
    and every score stay on the resume the firm holds. Returns the application (None when they had already
    applied, which the page does not reveal). ``student`` holds the checked details (``public.forms.CareersForm``);
    an experienced job's ``answers`` (employer, notice, pay) go on the application; ``self_id`` (the answers to
    the admin's self-identification questions) to ``self_id_answers`` only; ``human_review`` keeps the
    application away from the automated scorer."""
    answers = (answers or {}) if asks_experience(job) else {}
    referred_by = squash(referred_by)[:80] or None
    if not consent:
        raise InvalidInput("Please agree to how we use your details, or we cannot consider your application.",
                           field="consent")
    if resume is None:
        raise InvalidInput("Please attach your resume (PDF, DOCX or text).", field="resume")
    application, candidate, parse_id = retry_when_locked(
        lambda: _record(job, student, resume, referred_by=referred_by, answers=answers, self_id=self_id,
                        human_review=human_review))
    retry_when_locked(lambda: index_candidate(candidate.id))
    if parse_id:
        queue_parse(parse_id)  # its parse scores the application
    elif application is not None:
        enqueue_after_commit(score_applications, [application.id])  # on the resume the firm holds
        db.session.commit()
    if application is not None:
        template = email.get_template("acknowledgement")
        values_ = email.values_for(candidate, application, None)

        def acknowledge():
            message = email.queue_message(candidate, subject=email.render(template.subject, values_),
                                          body=email.render(template.body, values_), actor_id=None,
                                          application=application, template_key=template.key)
            db.session.commit()
            return message.id

        retry_when_locked(acknowledge)
    return application


def _record(job: Job, student: dict, resume: tuple[bytes, str], *, referred_by: str | None, answers: dict,
            self_id: dict | None = None,
            human_review: bool = False) -> tuple[Application | None, object, int | None]:
    """The application's one transaction: the candidate found or made, the resume kept, the application.
    Returns the new application (or None), the candidate and the resume to parse (None when held or known)."""
    source = "referral" if referred_by else "careers"
    stored = new_resume(None, resume[0], resume[1], actor_id=None)
    candidate, known = recognise_or_create(student, source=source, actor_id=None,
                                           created="Applied on the careers page"
                                           + (f", referred by {referred_by}" if referred_by else ""),
                                           returned=f"Applied again on the careers page, for {job.title}")
    new_version = attach_version(candidate, stored, held_from="careers" if known else None)
    if new_version:
        db.session.flush()
        record_activity(candidate.id, "resume_added", held_summary(stored) if known
                        else f"Resume from the careers page: {stored.filename}",
                        actor_id=None, data={"resume_id": stored.id})
    already = db.session.scalars(select(Application).where(Application.candidate_id == candidate.id,
                                                           Application.job_id == job.id)).first()
    application = None
    if already is None:
        application = applications.create(candidate.id, job.id, source=source, actor_id=None)
        for key, value in answers.items():
            setattr(application, key, value)
        bias_audit.record_answers(self_id or {}, application_id=application.id)
        if human_review:
            bias_audit.request_human_review(application.id, commit=False)
    record_audit("careers.apply", ("job", job.id), actor_id=None, candidate_id=candidate.id,
                 new_application=application is not None, resume_held=bool(new_version and known))
    db.session.commit()
    return application, candidate, stored.id if new_version and not known else None


def job_posting(job: Job) -> dict:
    """schema.org JobPosting for search engines (Google for Jobs and others)."""
    company = current_app.config.get("COMPANY_NAME", "recruit")
    data = {
        "@context": "https://schema.org/", "@type": "JobPosting", "title": job.title,
        "description": job.description or job.title, "datePosted": job.created_at.date().isoformat(),
        "validThrough": (job.created_at + timedelta(days=90)).date().isoformat(),
        "employmentType": EMPLOYMENT.get(job.employment_type, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": company},
        "identifier": {"@type": "PropertyValue", "name": company, "value": job.slug},
        "url": public_url("public.careers_job", slug=job.slug),
        "directApply": True,
    }
    if job.location and job.location.lower() != "remote":
        data["jobLocation"] = {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": job.location,
                                                             "addressCountry": "IN"}}
    elif job.location:
        data["jobLocationType"] = "TELECOMMUTE"
    if job.min_years:
        data["experienceRequirements"] = {"@type": "OccupationalExperienceRequirements",
                                          "monthsOfExperience": int(job.min_years * 12)}
    if job.required_skills:
        data["skills"] = ", ".join(job.required_skills)
    return data


def feed_json() -> dict:
    return {"company": current_app.config.get("COMPANY_NAME", "recruit"),
            "jobs": [{"id": job.slug, "title": job.title, "location": job.location,
                      "employment_type": job.employment_type, "description": job.description,
                      "required_skills": job.required_skills, "min_years": job.min_years,
                      "posted": job.created_at.isoformat(), "url": public_url("public.careers_job", slug=job.slug)}
                     for job in public_jobs()]}


def feed_xml() -> bytes:
    """The open jobs in the widely used job-board XML layout (<source><job>...)."""
    root = ElementTree.Element("source")
    ElementTree.SubElement(root, "publisher").text = current_app.config.get("COMPANY_NAME", "recruit")
    ElementTree.SubElement(root, "lastBuildDate").text = utcnow().strftime("%a, %d %b %Y %H:%M:%S GMT")
    for job in public_jobs():
        item = ElementTree.SubElement(root, "job")
        for tag, value in (("title", job.title), ("date", job.created_at.strftime("%a, %d %b %Y %H:%M:%S GMT")),
                           ("referencenumber", job.slug), ("url", public_url("public.careers_job", slug=job.slug)),
                           ("company", current_app.config.get("COMPANY_NAME", "recruit")),
                           ("city", job.location or ""), ("country", "IN"),
                           ("description", job.description or ""), ("jobtype", job.employment_type),
                           ("experience", f"{job.min_years:g}+ years")):
            ElementTree.SubElement(item, tag).text = value
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
