"""Review queue pages: the list of doubtful parses, and one resume beside its fields to confirm."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.errors import error_response
from recruit.forms import CorrectionsForm
from recruit.permissions import STAFF, role_required
from recruit.services import blind, parsing, review
from recruit.services.errors import InvalidInput

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.route("/")
@role_required(*STAFF)
def queue():
    batch_id = request.args.get("batch", type=int)
    page = review.queue(page=request.args.get("page", 1, type=int), batch_id=batch_id)
    return render_template("review/queue.html", page=page, stats=review.stats(), batch_id=batch_id)


@bp.route("/<int:resume_id>", methods=["GET", "POST"])
@role_required(*STAFF)
def resume(resume_id: int):
    item = review.get_for_review(resume_id)
    if blind.is_hidden(current_user, item.candidate_id):
        return error_response(403, "Blind review hides who this applicant is from you, and checking a parse means "
                                   "reading their name and contact details: an admin checks this one.")
    if request.method == "POST":
        form = CorrectionsForm()
        try:
            typed = form.check()
            fields = review.confirm(item.id, typed["changes"], typed["contact"], actor_id=current_user.id)
        except InvalidInput as exc:
            flash(f"Not saved: {exc}", "error")
        else:
            flash(f"Confirmed {item.candidate.name}" + (f", {len(fields)} field{'s' if len(fields) != 1 else ''} corrected."
                                                         if fields else "."), "success")
            following = review.next_pending(item) if form.next.data else None
            if following is not None:
                return redirect(url_for("review.resume", resume_id=following.id))
            return redirect(url_for("review.queue"))
    profile = parsing.profile_for(item.candidate_id, item) or {}
    segments = parsing.evidence_segments(item.extracted_text or "", profile.get("evidence", {}),
                                         skip=set(profile.get("corrected", [])))
    return render_template("review/resume.html", resume=item, candidate=item.candidate, profile=profile,
                           segments=segments, confidence=item.confidence or {},
                           pending=review.pending_count())
