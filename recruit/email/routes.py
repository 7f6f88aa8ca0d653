"""The outbox and email templates (admins), and writing to one candidate (recruiters)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.models import OUTBOX_STATUSES, Role
from recruit.permissions import STAFF, role_required, safe_next
from recruit.services import blind
from recruit.services import candidates as candidate_service
from recruit.services import email, jobs
from recruit.services.errors import InvalidInput

from .forms import BulkPreviewForm, ComposeForm, TemplateForm

bp = Blueprint("email", __name__)


@bp.route("/admin/outbox")
@role_required(Role.ADMIN)
def outbox():
    status = request.args.get("status") if request.args.get("status") in OUTBOX_STATUSES else None
    return render_template("email/outbox.html", page=email.outbox(status=status, page=request.args.get("page", 1, type=int)),
                           status=status, statuses=OUTBOX_STATUSES, smtp=email.smtp_configured())


@bp.route("/admin/outbox/<int:message_id>")
@role_required(Role.ADMIN)
def message(message_id: int):
    return render_template("email/message.html", message=email.get_message(message_id))


@bp.route("/admin/email-templates")
@role_required(Role.ADMIN)
def template_list():
    return render_template("email/templates.html", templates=email.templates())


@bp.route("/admin/email-templates/<key>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_template(key: str):
    template = email.get_template(key)
    if request.method == "POST":
        form = TemplateForm()
        try:
            email.update_template(key, **form.check(), actor_id=current_user.id)
        except InvalidInput as exc:
            flash(str(exc), "error")
            return render_template("email/template_form.html", template=template, form=form.submitted,
                                   placeholders=email.PLACEHOLDERS), 400
        flash("Template saved.", "success")
        return redirect(url_for("email.template_list"))
    return render_template("email/template_form.html", template=template, form=None, placeholders=email.PLACEHOLDERS)


@bp.route("/candidates/<int:candidate_id>/email", methods=["GET", "POST"])
@role_required(*STAFF)
def compose(candidate_id: int):
    candidate = candidate_service.get_candidate(candidate_id)
    chosen = request.args.get("template")
    template = email.get_template(chosen) if chosen else None
    form = ComposeForm()
    if request.method == "POST":
        typed = form.check()
        application_id, subject, body = typed["application_id"], typed["subject"], typed["body"]
    else:
        application_id = request.args.get("application_id", type=int)
        subject, body = (template.subject, template.body) if template else ("", "")
    shown = None
    if request.method == "GET" and template or form.preview():
        try:
            shown = email.preview(candidate.id, subject=subject, body=body, application_id=application_id,
                                  sender_name=current_user.name)
        except InvalidInput as exc:
            flash(str(exc), "error")
    elif request.method == "POST":
        try:
            email.send_one(candidate.id, **typed, actor_id=current_user.id, sender_name=current_user.name)
        except InvalidInput as exc:
            flash(str(exc), "error")
        else:
            seen = blind.identity(current_user, candidate)
            flash(f"Email to {seen.name if seen.hidden else candidate.email} queued.", "success")
            return redirect(safe_next(form.next.data, url_for("candidates.detail", candidate_id=candidate.id)))
    return render_template("email/compose.html", candidate=candidate, template=template, templates=email.templates(),
                           application_id=application_id, placeholders=email.PLACEHOLDERS,
                           applications=candidate.applications, shown=shown)


@bp.route("/jobs/<int:job_id>/email", methods=["POST"])
@role_required(*STAFF)
def bulk(job_id: int):
    """The message for the applications ticked on the board, as one of them would get it, and who it would
    not be sent to and why; sending goes to the board's email action."""
    job = jobs.get_job(job_id)
    typed = BulkPreviewForm().check()
    ids = typed["ids"]
    if not ids:
        flash("Choose at least one candidate to email.", "error")
        return redirect(url_for("pipeline.board", job_id=job.id))
    drafts = email.prepare_bulk(typed["template"], ids, sender_name=current_user.name, job_id=job.id)
    if not drafts:
        flash("None of those candidates is in this job.", "error")
        return redirect(url_for("pipeline.board", job_id=job.id))
    chosen = typed["preview"]
    shown = (next((d for d in drafts if d["application"].id == chosen), None)
             or next((d for d in drafts if not d["problems"]), drafts[0]))
    return render_template("email/bulk.html", job=job, drafts=drafts, shown=shown, templates=email.templates(),
                           sendable=sum(1 for d in drafts if not d["problems"]))
