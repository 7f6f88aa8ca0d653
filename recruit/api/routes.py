"""/api/v1: thin views over the same services as the pages. Each parses the request (webargs, through
flask-smorest), calls one service, and answers JSON the schemas describe."""
from __future__ import annotations

from datetime import timezone

from flask import current_app, jsonify, render_template, url_for
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy.exc import DataError

from recruit.campus.forms import CheckInForm, EventForm
from recruit.clients.forms import ClientForm, SubmitForm
from recruit.extensions import csrf, limiter
from recruit.interviews.forms import FeedbackForm
from recruit.public.forms import StudentForm
from recruit.services import (api_listing, applications, blind, campus, careers, candidates, clients, imports,
                              interviews, jobs, json_resume, notes, pipeline, profiles, resumes, scoring)
from recruit.services.calendars import zone
from recruit.services.errors import InvalidInput, NotFound, ServiceError

from . import schemas
from .conventions import (authenticate, check_if_match, created, decode_cursor, handle_data_error, handle_http_error,
                          handle_service_error, idempotent, paged, rate_key, rate_limit_headers, scope_required,
                          through_form, with_etag)

bp = Blueprint("api", __name__, url_prefix="/api/v1", description="recruit's JSON API")
csrf.exempt(bp)


def _rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


limiter.limit(_rate_limit, key_func=rate_key)(bp)
bp.before_request(authenticate)
bp.after_request(rate_limit_headers)
bp.register_error_handler(400, handle_http_error)
bp.register_error_handler(404, handle_http_error)
bp.register_error_handler(405, handle_http_error)
bp.register_error_handler(412, handle_http_error)
bp.register_error_handler(422, handle_http_error)
bp.register_error_handler(429, handle_http_error)
bp.register_error_handler(ServiceError, handle_service_error)
bp.register_error_handler(DataError, handle_data_error)
bp.register_error_handler(OverflowError, handle_data_error)

# --- the document and its page ---------------------------------------------------------------------------------

@bp.route("/openapi.json")
@bp.doc(security=[])
@bp.response(200, description="The OpenAPI 3.1 document", content_type="application/json")
def openapi():
    """The OpenAPI 3.1 document of this API."""
    return jsonify(current_app.extensions["api_docs"].spec.to_dict())


@bp.route("/docs")
@bp.doc(security=[])
@bp.response(200, description="The API reference as a page", content_type="text/html")
def docs():
    """This API's reference, rendered here from the OpenAPI document (no script, no CDN)."""
    page = render_template("api/docs.html", spec=current_app.extensions["api_docs"].spec.to_dict())
    return current_app.response_class(page, mimetype="text/html")  # a Response: flask-smorest passes it as it is


# --- jobs ------------------------------------------------------------------------------------------------------

def _job(job) -> dict:
    return schemas.dumper(schemas.Job).dump(job)


@bp.route("/jobs")
@scope_required("jobs:read")
@bp.arguments(schemas.JobListQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.JobList)
def job_list(limit, cursor, updated_after, status):
    """Jobs in id order, a page at a time (follow ``Link: rel="next"``)."""
    rows, more = api_listing.jobs_page(after=decode_cursor(cursor), limit=limit, updated_after=updated_after,
                                       status=status)
    return paged([_job(j) for j in rows], more, rows[-1].id if rows else None)


@bp.route("/jobs", methods=["POST"])
@scope_required("jobs:write")
@idempotent
@bp.arguments(schemas.Job)
@bp.response(201, schemas.Job)
def job_create(values):
    """Create a job (a draft), with its requirements. Send ``Idempotency-Key`` to retry safely."""
    job = jobs.create_job(values, actor_id=current_user.id)
    return created(_job(job), url_for("api.job_detail", job_id=job.id), etag_for=job)


@bp.route("/jobs/<int:job_id>", endpoint="job_detail")
class JobItem(MethodView):
    """One job. GET and PATCH share one URL rule: with two rules for one path, an id past the integer range
    answered PATCH with 405 instead of 404 (werkzeug checks the method before the number)."""

    @scope_required("jobs:read")
    @bp.response(200, schemas.Job)
    def get(self, job_id):
        """A job and its requirements, with an ``ETag`` to send back as ``If-Match`` when updating."""
        job = jobs.get_job(job_id)
        return with_etag(jsonify(_job(job)), job)

    @scope_required("jobs:write")
    @bp.arguments(schemas.JobUpdate)
    @bp.response(200, schemas.Job)
    def patch(self, values, job_id):
        """Change a job's fields. ``If-Match`` is required: without it 428, a stale one 412, and nothing changes."""
        job = jobs.get_job(job_id)
        refused = check_if_match(job)
        if refused:
            return refused
        job = jobs.update_job(job_id, values, actor_id=current_user.id)
        return with_etag(jsonify(_job(job)), job)


@bp.route("/jobs/<int:job_id>/posting")
@scope_required("jobs:read")
@bp.response(200, description="schema.org JobPosting (JSON-LD), as the careers page emits it")
def job_posting(job_id):
    """The job as schema.org JobPosting, built by the careers page's own builder."""
    return jsonify(careers.job_posting(jobs.get_job(job_id)))


@bp.route("/jobs/<int:job_id>/ranking")
@scope_required("applications:read")
@bp.arguments(schemas.RankingQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.Ranking)
def job_ranking(limit, cursor, job_id):
    """The job's applicants ranked by score, best first, with the reasons and each criterion's points (blind
    labels where blind review hides names), as on the Ranking & shortlist tab."""
    job = jobs.get_job(job_id)
    page_number = decode_cursor(cursor) or 1
    first = (page_number - 1) * limit
    rows, more = scoring.ranked_slice(job.id, first, limit)
    seen = blind.identities(current_user, [a.candidate for a in rows], job.id)
    items = [schemas.dump_ranked(first + i, a, who) for i, (a, who) in enumerate(zip(rows, seen), 1)]
    return paged(items, more, page_number + 1 if more else None)


# --- candidates ------------------------------------------------------------------------------------------------

@bp.route("/candidates")
@scope_required("candidates:read")
@bp.arguments(schemas.FilterQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.CandidateList)
def candidate_list(limit, cursor, updated_after, job_id, stage):
    """Candidates in id order; ``job_id`` / ``stage`` keep those with an application there. Blind review hides
    names and contact details exactly as on the pages."""
    rows, more = api_listing.candidates_page(after=decode_cursor(cursor), limit=limit, updated_after=updated_after,
                                             job_id=job_id, stage=stage)
    items = [schemas.dump_candidate(c, seen) for c, seen in zip(rows, blind.identities(current_user, rows, job_id))]
    return paged(items, more, rows[-1].id if rows else None)


@bp.route("/candidates/<int:candidate_id>")
@scope_required("candidates:read")
@bp.response(200, schemas.CandidateDetail)
def candidate_detail(candidate_id):
    """A candidate with the parsed profile and the evidence behind each field (as blind review lets you see it)."""
    candidate = candidates.get_candidate(candidate_id)
    seen = blind.identity(current_user, candidate)
    profile, _text = blind.profile_as_seen(seen, profiles.profile_for(candidate.id), "")
    return with_etag(jsonify(schemas.dump_candidate(candidate, seen, profile=profile, detail=True)), candidate)


@bp.route("/candidates/<int:candidate_id>/json-resume")
@scope_required("candidates:read")
@bp.response(200, description="JSON Resume 1.0 (jsonresume.org)")
def candidate_json_resume(candidate_id):
    """The candidate as JSON Resume 1.0, from the parsed profile, as blind review lets you see them."""
    candidate = candidates.get_candidate(candidate_id)
    seen = blind.identity(current_user, candidate)
    profile, _text = blind.profile_as_seen(seen, profiles.profile_for(candidate.id), "")
    return jsonify(json_resume.export(seen, candidate, profile))


@bp.route("/candidates/json-resume", methods=["POST"])
@scope_required("candidates:write")
@idempotent
@bp.arguments(schemas.JsonResumeIn)
@bp.arguments(schemas.JsonResumeQuery, location="query", as_kwargs=True)
@bp.response(201, schemas.CandidateDetail)
def candidate_import_json_resume(document, job_id):
    """A new candidate from a JSON Resume 1.0 document; its text becomes their resume, parsed on the worker (409 when
    the email or phone is known already)."""
    candidate = json_resume.import_candidate(document, actor_id=current_user.id, job_id=job_id)
    body = schemas.dump_candidate(candidate, blind.identity(current_user, candidate), detail=True)
    return created(body, url_for("api.candidate_detail", candidate_id=candidate.id))


@bp.route("/candidates/<int:candidate_id>/notes", methods=["POST"])
@scope_required("candidates:write")
@idempotent
@bp.arguments(schemas.NoteIn)
@bp.response(201, schemas.Note)
def candidate_note(values, candidate_id):
    """Add a note to the candidate's timeline (``@name`` mentions a colleague, as on the page)."""
    note = notes.add_note(candidate_id, values["note"], actor_id=current_user.id,
                          application_id=values["application_id"])
    response = jsonify(schemas.dump_note(note, blind.identity(current_user, candidates.get_candidate(candidate_id))))
    response.status_code = 201
    return response


# --- resumes ---------------------------------------------------------------------------------------------------

@bp.route("/resumes", methods=["POST"])
@scope_required("candidates:write")
@idempotent
@bp.arguments(schemas.ResumeUpload, location="files")
@bp.arguments(schemas.ResumeUploadForm, location="form")
@bp.response(202, schemas.Resume)
def resume_upload(files, form):
    """Upload a resume (multipart ``resume``): answered at once with its id and ``parse_status``; the worker parses
    it. Poll ``GET /resumes/{id}``."""
    upload = resumes.read_upload(files["resume"])
    if upload is None:
        raise InvalidInput("Choose a resume file.", field="resume")
    if form["candidate_id"]:
        resume = candidates.add_resume(form["candidate_id"], *upload, actor_id=current_user.id)
    else:
        candidate = candidates.create_candidate({}, actor_id=current_user.id, source="api", resume=upload,
                                                job_id=form["job_id"])
        resume = candidate.resumes[0]
    body = schemas.dump_resume(resume, blind.identity(current_user, resume.candidate))
    return created(body, url_for("api.resume_detail", resume_id=resume.id), status=202)


@bp.route("/resumes/<int:resume_id>")
@scope_required("candidates:read")
@bp.response(200, schemas.Resume)
def resume_detail(resume_id):
    """A resume's parse status (pending, parsing, done, or failed with its reason)."""
    resume = resumes.get_resume(resume_id)
    return jsonify(schemas.dump_resume(resume, blind.identity(current_user, resume.candidate)))


# --- applications ----------------------------------------------------------------------------------------------

def _application(application, *, detail: bool = False) -> dict:
    return schemas.dumper(schemas.ApplicationDetail if detail else schemas.Application).dump(application)


@bp.route("/applications")
@scope_required("applications:read")
@bp.arguments(schemas.ApplicationListQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.ApplicationList)
def application_list(limit, cursor, updated_after, job_id, stage, candidate_id):
    """Applications in id order, filtered by job, stage or candidate."""
    rows, more = api_listing.applications_page(after=decode_cursor(cursor), limit=limit,
                                               updated_after=updated_after, job_id=job_id, stage=stage,
                                               candidate_id=candidate_id)
    return paged([_application(a) for a in rows], more, rows[-1].id if rows else None)


@bp.route("/applications", methods=["POST"])
@scope_required("applications:write")
@idempotent
@bp.arguments(schemas.Application)
@bp.response(201, schemas.ApplicationDetail)
def application_create(values):
    """Put a candidate forward for a job (scored by the worker); 409 when they are in it already."""
    application = candidates.add_to_job(values["candidate_id"], values["job_id"], actor_id=current_user.id,
                                        source="api")
    body = _application(application, detail=True)
    return created(body, url_for("api.application_detail", application_id=application.id), etag_for=application)


@bp.route("/applications/<int:application_id>")
@scope_required("applications:read")
@bp.response(200, schemas.ApplicationDetail)
def application_detail(application_id):
    """An application with its score breakdown (each criterion's points and the evidence behind them)."""
    application = applications.get(application_id)
    return with_etag(jsonify(_application(application, detail=True)), application)


@bp.route("/applications/<int:application_id>/stage", methods=["POST"])
@scope_required("applications:write")
@bp.arguments(schemas.StageMove)
@bp.response(200, schemas.ApplicationDetail)
def application_move(values, application_id):
    """Move the application to a stage, with a reason where the stage needs one (the board's own rules)."""
    application = applications.get(application_id)
    refused = check_if_match(application, required=False)
    if refused:
        return refused
    result = pipeline.move([application_id], values["stage"], actor_id=current_user.id, reason=values["reason"])
    if result.skipped:
        raise InvalidInput(f"Not moved: {result.skipped[0][1]}.", field="stage")
    application = applications.get(application_id)
    return with_etag(jsonify(_application(application, detail=True)), application)


# --- pipeline stages -------------------------------------------------------------------------------------------

@bp.route("/stages")
@scope_required("applications:read")
@bp.response(200, schemas.StageList)
def stage_list():
    """The pipeline's stages in board order, retired ones included (``active`` false)."""
    return jsonify(items=schemas.dumper(schemas.Stage, many=True).dump(api_listing.pipeline_stages()))


# --- imports -------------------------------------------------------------------------------------------------

@bp.route("/imports", methods=["POST"])
@scope_required("imports:write")
@idempotent
@bp.arguments(schemas.ImportUpload, location="files")
@bp.arguments(schemas.ImportForm, location="form")
@bp.response(202, schemas.ImportProgress)
def import_start(files, form):
    """Start a bulk import of resumes and zips (multipart ``files``); the workers take one file each."""
    uploads = [(f.filename, f.stream) for f in files["files"] if f.filename]
    batch = imports.start_batch(uploads, actor_id=current_user.id, job_id=form["job_id"], source="api",
                                label=form["label"])
    body = schemas.dumper(schemas.ImportProgress).dump(imports.progress(batch.id))
    return created(body, url_for("api.import_progress", batch_id=batch.id), status=202)


@bp.route("/imports/<int:batch_id>")
@scope_required("imports:write")
@bp.response(200, schemas.ImportProgress)
def import_progress(batch_id):
    """How far a bulk import is: counts per status, percent, speed and time left."""
    return jsonify(schemas.dumper(schemas.ImportProgress).dump(imports.progress(batch_id)))


# --- campus --------------------------------------------------------------------------------------------------

@bp.route("/campus/events")
@scope_required("campus:read")
@bp.response(200, schemas.CampusEventList)
def campus_events():
    """Campus drives, newest first."""
    return jsonify(items=schemas.dumper(schemas.CampusEvent, many=True).dump(campus.events()))


def _event_form(values: dict) -> EventForm:
    """A campus drive's values (from ``CampusEventIn``) checked by the planning page's own form: the form reads
    wall-clock times in the event's zone, lists as the comma-separated text its fields take, and ticked ids."""
    try:
        tz = zone(values["timezone"])
    except InvalidInput:
        tz = None  # the form names the wrong time zone
    posted = dict(values)
    for key in ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at"):
        if posted[key] is not None and tz is not None:
            moment = posted[key] if posted[key].tzinfo else posted[key].replace(tzinfo=timezone.utc)
            posted[key] = moment.astimezone(tz).replace(tzinfo=None)
    for key in ("eligible_degrees", "eligible_branches", "graduation_years"):  # one text field each on the page
        posted[key] = ", ".join(str(item) for item in posted[key])
    posted["jobs"], posted["team"] = posted.pop("job_ids"), posted.pop("team_ids")
    return through_form(EventForm, posted)


def _event_links(event) -> dict:
    return {"job_ids": [job.id for job in event.jobs], "team_ids": [user.id for user in event.team]}


def _event(event) -> dict:
    return schemas.dumper(schemas.CampusEventDetail).dump(event) | _event_links(event)


def _event_values(event) -> dict:
    """The drive as it stands, in ``CampusEventIn``'s terms, for an update to change some of it."""
    kept = {key: getattr(event, key) for key in schemas.CampusEventIn().fields if hasattr(event, key)}
    return kept | _event_links(event)


@bp.route("/campus/events", methods=["POST"])
@scope_required("campus:write")
@idempotent
@bp.arguments(schemas.CampusEventIn)
@bp.response(201, schemas.CampusEventDetail)
def campus_event_create(values):
    """Plan a campus drive (a draft: publish it on its page to open sign-up), checked by the planning page's own
    form: a start, a capacity, sign-up closing after it opens, the event ending after it starts."""
    form = _event_form(values)
    event = campus.create_event(form.values(), actor_id=current_user.id, **form.links())
    return created(_event(event), url_for("api.campus_event_detail", event_id=event.id), etag_for=event)


@bp.route("/campus/events/<int:event_id>", endpoint="campus_event_detail")
class CampusEventItem(MethodView):
    """One campus drive."""

    @scope_required("campus:read")
    @bp.response(200, schemas.CampusEventDetail)
    def get(self, event_id):
        """A campus drive with its eligibility rules, jobs and team, and an ``ETag`` to send back as ``If-Match``."""
        event = campus.get_event(event_id)
        return with_etag(jsonify(_event(event)), event)

    @scope_required("campus:write")
    @bp.arguments(schemas.CampusEventUpdate)
    @bp.response(200, schemas.CampusEventDetail)
    def patch(self, values, event_id):
        """Change a drive's fields (those left out stay), checked by the planning page's form and service as an edit
        there is: capacity never below the places given (a larger one moves the waitlist up). ``If-Match`` is
        required: without it 428, a stale one 412, and nothing changes."""
        event = campus.get_event(event_id)
        refused = check_if_match(event)
        if refused:
            return refused
        form = _event_form(_event_values(event) | values)
        event = campus.update_event(event.id, form.values(), actor_id=current_user.id, **form.links())
        return with_etag(jsonify(_event(event)), event)


@bp.route("/campus/events/<int:event_id>/walk-ins", methods=["POST"])
@scope_required("campus:write")
@idempotent
@bp.arguments(schemas.WalkInIn)
@bp.response(201, schemas.Registration)
def campus_walk_in(values, event_id):
    """Register someone who turned up without signing up and check them in, as the check-in page does: checked by
    the sign-up form, refused before the event's day unless ``early`` is true (the page's confirmation)."""
    event = campus.get_event(event_id)
    early = values.pop("early")
    form = through_form(StudentForm, values)
    registration = campus.walk_in(event.id, form.student(), consent=form.values()["consent"],
                                  actor_id=current_user.id, early=early)
    return created(schemas.dumper(schemas.Registration).dump(registration),
                   url_for("api.campus_registrations", event_id=event.id))


@bp.route("/campus/events/<int:event_id>/check-ins", methods=["POST"])
@scope_required("campus:write")
@bp.arguments(schemas.CheckInIn)
@bp.response(200, schemas.Registration)
def campus_check_in(values, event_id):
    """Check a student in by their QR code's ``token`` (or the scanned link) or their ``registration_id``, as the
    check-in page does; checking in twice keeps the first time. Before the event's day refused (422) unless
    ``early`` is true."""
    event = campus.get_event(event_id)
    checked = through_form(CheckInForm, values).values()
    registration = campus.check_in(event.id, actor_id=current_user.id, **checked)
    return jsonify(schemas.dumper(schemas.Registration).dump(registration))


@bp.route("/campus/events/<int:event_id>/registrations", endpoint="campus_registrations")
class CampusRegistrations(MethodView):
    """A drive's sign-ups, and registering a student for it."""

    @scope_required("campus:read")
    @bp.response(200, schemas.RegistrationList)
    def get(self, event_id):
        """A drive's sign-ups (the campus team checks students in by name, so names are shown, as on the pages)."""
        event = campus.get_event(event_id)
        return jsonify(items=schemas.dumper(schemas.Registration, many=True).dump(campus.registrations(event.id)))

    @scope_required("campus:write")
    @idempotent
    @bp.arguments(schemas.RegistrationIn)
    @bp.response(201, schemas.RegistrationCreated)
    def post(self, values, event_id):
        """Register a student while sign-up is open, checked as the sign-up page checks them (eligibility, a place
        or the waitlist, the confirmation email). The same email again answers 200 with the first registration."""
        event = campus.get_event(event_id)
        form = through_form(StudentForm, values)
        result = campus.register(event, form.student(), consent=form.values()["consent"], actor_id=current_user.id)
        body = schemas.dumper(schemas.Registration).dump(result.registration) | {"created": result.created}
        return created(body, url_for("api.campus_registrations", event_id=event.id),
                       status=201 if result.created else 200)


# --- clients -------------------------------------------------------------------------------------------------

@bp.route("/clients")
@scope_required("clients:read")
@bp.response(200, schemas.ClientList)
def client_list():
    """Clients by name."""
    return jsonify(items=schemas.dumper(schemas.Client, many=True).dump(jobs.list_clients()))


def _client(client) -> dict:
    return schemas.dumper(schemas.ClientDetail).dump(client)


@bp.route("/clients", methods=["POST"])
@scope_required("clients:write")
@idempotent
@bp.arguments(schemas.ClientIn)
@bp.response(201, schemas.ClientDetail)
def client_create(values):
    """Add a client (its name unique: 409 when taken), checked by the client page's own form."""
    client = clients.save_client(through_form(ClientForm, values).values(), actor_id=current_user.id)
    return created(_client(client), url_for("api.client_detail", client_id=client.id), etag_for=client)


@bp.route("/clients/<int:client_id>", endpoint="client_detail")
class ClientItem(MethodView):
    """One client."""

    @scope_required("clients:read")
    @bp.response(200, schemas.ClientDetail)
    def get(self, client_id):
        """A client, with an ``ETag`` to send back as ``If-Match`` when updating."""
        client = clients.get_client(client_id)
        return with_etag(jsonify(_client(client)), client)

    @scope_required("clients:write")
    @bp.arguments(schemas.ClientUpdate)
    @bp.response(200, schemas.ClientDetail)
    def patch(self, values, client_id):
        """Change a client's fields (those left out stay). ``If-Match`` is required: without it 428, a stale one
        412, and nothing changes."""
        client = clients.get_client(client_id)
        refused = check_if_match(client)
        if refused:
            return refused
        merged = {key: getattr(client, key) for key in schemas.ClientIn().fields} | values
        client = clients.save_client(through_form(ClientForm, merged).values(), actor_id=current_user.id,
                                     client_id=client.id)
        return with_etag(jsonify(_client(client)), client)


# --- job orders, submittals and the client's decisions -----------------------------------------------------------

def _job_order(job, standing: dict | None = None) -> dict:
    """The job order with where its fee stands against the rate card (the job form's own rule)."""
    standing = standing if standing is not None else jobs.fee_standing(job)
    approval = standing["approval"]
    return {**schemas.dumper(schemas.JobOrder).dump(job), "fee_below_floor": standing["below_floor"],
            "fee_approval": approval.status if approval is not None else None}


def _order(job_id: int):
    """A client's job order (an in-house job is not one: 404)."""
    job = jobs.get_job(job_id)
    if job.client_id is None:
        raise NotFound("No such job order: this job is in-house.")
    return job


@bp.route("/clients/<int:client_id>/job-orders", endpoint="client_job_orders")
class ClientJobOrders(MethodView):
    """A client's job orders."""

    @scope_required("clients:read")
    @bp.arguments(schemas.JobListQuery, location="query", as_kwargs=True)
    @bp.response(200, schemas.JobOrderList)
    def get(self, client_id, limit, cursor, updated_after, status):
        """The client's job orders in id order, a page at a time."""
        client = clients.get_client(client_id)
        rows, more = api_listing.jobs_page(after=decode_cursor(cursor), limit=limit, updated_after=updated_after,
                                           status=status, client_id=client.id)
        standings = jobs.fee_standings(rows)
        return paged([_job_order(j, standings[j.id]) for j in rows], more, rows[-1].id if rows else None)

    @scope_required("clients:write")
    @idempotent
    @bp.arguments(schemas.JobOrderIn)
    @bp.response(201, schemas.JobOrder)
    def post(self, values, client_id):
        """Open a job order for the client (a draft job of theirs), through the job form's own service, so its
        rules on fees and fields apply here too."""
        client = clients.get_client(client_id)
        job = jobs.create_job({**values, "client_id": client.id}, actor_id=current_user.id)
        return created(_job_order(job), url_for("api.job_order_detail", job_id=job.id), etag_for=job)


@bp.route("/job-orders/<int:job_id>", endpoint="job_order_detail")
class JobOrderItem(MethodView):
    """One job order."""

    @scope_required("clients:read")
    @bp.response(200, schemas.JobOrder)
    def get(self, job_id):
        """A job order: the job, what the client asks for, the fee and the date it is needed by, with an ``ETag``
        to send back as ``If-Match`` when updating."""
        job = _order(job_id)
        return with_etag(jsonify(_job_order(job)), job)

    @scope_required("clients:write")
    @bp.arguments(schemas.JobOrderUpdate)
    @bp.response(200, schemas.JobOrder)
    def patch(self, values, job_id):
        """Change a job order's fields, its fee included (those left out stay), through the job form's own service:
        a fee below the rate card's floor asks an executive (``fee_reason`` says why) and puts an open order on
        hold until one approves; an executive's own change is approved at once. ``If-Match`` is required: without
        it 428, a stale one 412, and nothing changes."""
        job = _order(job_id)
        refused = check_if_match(job)
        if refused:
            return refused
        if set(values) & {"fee", *jobs.FEE_FIELDS}:  # the page posts the whole fee: the parts not sent stay
            kept = ("fee", *jobs.FEE_FIELDS)
            if "fee" in values and "fee_amount" not in values:  # new terms as text: read them, not the old amount
                kept = ("service_line_id",)
            values = {key: getattr(job, key) for key in kept} | values
        job = jobs.update_job(job.id, values, actor_id=current_user.id)
        return with_etag(jsonify(_job_order(job)), job)


def _submittal(submittal) -> dict:
    return schemas.dump_submittal(submittal, lambda a: blind.identity(current_user, a.candidate, a.job_id))


@bp.route("/job-orders/<int:job_id>/submittals", endpoint="job_order_submittals")
class JobOrderSubmittals(MethodView):
    """The candidates sent to the client for a job order."""

    @scope_required("clients:read")
    @bp.arguments(schemas.RankingQuery, location="query", as_kwargs=True)
    @bp.response(200, schemas.SubmittalList)
    def get(self, job_id, limit, cursor):
        """The job order's submittals in id order, each with its candidates and the client's decisions."""
        job = _order(job_id)
        rows, more = api_listing.submittals_page(job.id, after=decode_cursor(cursor), limit=limit)
        return paged([_submittal(s) for s in rows], more, rows[-1].id if rows else None)

    @scope_required("clients:write")
    @idempotent(forget=("link",))
    @bp.arguments(schemas.SubmittalIn)
    @bp.response(201, schemas.SubmittalCreated)
    def post(self, values, job_id):
        """Submit candidates to the client: a share link (answered once, in ``link``; a replay with the same
        ``Idempotency-Key`` answers it null) emailed to the contact, as the submit page sends it. Refused (422) for anyone who has not agreed to be put forward to this client or was
        submitted to this job order already."""
        job = _order(job_id)
        ids = values["application_ids"]
        posted = {"application_id": ids, "contact_id": values["contact_id"], "message": values["message"],
                  "share": "anonymised" if values["anonymise"] else "full", "breakdown": values["show_breakdown"],
                  "expires": values["expires_in_days"],
                  **{f"note_{key}": note for key, note in values["notes"].items()}}
        chosen = through_form(SubmitForm, posted).values()
        submittal, link = clients.create_submittal(job.id, chosen.pop("ids"), actor_id=current_user.id, **chosen)
        return created({**_submittal(submittal), "link": link}, url_for("api.submittal_detail",
                                                                        submittal_id=submittal.id))


@bp.route("/consent-requests", methods=["POST"])
@scope_required("clients:write")
@idempotent
@bp.arguments(schemas.ConsentRequestIn)
@bp.response(200, schemas.ConsentRequests)
def consent_requests(values):
    """Ask each candidate by email whether you may put them forward to the client of their application's job order
    (one click to answer), as the submit page asks; those who agreed already are not asked again."""
    asked, problems = clients.ask_consent(values["application_ids"], actor_id=current_user.id,
                                          sender_name=current_user.name)
    return jsonify(asked=asked, problems=problems)


@bp.route("/submittals/<int:submittal_id>")
@scope_required("clients:read")
@bp.response(200, schemas.Submittal)
def submittal_detail(submittal_id):
    """A submittal: its link's state (expiry, withdrawn, views) and each candidate with the client's decision."""
    return jsonify(_submittal(clients.get_submittal(submittal_id)))


@bp.route("/submittals/<int:submittal_id>/withdraw", methods=["POST"])
@scope_required("clients:write")
@bp.response(200, schemas.Submittal)
def submittal_withdraw(submittal_id):
    """Withdraw the submittal's share link, as its page does: the link shows nothing from now on; the submittal and
    the decisions given stay on record. Withdrawing again changes nothing."""
    return jsonify(_submittal(clients.revoke(submittal_id, actor_id=current_user.id)))


@bp.route("/submittals/<int:submittal_id>/decisions", methods=["POST"])
@scope_required("clients:write")
@bp.arguments(schemas.DecisionIn)
@bp.response(200, schemas.Submittal)
def submittal_decision(values, submittal_id):
    """Record the client's decision on one candidate (told to you by phone or email), as the client's own answer
    on the link is recorded: on the timeline, and as the ``submittal.decided`` webhook event."""
    clients.record_decision(submittal_id, values["item_id"], values["decision"], values["comment"],
                            actor_id=current_user.id)
    return jsonify(_submittal(clients.get_submittal(submittal_id)))


# --- interviews ------------------------------------------------------------------------------------------------

@bp.route("/interviews/mine")
@scope_required("interviews:read")
@bp.arguments(schemas.ListQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.AssignmentList)
def my_interviews(limit, cursor, updated_after):
    """The token's user's own interview assignments (all an interviewer's token may see)."""
    rows, more = api_listing.assignments_page(current_user.id, after=decode_cursor(cursor), limit=limit)
    return paged([schemas.dump_assignment(a) for a in rows], more, rows[-1].id if rows else None)




@bp.route("/interviews/assignments/<int:assignment_id>/feedback", endpoint="assignment_feedback")
class AssignmentFeedback(MethodView):
    """The token's user's own feedback on one of their interviews (anyone else's assignment: 404)."""

    @scope_required("interviews:read")
    @bp.response(200, schemas.Feedback)
    def get(self, assignment_id):
        """Your feedback on the interview (``submitted_at`` null until you send it)."""
        assignment = interviews.get_assignment(assignment_id, current_user)
        return jsonify(schemas.dump_feedback(assignment, assignment.notes))

    @scope_required("interviews:write")
    @bp.arguments(schemas.FeedbackIn)
    @bp.response(200, schemas.Feedback)
    def put(self, values, assignment_id):
        """Send (or change) your feedback: each criterion from 1 to 5, a recommendation, notes; as the feedback form
        takes it (a cancelled interview takes none)."""
        assignment = interviews.get_assignment(assignment_id, current_user)
        posted = {"recommendation": values["recommendation"], "notes": values["notes"],
                  **{f"rating_{key}": rating for key, rating in values["ratings"].items()}}
        checked = through_form(FeedbackForm, posted).values()
        assignment = interviews.submit_feedback(assignment.id, current_user, **checked)
        return jsonify(schemas.dump_feedback(assignment, assignment.notes))


@bp.route("/applications/<int:application_id>/feedback")
@scope_required("applications:read")
@bp.response(200, schemas.FeedbackSummary)
def application_feedback(application_id):
    """The interview feedback on an application, as its review page shows it: recommendations counted, average
    ratings, each review (its notes as blind review lets you read them) and who has yet to send theirs."""
    application = applications.get(application_id)
    seen = blind.identity(current_user, application.candidate, application.job_id)
    summary = interviews.summary(application.id, seen)
    return jsonify(application_id=application.id, counts=summary["counts"], averages=summary["averages"],
                   submitted=[schemas.dump_feedback(a, summary["notes"][a.id]) for a in summary["submitted"]],
                   waiting=[schemas.dump_feedback(a, None) for a in summary["waiting"]])
