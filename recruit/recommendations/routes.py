"""Recommendation report pages for consultants: draft from a job order, edit, issue, download, send."""
import io

from flask import Blueprint, flash, redirect, render_template, send_file, url_for
from flask_login import current_user

from recruit.models import IssuedVersionChanged
from recruit.permissions import STAFF, role_required
from recruit.services import recommendations, report_documents
from recruit.services.errors import InvalidInput, NotFound

from .forms import DraftForm, NewReportForm, ShareForm

bp = Blueprint("recommendations", __name__, url_prefix="/recommendations")


@bp.route("/new", methods=["POST"])
@role_required(*STAFF)
def create():
    form = NewReportForm()
    values = form.values()
    back = url_for("jobs.detail", job_id=values["job_id"]) if values["job_id"] else url_for("clients.client_list")
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        job_id, brief_id = values.pop("job_id"), values.pop("brief_id")
        draft = recommendations.draft_for_brief if brief_id else recommendations.draft_for_job
        report = draft(brief_id or job_id, actor_id=current_user.id, prepared_by=current_user.name, **values)
    except (InvalidInput, NotFound) as exc:
        flash(str(exc), "error")
        return redirect(back)
    flash("Draft written from the ranking and the evidence: read it, edit it, then issue it.", "success")
    return redirect(url_for("recommendations.detail", report_id=report.id))


def _page(report, version, status=200):
    recommendations.log_staff_view(version, actor_id=current_user.id)
    return render_template("recommendations/detail.html", report=report, version=version, c=version.content,
                           met=report_documents.MET, sections=report_documents.SECTIONS,
                           decisions=recommendations.decisions(version)), status


@bp.route("/<int:report_id>")
@role_required(*STAFF)
def detail(report_id: int):
    report = recommendations.get_report(report_id, actor_id=current_user.id)
    return _page(report, report.latest)


@bp.route("/<int:report_id>/v<int:number>")
@role_required(*STAFF)
def version(report_id: int, number: int):
    report = recommendations.get_report(report_id, actor_id=current_user.id)
    return _page(report, recommendations.get_version(report.id, number))


@bp.route("/<int:report_id>/draft", methods=["POST"])
@role_required(*STAFF)
def save(report_id: int):
    form = DraftForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        draft = recommendations.save_draft(report_id, form.values(), actor_id=current_user.id)
    except (InvalidInput, IssuedVersionChanged) as exc:
        flash(str(exc), "error")
        return redirect(url_for("recommendations.detail", report_id=report_id))
    flash(f"Draft version {draft.number} saved.", "success")
    return redirect(url_for("recommendations.detail", report_id=report_id))


@bp.route("/<int:report_id>/issue", methods=["POST"])
@role_required(*STAFF)
def issue(report_id: int):
    try:
        issued = recommendations.issue(report_id, actor_id=current_user.id)
    except InvalidInput as exc:
        flash(str(exc), "error")
    else:
        flash(f"Version {issued.number} issued: it is kept as it is now. Send it below.", "success")
    return redirect(url_for("recommendations.detail", report_id=report_id))


@bp.route("/<int:report_id>/v<int:number>.<any(pdf, docx):kind>")
@role_required(*STAFF)
def download(report_id: int, number: int, kind: str):
    report = recommendations.get_report(report_id, actor_id=current_user.id)
    version = recommendations.get_version(report.id, number)
    recommendations.log_staff_view(version, actor_id=current_user.id, what=kind)
    return _file(version, kind)


def _file(version, kind: str):
    data = report_documents.pdf(version) if kind == "pdf" else report_documents.docx(version)
    mimetype = "application/pdf" if kind == "pdf" else report_documents.DOCX_MIME
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True,
                     download_name=f"{report_documents.filename(version)}.{kind}")


@bp.route("/<int:report_id>/v<int:number>/send", methods=["POST"])
@role_required(*STAFF)
def send(report_id: int, number: int):
    form = ShareForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        row, link = recommendations.share(report_id, number, actor_id=current_user.id, sender_name=current_user.name,
                                          **form.values())
    except InvalidInput as exc:
        flash(str(exc), "error")
    else:
        flash(f"Link created: {link} (copy it now: it is not shown again"
              + ("; the contact has it by email)." if row.emailed else ")."), "success")
    return redirect(url_for("recommendations.version", report_id=report_id, number=number) + "#send")


@bp.route("/links/<int:share_id>/revoke", methods=["POST"])
@role_required(*STAFF)
def revoke(share_id: int):
    row = recommendations.revoke(share_id, actor_id=current_user.id)
    flash("Link withdrawn: it now shows nothing.", "success")
    return redirect(url_for("recommendations.version", report_id=row.version.report_id, number=row.version.number)
                    + "#send")
