"""Job pages for recruiters and admins."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from nlp.score import DEFAULT_WEIGHTS, LABELS
from recruit.models import CRITERIA, EMPLOYMENT_TYPES, RECOMMENDATIONS, JobStatus, Role
from recruit.permissions import STAFF, role_required
from recruit.responses import csv_download
from recruit.services import applications, bias_audit, blind, catalogue, evidence, interviews, jobs, pipeline, scoring
from recruit.services.clients import RATE_UNITS, placement_for
from recruit.services.errors import InvalidInput, PermissionDenied
from recruit.services.reports import to_csv

from .forms import STATUS_ACTIONS, ChosenForm, JobForm, JobStatusForm, OverrideForm, ScoringForm, ShortlistRuleForm

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

RANKING_PAGE = 50  # applicants per page of a ranking: a recruiter reads the top, not all 2,000


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
            job = jobs.update_job(job.id, form.values(), actor_id=current_user.id)
            flash("Job saved.", "success")
    except InvalidInput as exc:
        getattr(form, exc.field or "title").errors.append(str(exc))
        return None
    standing = jobs.fee_standing(job)
    if not standing["cleared"]:
        flash("The fee is below the rate card's floor: it waits for an executive consultant's approval, and the "
              "job order opens once it is approved.", "warning")
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def create():
    form = JobForm()
    form.set_client_choices(jobs.list_clients(), catalogue.service_lines(active_only=True))
    if request.method == "GET" and request.args.get("client", type=int):
        form.client_id.data = request.args.get("client", type=int)
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
    form.set_client_choices(jobs.list_clients(), catalogue.service_lines(active_only=True)
                            + ([job.service_line] if job.service_line and not job.service_line.active else []))
    del form.status
    if request.method == "GET":
        form.client_id.data = job.client_id or 0
        form.service_line_id.data = job.service_line_id or 0
        form.fee_unit.data = job.fee_unit or ""
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
    blind.prefetch(current_user, [a.candidate_id for a in applicants.items], job_id=job.id)
    return render_template("jobs/detail.html", job=job, applicants=applicants, fee=jobs.fee_standing(job))


@bp.route("/<int:job_id>/status", methods=["POST"])
@role_required(*STAFF)
def change_status(job_id: int):
    try:
        status = JobStatusForm().check()["status"]
        jobs.set_status(job_id, status, actor_id=current_user.id)
    except (InvalidInput, PermissionDenied) as exc:
        flash(str(exc), "error")
    else:
        flash(STATUS_ACTIONS[status], "success")
    return redirect(url_for("jobs.detail", job_id=job_id))


# ------------------------------------------------------------------ shortlisting

def _view(app) -> dict:
    """What a reviewer may see of an application: its identity only where blind review allows."""
    seen = blind.identity(current_user, app.candidate, app.job_id)
    return {"app": app, "hidden": seen.hidden, "label": seen.name, "identity": seen,
            "headline": None if seen.hidden else app.candidate.headline}


@bp.route("/<int:job_id>/ranking")
@role_required(*STAFF)
def ranking(job_id: int):
    job = jobs.get_job(job_id)
    page = scoring.ranked_page(job.id, request.args.get("page", 1, type=int), RANKING_PAGE)
    blind.prefetch(current_user, [a.candidate_id for a in page.items], job_id=job.id)
    return render_template("jobs/ranking.html", job=job, rows=[_view(a) for a in page.items], page=page,
                           suggested=scoring.suggested_shortlist(job))


@bp.route("/<int:job_id>/shortlist", methods=["POST"])
@role_required(*STAFF)
def shortlist(job_id: int):
    ids = ChosenForm().check()["ids"]
    if not ids:
        flash("Choose at least one applicant to shortlist.", "error")
    else:
        moved = scoring.shortlist(job_id, ids, actor_id=current_user.id)
        flash(f"{moved} applicant{'s' if moved != 1 else ''} moved to the shortlisted stage.", "success")
    return redirect(url_for("jobs.ranking", job_id=job_id))


@bp.route("/<int:job_id>/ranking.csv")
@role_required(*STAFF)
def ranking_csv(job_id: int):
    job = jobs.get_job(job_id)
    body = to_csv(scoring.ranking_rows(job, current_user), scoring.RANKING_COLUMNS)
    return csv_download(body, f"ranking-{job.slug or job.id}.csv")


@bp.route("/<int:job_id>/shortlist-rule", methods=["POST"])
@role_required(*STAFF)
def shortlist_rule(job_id: int):
    try:
        scoring.set_shortlist_rule(job_id, **ShortlistRuleForm().check(), actor_id=current_user.id)
    except InvalidInput as exc:
        flash(f"Not changed: {exc}", "error")
    else:
        flash("Suggested shortlist changed.", "success")
    return redirect(url_for("jobs.ranking", job_id=job_id))


@bp.route("/<int:job_id>/applications/<int:application_id>")
@role_required(*STAFF)
def review(job_id: int, application_id: int):
    job = jobs.get_job(job_id)
    app = applications.get(application_id, job_id=job.id)
    view = _view(app)
    shown = evidence.for_review(app, view["identity"])
    return render_template("jobs/review.html", job=job, view=view, segments=shown.segments,
                           breakdown=shown.breakdown,
                           stages=pipeline.stages(), interviews=interviews.for_application(app.id),
                           feedback=interviews.summary(app.id, view["identity"]), criteria=CRITERIA, recommendations=RECOMMENDATIONS,
                           placement=placement_for(app.id), rate_units=RATE_UNITS)


@bp.route("/<int:job_id>/applications/<int:application_id>/override", methods=["POST"])
@role_required(*STAFF)
def override(job_id: int, application_id: int):
    app = applications.get(application_id, job_id=job_id)
    try:
        chosen = OverrideForm().check()
        direction = chosen["direction"]
        scoring.override(app.id, direction, chosen["reason"], actor_id=current_user.id)
    except InvalidInput as exc:
        flash(str(exc), "error")
    else:
        flash({"promote": "Promoted in the ranking.", "demote": "Demoted in the ranking.",
               None: "Override cleared."}[direction], "success")
    return redirect(url_for("jobs.review", job_id=job_id, application_id=application_id))


@bp.route("/<int:job_id>/scoring", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def scoring_settings(job_id: int):
    job = jobs.get_job(job_id)
    if request.method == "POST":
        try:
            scoring.update_settings(job.id, **ScoringForm().check(), actor_id=current_user.id)
        except InvalidInput as exc:
            flash(f"Not saved: {exc}", "error")
        else:
            flash("Scoring settings saved; scores are being recomputed.", "success")
            return redirect(url_for("jobs.ranking", job_id=job.id))
    weights = {**DEFAULT_WEIGHTS, **(job.scoring_weights or {})}
    return render_template("jobs/scoring.html", job=job, weights=weights, labels=LABELS, stages=pipeline.stage_order())


@bp.route("/<int:job_id>/bias")
@role_required(Role.ADMIN)
def bias(job_id: int):
    job = jobs.get_job(job_id)
    return render_template("jobs/bias.html", job=job, audit=scoring.bias_audit(job.id))


@bp.route("/<int:job_id>/decisions.csv")
@role_required(Role.ADMIN)
def decision_log_csv(job_id: int):
    """Every human decision on this job's applications, with who, when, why and the score they saw."""
    job = jobs.get_job(job_id)
    return csv_download(to_csv(bias_audit.decision_log(job.id), bias_audit.DECISION_COLUMNS),
                        f"decisions-{job.id}.csv")
