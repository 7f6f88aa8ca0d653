"""The pipeline board of a job (drag and drop, keyboard, bulk moves) and the stages admins configure."""
from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.errors import wants_json
from recruit.models import Role
from recruit.permissions import STAFF, role_required, safe_next
from recruit.services import email as email_service
from recruit.services import jobs, pipeline, rejections
from recruit.services.errors import InvalidInput, NotFound

from .forms import BulkEmailForm, MoveForm, ReasonForm, StageForm

bp = Blueprint("pipeline", __name__)


@bp.route("/jobs/<int:job_id>/board")
@role_required(*STAFF)
def board(job_id: int):
    job = jobs.get_job(job_id)
    data = pipeline.board(job, current_user, expand=request.args.get("stage"))
    return render_template("pipeline/board.html", job=job, board=data, stages=pipeline.stages(),
                           templates=email_service.templates())


@bp.app_template_global()
def reason_dialog() -> dict:
    """What the reason dialog (pipeline/_reason_dialog.html) offers: the admins' rejection reasons and the
    name of the rejection email's template; read only by the pages that include the dialog."""
    return {"rejection_reasons": rejections.reasons(),
            "rejection_template": email_service.get_template(rejections.TEMPLATE).name}


@bp.route("/jobs/<int:job_id>/board/move", methods=["POST"])
@role_required(*STAFF)
def move(job_id: int):
    form = MoveForm()
    chosen = form.check()
    ids, to_stage = chosen["ids"], chosen["to_stage"]
    back = safe_next(form.next.data, url_for("pipeline.board", job_id=job_id))
    if not ids:
        message = "Choose at least one candidate to move."
        if wants_json():
            return jsonify(error=message), 400
        flash(message, "error")
        return redirect(back)
    result, emailed, problems = rejections.move(ids, to_stage, actor_id=current_user.id, reason=chosen["reason"],
                                                job_id=job_id, send_rejection_email=chosen["send_email"],
                                                sender_name=current_user.name)
    stage = pipeline.get_stage(to_stage)
    if wants_json():
        return jsonify(moved=result.moved, skipped=[{"id": i, "why": why} for i, why in result.skipped],
                       stage=stage.key, label=stage.label, emailed=emailed, email_problems=problems)
    if result.moved:
        flash(f"Moved {len(result.moved)} to {stage.label}."
              + (f" Rejection email queued for {emailed}." if emailed else ""), "success")
    for _, why in dict(result.skipped).items():
        flash(f"Not moved: {why}.", "error")
    for problem in problems:
        flash(f"No email sent: {problem}.", "error")
    return redirect(back)


# ------------------------------------------------------------------ admin: stages

@bp.route("/admin/stages", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def stages():
    if request.method == "POST":
        try:
            chosen = StageForm().check()
            action, key = chosen["action"], chosen["key"]
            if action == "add":
                stage = pipeline.add_stage(chosen["label"], actor_id=current_user.id, after=chosen["after"])
                flash(f"Stage {stage.label} added.", "success")
            elif action == "rename":
                pipeline.update_stage(key, label=chosen["label"], actor_id=current_user.id)
                flash("Stage renamed.", "success")
            elif action in ("up", "down"):
                pipeline.update_stage(key, direction=action, actor_id=current_user.id)
            else:  # retire or restore
                pipeline.update_stage(key, active=action == "restore", actor_id=current_user.id)
                flash("Stage retired: it no longer shows on boards unless candidates are in it."
                      if action == "retire" else "Stage restored.", "success")
        except InvalidInput as exc:
            flash(str(exc), "error")
        return redirect(url_for("pipeline.stages"))
    return render_template("pipeline/stages.html", stages=pipeline.stages(include_retired=True),
                           usage=pipeline.usage())


@bp.route("/admin/rejection-reasons", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def rejection_reasons():
    if request.method == "POST":
        try:
            chosen = ReasonForm().check()
            action = chosen["action"]
            if action == "add":
                reason = rejections.add_reason(chosen["label"], actor_id=current_user.id)
                flash(f"Reason “{reason.label}” added.", "success")
            else:
                rejections.update_reason(chosen["reason_id"], actor_id=current_user.id,
                                         label=chosen["label"] if action == "rename" else None,
                                         active={"remove": False, "restore": True}.get(action),
                                         direction=action if action in ("up", "down") else None)
                flash({"rename": "Reason renamed.", "remove": "Reason removed from the list.",
                       "restore": "Reason restored."}.get(action, "Order changed."), "success")
        except (InvalidInput, NotFound) as exc:
            flash(str(exc), "error")
        return redirect(url_for("pipeline.rejection_reasons"))
    return render_template("pipeline/rejection_reasons.html", reasons=rejections.reasons(include_removed=True))


@bp.route("/jobs/<int:job_id>/board/email", methods=["POST"])
@role_required(*STAFF)
def email(job_id: int):
    form = BulkEmailForm()
    chosen = form.check()
    ids = chosen["ids"]
    back = safe_next(form.next.data, url_for("pipeline.board", job_id=job_id))
    if not ids:
        flash("Choose at least one candidate to email.", "error")
        return redirect(back)
    queued, problems = email_service.send_template(chosen["template"], ids, actor_id=current_user.id,
                                                   sender_name=current_user.name, job_id=job_id)
    if queued:
        flash(f"{queued} email{'s' if queued != 1 else ''} queued; they show in the outbox and on each timeline.",
              "success")
    for problem in problems:
        flash(f"Not sent: {problem}.", "error")
    return redirect(back)
