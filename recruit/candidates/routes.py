"""Candidate pages for recruiters and admins."""
import io

from flask import (Blueprint, current_app, flash, redirect, render_template, request, send_file,
                   url_for)
from flask_login import current_user
from markupsafe import Markup, escape

from recruit.models import SOURCES
from recruit.permissions import STAFF, role_required
from recruit.services import audit
from recruit.services import candidates as service
from recruit.services import jobs as job_service
from recruit.services import parsing, resumes
from recruit.services.errors import Conflict, InvalidInput

from .forms import AddToJobForm, CandidateForm, NewCandidateForm, ResumeForm

bp = Blueprint("candidates", __name__, url_prefix="/candidates")


def _uploaded(field) -> tuple[bytes, str] | None:
    """The bytes and name of an uploaded file, or None when nothing was chosen."""
    storage = field.data
    if storage is None or not getattr(storage, "filename", ""):
        return None
    limit = resumes.max_resume_bytes()
    data = storage.stream.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(f"The file is larger than the {limit // 1048576} MB limit.", field="resume")
    return data, storage.filename


def _duplicate_message(exc: Conflict) -> Markup:
    link = url_for("candidates.detail", candidate_id=exc.existing_id)
    return Markup(f'{escape(str(exc))} <a href="{link}">Open the existing candidate</a>.')


@bp.route("/")
@role_required(*STAFF)
def candidate_list():
    args = request.args
    filters = {
        "q": args.get("q", "").strip(),
        "source": args.get("source", ""),
        "job_id": args.get("job", type=int),
        "has_resume": args.get("resume", ""),
        "archived": args.get("archived") == "1",
    }
    page = service.list_candidates(**filters, sort=args.get("sort", "newest"),
                                   page=args.get("page", 1, type=int), per_page=current_app.config["PER_PAGE"])
    return render_template("candidates/list.html", page=page, filters=filters, sorts=service.SORTS,
                           sources=SOURCES, jobs=job_service.job_choices())


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def create():
    form = NewCandidateForm()
    form.job_id.choices = {0: "— none —", **{j.id: j.title for j in job_service.job_choices()}}
    if request.method == "GET" and request.args.get("job", type=int):
        form.job_id.data = request.args.get("job", type=int)
    if form.validate_on_submit():
        try:
            candidate = service.create_candidate(form.values(), actor_id=current_user.id, source=form.source.data,
                                                 resume=_uploaded(form.resume), job_id=form.job_id.data or None)
        except Conflict as exc:
            form.email.errors.append(_duplicate_message(exc))
        except InvalidInput as exc:
            getattr(form, exc.field or "name").errors.append(str(exc))
        else:
            flash(f"{candidate.name} added.", "success")
            return redirect(url_for("candidates.detail", candidate_id=candidate.id))
    return render_template("candidates/form.html", form=form, candidate=None)


@bp.route("/<int:candidate_id>")
@role_required(*STAFF)
def detail(candidate_id: int):
    candidate = service.get_candidate(candidate_id)
    add_form = AddToJobForm()
    taken = {a.job_id for a in candidate.applications}
    add_form.job_id.choices = {j.id: j.title for j in job_service.job_choices() if j.id not in taken}
    return render_template("candidates/detail.html", candidate=candidate, resume_form=ResumeForm(),
                           add_form=add_form, timeline=audit.timeline(candidate.id))


@bp.route("/<int:candidate_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(candidate_id: int):
    candidate = service.get_candidate(candidate_id)
    form = CandidateForm(obj=candidate if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            service.update_candidate(candidate.id, form.values(), actor_id=current_user.id)
        except Conflict as exc:
            form.email.errors.append(_duplicate_message(exc))
        except InvalidInput as exc:
            getattr(form, exc.field or "name").errors.append(str(exc))
        else:
            flash("Candidate saved.", "success")
            return redirect(url_for("candidates.detail", candidate_id=candidate.id))
    return render_template("candidates/form.html", form=form, candidate=candidate)


@bp.route("/<int:candidate_id>/resumes", methods=["POST"])
@role_required(*STAFF)
def upload_resume(candidate_id: int):
    service.get_candidate(candidate_id)
    form = ResumeForm()
    try:
        upload = _uploaded(form.resume) if form.validate_on_submit() else None
        if upload is None:
            raise InvalidInput("Choose a file to upload.")
        resume = service.add_resume(candidate_id, *upload, actor_id=current_user.id)
    except (InvalidInput, Conflict) as exc:
        flash(f"Resume not uploaded: {exc}", "error")
    else:
        flash(f"Resume {resume.filename} uploaded.", "success")
    return redirect(url_for("candidates.detail", candidate_id=candidate_id))


@bp.route("/<int:candidate_id>/resumes/<int:resume_id>")
@role_required(*STAFF)
def download_resume(candidate_id: int, resume_id: int):
    resume = resumes.get_resume(resume_id, candidate_id=candidate_id)
    return send_file(io.BytesIO(resumes.resume_bytes(resume)), mimetype=resume.mimetype,
                     as_attachment=request.args.get("inline") != "1", download_name=resume.filename,
                     etag=resume.sha256, max_age=0)


@bp.route("/<int:candidate_id>/applications", methods=["POST"])
@role_required(*STAFF)
def add_to_job(candidate_id: int):
    form = AddToJobForm()
    form.job_id.choices = {j.id: j.title for j in job_service.job_choices()}
    if form.validate_on_submit():
        try:
            application = service.add_to_job(candidate_id, form.job_id.data, actor_id=current_user.id)
        except (Conflict, InvalidInput) as exc:
            flash(str(exc), "error")
        else:
            flash(f"Added to {application.job.title}.", "success")
    else:
        flash("Choose a job.", "error")
    return redirect(url_for("candidates.detail", candidate_id=candidate_id))


@bp.route("/<int:candidate_id>/archive", methods=["POST"])
@role_required(*STAFF)
def archive(candidate_id: int):
    archived = request.form.get("archived", "1") == "1"
    service.set_archived(candidate_id, archived, actor_id=current_user.id)
    flash("Candidate archived." if archived else "Candidate restored.", "success")
    return redirect(url_for("candidates.detail", candidate_id=candidate_id))


@bp.route("/<int:candidate_id>/profile", methods=["GET", "POST"])
@role_required(*STAFF)
def profile(candidate_id: int):
    candidate = service.get_candidate(candidate_id)
    if request.method == "POST":
        changes = {key[2:]: value for key, value in request.form.items() if key.startswith("f:")}
        try:
            changed = parsing.correct_profile(candidate.id, changes, actor_id=current_user.id)
        except InvalidInput as exc:
            flash(f"Not saved: {exc}", "error")
        else:
            flash(f"Saved {len(changed)} correction{'s' if len(changed) != 1 else ''}." if changed
                  else "Nothing changed.", "success" if changed else "info")
            return redirect(url_for("candidates.profile", candidate_id=candidate.id))
    resume = parsing.latest_parsed_resume(candidate.id)
    found = parsing.profile_for(candidate.id, resume)
    segments = []
    if resume is not None and found is not None:
        segments = parsing.evidence_segments(resume.extracted_text or "", found.get("evidence", {}),
                                             skip=set(found.get("corrected", [])))
    return render_template("candidates/profile.html", candidate=candidate, resume=resume, profile=found,
                           segments=segments, editing=request.args.get("edit") == "1")


@bp.route("/<int:candidate_id>/resumes/<int:resume_id>/parse", methods=["POST"])
@role_required(*STAFF)
def reparse(candidate_id: int, resume_id: int):
    resume = resumes.get_resume(resume_id, candidate_id=candidate_id)
    parsing.queue_parse(resume.id)
    flash(f"{resume.filename} is queued for parsing; the profile updates when it is done.", "info")
    return redirect(url_for("candidates.profile", candidate_id=candidate_id))
