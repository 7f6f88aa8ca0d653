"""Scheduling interviews (recruiters) and the feedback form (each interviewer, own assignments only)."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.models import CRITERIA, RECOMMENDATIONS
from recruit.errors import error_response
from recruit.permissions import EVERYONE, STAFF, role_required
from recruit.responses import send_resume
from recruit.services import applications, blind, interviews, parsing
from recruit.services.errors import InvalidInput, NotFound

from .forms import CancelForm, FeedbackForm, ScheduleForm

bp = Blueprint("interviews", __name__)


@bp.route("/jobs/<int:job_id>/applications/<int:application_id>/interviews/new", methods=["GET", "POST"])
@role_required(*STAFF)
def schedule(job_id: int, application_id: int):
    app = applications.get(application_id, job_id=job_id)
    form = ScheduleForm()
    if request.method == "POST":
        try:
            interviews.schedule(app.id, **form.check(), actor_id=current_user.id, sender_name=current_user.name)
        except InvalidInput as exc:
            flash(str(exc), "error")
        else:
            flash("Interview scheduled; the invitations are in the outbox.", "success")
            return redirect(url_for("jobs.review", job_id=job_id, application_id=application_id))
    return render_template("interviews/schedule.html", app=app, job=app.job, zones=interviews.common_zones(),
                           people=interviews.interviewers(),
                           identity=blind.identity(current_user, app.candidate, app.job_id))


@bp.route("/interviews/<int:interview_id>/cancel", methods=["POST"])
@role_required(*STAFF)
def cancel(interview_id: int):
    interview = interviews.cancel(interview_id, actor_id=current_user.id, **CancelForm().check())
    flash("Interview cancelled; the candidate is told.", "success")
    app = interview.application
    return redirect(url_for("jobs.review", job_id=app.job_id, application_id=app.id))


@bp.route("/interviews/<int:interview_id>/invite.ics")
@role_required(*STAFF)
def invite(interview_id: int):
    interview = interviews.get_interview(interview_id)
    if blind.identity(current_user, interview.application.candidate, interview.application.job_id).hidden:
        return error_response(403, "The invitation names the candidate, whom blind review hides from you.")
    return Response(interviews.calendar(interview, method="CANCEL" if interview.cancelled_at else "REQUEST"),
                    mimetype="text/calendar",
                    headers={"Content-Disposition": f"attachment; filename=interview-{interview.id}.ics"})


@bp.route("/interviews/mine")
@role_required(*EVERYONE)
def mine():
    return render_template("interviews/mine.html", assignments=interviews.for_interviewer(current_user.id))


@bp.route("/interviews/assignments/<int:assignment_id>/resume")
@role_required(*EVERYONE)
def resume(assignment_id: int):
    """The resume of the candidate an interviewer is assigned to (blacked out while blind review hides them)."""
    assignment = interviews.get_assignment(assignment_id, current_user)  # someone else's: 404, as for feedback
    shown = interviews.resume_for_assignment(assignment, current_user)
    return send_resume(shown, inline=request.args.get("inline") == "1", etag=f"assignment-{assignment.id}")


@bp.route("/interviews/assignments/<int:assignment_id>", methods=["GET", "POST"])
@role_required(*EVERYONE)
def feedback(assignment_id: int):
    try:
        assignment = interviews.get_assignment(assignment_id, current_user)
    except NotFound:
        abort(404)
    if request.method == "POST":
        try:
            interviews.submit_feedback(assignment.id, current_user, **FeedbackForm().check())
        except InvalidInput as exc:
            flash(str(exc), "error")
        else:
            flash("Thank you: your feedback is saved.", "success")
            return redirect(url_for("interviews.mine"))
    app = assignment.interview.application
    profile = parsing.profile_for(app.candidate_id)
    seen = blind.identity(current_user, app.candidate, app.job_id)
    return render_template("interviews/feedback.html", assignment=assignment, interview=assignment.interview,
                           app=app, criteria=CRITERIA, recommendations=RECOMMENDATIONS, profile=profile,
                           hidden=seen.hidden, label=seen.name, when=interviews.when_text(assignment.interview),
                           where=interviews.where_text(assignment.interview))
