"""Client pages for consultants: the client, its job orders, matching the talent pool, share links."""
import io

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from recruit.forms import ContactForm
from recruit.models import CLIENT_STATUSES, CONTACT_KINDS
from recruit.permissions import STAFF, role_required
from recruit.services import applications, briefs, catalogue, clients, jobs, recommendations, scoring
from recruit.services.errors import Conflict, InvalidInput, PermissionDenied
from recruit.services.resumes import read_upload

from .forms import ClientForm, DocumentForm, PlacementFeedbackForm, PlacementForm, PoolForm, SubmitForm

bp = Blueprint("clients", __name__, url_prefix="/clients")
DOCUMENT_LIMIT = 20 * 1024 * 1024  # a contract or SLA


@bp.route("/")
@role_required(*STAFF)
def client_list():
    return render_template("clients/list.html", clients=clients.clients(status=request.args.get("status") or None),
                           statuses=CLIENT_STATUSES)


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def create():
    form = ClientForm()
    if request.method == "POST":
        try:
            client = clients.save_client(form.check(), actor_id=current_user.id)
        except (InvalidInput, Conflict) as exc:
            flash(str(exc), "error")
            return render_template("clients/form.html", client=None, form=form.submitted, statuses=CLIENT_STATUSES), 400
        return redirect(url_for("clients.detail", client_id=client.id))
    return render_template("clients/form.html", client=None, form=None, statuses=CLIENT_STATUSES)


@bp.route("/<int:client_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(client_id: int):
    client = clients.get_client(client_id)
    form = ClientForm()
    if request.method == "POST":
        try:
            clients.save_client(form.check(), actor_id=current_user.id, client_id=client.id)
        except (InvalidInput, Conflict) as exc:
            flash(str(exc), "error")
            return render_template("clients/form.html", client=client, form=form.submitted,
                                   statuses=CLIENT_STATUSES), 400
        return redirect(url_for("clients.detail", client_id=client.id))
    return render_template("clients/form.html", client=client, form=None, statuses=CLIENT_STATUSES)


@bp.route("/<int:client_id>")
@role_required(*STAFF)
def detail(client_id: int):
    client = clients.get_client(client_id)
    return render_template("clients/detail.html", client=client, orders=clients.job_orders(client.id),
                           submittals=clients.submittals_for(client_id=client.id), report=clients.report(client.id),
                           documents=clients.documents(client.id), activity=clients.activity(client.id),
                           briefs=briefs.briefs_for(client.id), log=briefs.contact_log(client.id),
                           may_write=catalogue.may_write_to_client(client, current_user),
                           may_open_papers=catalogue.may_open_client_papers(client, current_user),
                           consultants=catalogue.consultants(), kinds=CONTACT_KINDS,
                           reports=recommendations.reports_for(client_id=client.id, actor_id=current_user.id),
                           report_subjects=recommendations.subjects(client.id))


@bp.route("/<int:client_id>/contacts", methods=["POST"])
@role_required(*STAFF)
def add_contact(client_id: int):
    form = ContactForm()
    try:
        clients.add_contact(client_id, form.check(), actor_id=current_user.id)
    except (InvalidInput, PermissionDenied) as exc:
        flash(str(exc), "error")
    return redirect(url_for("clients.detail", client_id=client_id) + "#contacts")


@bp.route("/<int:client_id>/documents", methods=["POST"])
@role_required(*STAFF)
def add_document(client_id: int):
    form = DocumentForm()
    try:
        kind = form.check()["kind"]
        upload = read_upload(form.document.data, limit=DOCUMENT_LIMIT, field="document")
        if upload is None:
            flash("Choose a file.", "error")
        else:
            clients.add_document(client_id, *upload, kind, actor_id=current_user.id)
            flash("Document kept.", "success")
    except InvalidInput as exc:
        flash(str(exc), "error")
    return redirect(url_for("clients.detail", client_id=client_id) + "#documents")


@bp.route("/<int:client_id>/documents/<int:document_id>")
@role_required(*STAFF)
def document(client_id: int, document_id: int):
    doc = clients.get_document(client_id, document_id)
    data = clients.document_data(doc)
    return send_file(io.BytesIO(data), mimetype=doc.mimetype, as_attachment=True, download_name=doc.filename)


# ------------------------------------------------------------------ a job order

@bp.route("/orders/<int:job_id>/match", methods=["GET", "POST"])
@role_required(*STAFF)
def match(job_id: int):
    job = jobs.get_job(job_id)
    if request.method == "POST":
        added = clients.add_from_pool(job.id, PoolForm().check()["candidate_ids"], actor_id=current_user.id)
        flash(f"{added} candidate{'s' if added != 1 else ''} added to {job.title} from the talent pool.", "success")
        # A client's job order goes on to submitting; an in-house job to its ranking, where they now are.
        return redirect(url_for("clients.submit", job_id=job.id) if job.client_id else
                        url_for("jobs.ranking", job_id=job.id))
    prefer = request.args.get("placed") == "1"
    return render_template("clients/match.html", job=job, prefer=prefer,
                           rows=clients.match_pool(job.id, prefer_placed=prefer))


@bp.route("/orders/<int:job_id>/submit", methods=["GET", "POST"])
@role_required(*STAFF)
def submit(job_id: int):
    job = jobs.get_job(job_id)
    if request.method == "POST":
        form = SubmitForm()
        try:
            chosen = form.check()
            ids = chosen.pop("ids")
            if form.consent():
                asked, problems = clients.ask_consent(ids, actor_id=current_user.id, sender_name=current_user.name)
                flash(f"Consent asked of {asked} candidate{'s' if asked != 1 else ''} by email.", "success")
                for problem in problems:
                    flash(f"Not asked: {problem}.", "error")
            else:
                _, link = clients.create_submittal(job.id, ids, actor_id=current_user.id, **chosen)
                flash(f"Share link created: {link} (copy it now: it is not shown again; the contact has it by email).",
                      "success")
        except InvalidInput as exc:
            flash(str(exc), "error")
        return redirect(url_for("clients.submit", job_id=job.id))
    apps = scoring.ranked(job.id)
    answers = clients.consent_statuses([a.candidate_id for a in apps], job.client_id) if job.client_id else {}
    return render_template("clients/submit.html", job=job, apps=apps,
                           consent={a.id: answers.get(a.candidate_id) for a in apps}, decisions=clients.DECISIONS,
                           submitted=clients.submitted_application_ids(job.id),
                           submittals=clients.submittals_for(job_id=job.id))


@bp.route("/submittals/<int:submittal_id>/revoke", methods=["POST"])
@role_required(*STAFF)
def revoke(submittal_id: int):
    submittal = clients.revoke(submittal_id, actor_id=current_user.id)
    flash("Link withdrawn: it now shows nothing.", "success")
    return redirect(url_for("clients.submit", job_id=submittal.job_id))


@bp.route("/submittals/<int:submittal_id>/views")
@role_required(*STAFF)
def views(submittal_id: int):
    submittal = clients.get_submittal(submittal_id)
    return render_template("clients/views.html", submittal=submittal, views=clients.view_log(submittal.id))


@bp.route("/applications/<int:application_id>/placement", methods=["POST"])
@role_required(*STAFF)
def placement(application_id: int):
    app = applications.get(application_id)
    form = PlacementForm()
    try:
        clients.place(app.id, **form.check(), actor_id=current_user.id)
    except InvalidInput as exc:
        flash(str(exc), "error")
    else:
        flash("Placement recorded.", "success")
    return redirect(url_for("jobs.review", job_id=app.job_id, application_id=app.id))


@bp.route("/placements/<int:placement_id>/feedback", methods=["POST"])
@role_required(*STAFF)
def placement_feedback(placement_id: int):
    form = PlacementFeedbackForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        placement = clients.placement_feedback(placement_id, **form.values(), actor_id=current_user.id)
        flash("Feedback recorded.", "success")
    except InvalidInput as exc:
        flash(str(exc), "error")
        return redirect(url_for("clients.client_list"))
    if placement.client_id is None:  # the client was deleted since
        return redirect(url_for("candidates.detail", candidate_id=placement.application.candidate_id))
    return redirect(url_for("clients.detail", client_id=placement.client_id) + "#placements")
