"""Interviews: scheduling with a time zone and a calendar invite, and structured feedback per interviewer.

An interviewer reads and writes only their own assignments; recruiters see the feedback summary on
the application.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from statistics import mean

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, CRITERIA, Interview, InterviewAssignment, RECOMMENDATIONS, Resume, User
from recruit.models.base import utcnow
from recruit.services import blind, email, profiles
from recruit.services.audit import record_activity, record_audit
from recruit.services.calendars import (  # noqa: F401 (interviews.to_utc and friends are read widely)
    calendar, common_zones, local_text, to_utc, when_text, where_text, zone)
from recruit.services.email import queue_to
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.lookup import get_or_raise
from recruit.services.urls import public_url
from recruit.services.webhooks import emit, iso


def interviewers() -> list[User]:
    """People who can be asked to interview: every active user."""
    return list(db.session.scalars(select(User).where(User.is_active_account.is_(True)).order_by(User.name)))


def _attachment(interview: Interview, method: str = "REQUEST") -> dict:
    return {"filename": "interview.ics", "mimetype": "text/calendar",
            "content": calendar(interview, method=method)}


def schedule(application_id: int, *, starts_local: datetime, tz: str, duration_minutes: int,
             location: str | None, video_link: str | None, interviewer_ids: list[int], actor_id: int,
             notify: bool = True, sender_name: str | None = None) -> Interview:
    """Schedule an interview (local time in ``tz``), assign interviewers and send the invitations."""
    application = db.session.get(Application, application_id)
    if application is None:
        raise NotFound("No such application.")
    starts = to_utc(starts_local, tz)
    if starts < utcnow() - timedelta(minutes=5):
        raise InvalidInput("The interview would be in the past.", field="starts_at")
    if not 10 <= duration_minutes <= 480:
        raise InvalidInput("An interview lasts between 10 minutes and 8 hours.", field="duration")
    location, video_link = (location or "").strip() or None, (video_link or "").strip() or None
    if video_link and not video_link.startswith(("https://", "http://")):
        raise InvalidInput("A video link starts with https://.", field="video_link")
    people = list(db.session.scalars(select(User).where(User.id.in_(interviewer_ids),
                                                        User.is_active_account.is_(True))))
    if not people:
        raise InvalidInput("Choose at least one interviewer.", field="interviewers")
    interview = Interview(application_id=application.id, title=f"Interview: {application.job.title}",
                          starts_at=starts, duration_minutes=duration_minutes, timezone=tz, location=location,
                          video_link=video_link, uid=f"{secrets.token_hex(16)}@recruit", created_by_id=actor_id)
    interview.assignments = [InterviewAssignment(interviewer_id=u.id) for u in people]
    db.session.add(interview)
    db.session.flush()
    for assignment in interview.assignments:
        db.session.refresh(assignment, ["interviewer"])
    record_activity(application.candidate_id, "interview_scheduled",
                    f"Interview for {application.job.title} on {when_text(interview)} with "
                    + ", ".join(u.name for u in people), actor_id=actor_id, job_id=application.job_id,
                    application_id=application.id, data={"interview_id": interview.id})
    record_audit("interview.schedule", interview, actor_id=actor_id, application_id=application.id,
                 interviewers=[u.id for u in people])
    emit("interview.scheduled", {"interview_id": interview.id, "application_id": application.id,
                                 "candidate_id": application.candidate_id, "job_id": application.job_id,
                                 "starts_at": iso(interview.starts_at), "duration_minutes": duration_minutes,
                                 "timezone": tz, "interviewer_ids": [u.id for u in people]})
    queued = []
    if notify:
        candidate = application.candidate
        extra = {"interview_when": when_text(interview), "interview_where": where_text(interview)}
        if candidate.email:
            template = email.get_template("interview_invite")
            values = email.values_for(candidate, application, sender_name, extra)
            queued.append(email.queue_message(candidate, subject=email.render(template.subject, values),
                                              body=email.render(template.body, values), actor_id=actor_id,
                                              application=application, template_key=template.key,
                                              attachments=[_attachment(interview)]))
        for person in people:
            if person.email:
                queued.append(_notify_interviewer(interview, person, actor_id))
    db.session.commit()
    return interview


def _notify_interviewer(interview: Interview, person: User, actor_id: int | None):
    assignment = next(a for a in interview.assignments if a.interviewer_id == person.id)
    return queue_to(person.email, subject=f"You are interviewing: {interview.title}",
                    body=f"Dear {person.name},\n\nYou are on the panel for {interview.title} "
                         f"on {when_text(interview)} ({where_text(interview)}).\n\n"
                         f"The candidate's resume: {public_url('interviews.resume', assignment_id=assignment.id)}\n"
                         f"Your feedback form, once you have met the candidate: "
                         f"{public_url('interviews.feedback', assignment_id=assignment.id)}\n"
                         f"(both also under 'Your interviews' in recruit)",
                    attachments=[_attachment(interview)], actor_id=actor_id,
                    application_id=interview.application_id, template_key="interviewer_notice")


def cancel(interview_id: int, *, actor_id: int, reason: str | None = None) -> Interview:
    interview = get_interview(interview_id)
    if interview.cancelled_at:
        return interview
    interview.cancelled_at, interview.sequence = utcnow(), interview.sequence + 1
    application = interview.application
    record_activity(application.candidate_id, "interview_cancelled",
                    f"Interview for {application.job.title} on {when_text(interview)} cancelled"
                    + (f": {reason}" if reason else ""), actor_id=actor_id, job_id=application.job_id,
                    application_id=application.id, data={"interview_id": interview.id})
    record_audit("interview.cancel", interview, actor_id=actor_id, reason=reason)
    queued = []
    if application.candidate.email:
        queued.append(email.queue_message(application.candidate, subject=f"Cancelled: {interview.title}",
                                          body=f"Dear {application.candidate.name.split()[0]},\n\nThe interview on "
                                               f"{when_text(interview)} is cancelled. We will be in touch.",
                                          actor_id=actor_id, application=application,
                                          attachments=[_attachment(interview, "CANCEL")]))
    db.session.commit()
    return interview


def get_interview(interview_id: int) -> Interview:
    return get_or_raise(Interview, interview_id, "interview")


# ------------------------------------------------------------------ feedback

def get_assignment(assignment_id: int, viewer: User) -> InterviewAssignment:
    """An assignment, only for the interviewer it belongs to (everyone else gets NotFound, not a hint)."""
    return get_or_raise(InterviewAssignment, assignment_id, "interview assignment", interviewer_id=viewer.id)


def resume_for_assignment(assignment: InterviewAssignment, viewer: User):
    """The latest resume of the candidate an interviewer's assignment is about, as blind review lets the
    interviewer open it (``blind.ResumeFile``); NotFound when there is none."""
    application = assignment.interview.application
    resume = profiles.latest_parsed_resume(application.candidate_id) or db.session.scalars(
        select(Resume).where(Resume.candidate_id == application.candidate_id)
        .order_by(Resume.uploaded_at.desc(), Resume.id.desc()).limit(1)).first()
    if resume is None:
        raise NotFound("This candidate has no resume.")
    return blind.resume_for(viewer, application.candidate, resume, application.job_id)


def submit_feedback(assignment_id: int, viewer: User, *, ratings: dict[str, str], recommendation: str,
                    notes: str) -> InterviewAssignment:
    assignment = get_assignment(assignment_id, viewer)
    if assignment.interview.cancelled_at:
        raise InvalidInput("This interview was cancelled.")
    clean = {}
    for key in CRITERIA:
        value = ratings.get(key)
        if value in (None, ""):
            raise InvalidInput(f"Rate {CRITERIA[key].lower()} from 1 to 5.", field=key)
        try:
            number = int(value)
        except ValueError:
            raise InvalidInput(f"Rate {CRITERIA[key].lower()} from 1 to 5.", field=key)
        if not 1 <= number <= 5:
            raise InvalidInput(f"Rate {CRITERIA[key].lower()} from 1 to 5.", field=key)
        clean[key] = number
    if recommendation not in RECOMMENDATIONS:
        raise InvalidInput("Choose a recommendation.", field="recommendation")
    first = assignment.submitted_at is None
    assignment.ratings, assignment.recommendation = clean, recommendation
    assignment.notes, assignment.submitted_at = (notes or "").strip()[:10000] or None, utcnow()
    application = assignment.interview.application
    record_activity(application.candidate_id, "feedback",
                    f"{'Feedback' if first else 'Feedback updated'} from {viewer.name} for {application.job.title}: "
                    f"{RECOMMENDATIONS[recommendation]}", actor_id=viewer.id, job_id=application.job_id,
                    application_id=application.id, data={"assignment_id": assignment.id})
    record_audit("interview.feedback", assignment, actor_id=viewer.id, recommendation=recommendation)
    db.session.commit()
    return assignment


def for_interviewer(user_id: int) -> list[InterviewAssignment]:
    return list(db.session.scalars(select(InterviewAssignment).join(Interview)
                                   .where(InterviewAssignment.interviewer_id == user_id)
                                   .order_by(Interview.starts_at.desc())))


def for_application(application_id: int) -> list[Interview]:
    return list(db.session.scalars(select(Interview).where(Interview.application_id == application_id)
                                   .order_by(Interview.starts_at)))


def for_candidate(candidate_id: int) -> list[Interview]:
    return list(db.session.scalars(select(Interview).join(Application)
                                   .where(Application.candidate_id == candidate_id).order_by(Interview.starts_at)))


def summary(application_id: int, seen: blind.Identity | None = None) -> dict:
    """Feedback on an application: each submitted review, the recommendations counted, average ratings, and
    each review's notes as ``seen`` (``blind.identity`` of the viewer) lets them be read (``notes``, by
    assignment id): an interviewer who wrote the candidate's name sees it replaced by the label under blind
    review, on the review page and in the API alike."""
    interviews = [i for i in for_application(application_id) if not i.cancelled_at]
    submitted = [a for i in interviews for a in i.assignments if a.submitted_at]
    waiting = [a for i in interviews for a in i.assignments if not a.submitted_at]
    counts = {key: sum(1 for a in submitted if a.recommendation == key) for key in RECOMMENDATIONS}
    averages = {key: round(mean(a.ratings[key] for a in submitted if a.ratings and key in a.ratings), 1)
                for key in CRITERIA if any(a.ratings and key in a.ratings for a in submitted)}
    notes = {a.id: (seen.scrub(a.notes) if seen is not None else a.notes) or None for a in submitted}
    return {"submitted": submitted, "waiting": waiting, "counts": counts, "averages": averages, "notes": notes}

