"""Job pages for recruiters and admins."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.models import EMPLOYMENT_TYPES, JobStatus
from recruit.permissions import STAFF, role_required
from recruit.services import jobs
from recruit.services.errors import InvalidInput

from .forms import JobForm

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

STATUS_ACTIONS = {"open": "Job opened.", "on_hold": "Job put on hold.", "closed": "Job closed.",
                  "draft": "Job moved back to draft."}


@bp.route("/")
@role_required(*STAFF)
def job_list():
    args = request.args
    filters = {
        "q": args.get("q", "").strip(),
        "status": args.get("status", ""),
        "client_id": args.get("client", type=int),
        "owner_id": current_user.id if args.get("mine") else None,
        "employment_type": args.get("type", ""),
    }
    page = jobs.list_jobs(**filters, sort=args.get("sort", "newest"), page=args.get("page", 1, type=int),
                          per_page=current_app.config["PER_PAGE"])
    counts = jobs.applicant_counts(job.id for job in page.items)
    return render_template("jobs/list.html", page=page, counts=counts, filters=filters, sorts=jobs.SORTS,
                           statuses=list(JobStatus), clients=jobs.list_clients(),
                           employment_types=EMPLOYMENT_TYPES)


def _save(form: JobForm, job=None):
    try:
        if job is None:
            job = jobs.create_job(form.values(), actor_id=current_user.id, status=form.status.data)
            flash(f"Job “{job.title}” created.", "success")
        else:
            jobs.update_job(job.id, form.values(), actor_id=current_user.id)
            flash("Job saved.", "success")
    except InvalidInput as exc:
        getattr(form, exc.field or "title").errors.append(str(exc))
        return None
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def create():
    form = JobForm()
    form.set_client_choices(jobs.list_clients())
    if form.validate_on_submit():
        response = _save(form)
        if response is not None:
            return response
    return render_template("jobs/form.html", form=form, job=None)


@bp.route("/<int:job_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(job_id: int):
    job = jobs.get_job(job_id)
    form = JobForm(obj=job if request.method == "GET" else None)
    form.set_client_choices(jobs.list_clients())
    del form.status
    if request.method == "GET":
        form.client_id.data = job.client_id or 0
        form.required_skills.data = ", ".join(job.required_skills or [])
        form.preferred_skills.data = ", ".join(job.preferred_skills or [])
    if form.validate_on_submit():
        response = _save(form, job)
        if response is not None:
            return response
    return render_template("jobs/form.html", form=form, job=job)


@bp.route("/<int:job_id>")
@role_required(*STAFF)
def detail(job_id: int):
    job = jobs.get_job(job_id)
    applicants = jobs.applications_for(job.id, page=request.args.get("page", 1, type=int),
                                       per_page=current_app.config["PER_PAGE"])
    return render_template("jobs/detail.html", job=job, applicants=applicants)


@bp.route("/<int:job_id>/status", methods=["POST"])
@role_required(*STAFF)
def change_status(job_id: int):
    status = request.form.get("status", "")
    if status not in STATUS_ACTIONS:
        flash("Unknown status.", "error")
    else:
        jobs.set_status(job_id, status, actor_id=current_user.id)
        flash(STATUS_ACTIONS[status], "success")
    return redirect(url_for("jobs.detail", job_id=job_id))
