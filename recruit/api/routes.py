"""/api/v1: thin views over the same services as the pages. Each parses the request (webargs, through
flask-smorest), calls one service, and answers JSON the schemas describe."""
from __future__ import annotations

from flask import current_app, jsonify, render_template, url_for
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy.exc import DataError

from recruit.extensions import csrf, limiter
from recruit.services import (api_listing, applications, blind, campus, careers, candidates, imports, jobs, json_resume,
                              notes, pipeline, profiles, resumes, scoring)
from recruit.services.errors import InvalidInput, ServiceError

from . import schemas
from .conventions import (authenticate, check_if_match, created, decode_cursor, handle_data_error, handle_http_error,
                          handle_service_error, idempotent, paged, rate_key, rate_limit_headers, scope_required,
                          with_etag)

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
        """Change a job's fields; with ``If-Match`` a stale ETag gets 412 and changes nothing."""
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
    page = scoring.ranked_page(job.id, page_number, limit)
    blind.prefetch(current_user, [a.candidate_id for a in page.items], job_id=job.id)
    first = (page_number - 1) * limit
    items = [schemas.dump_ranked(first + i, a, blind.identity(current_user, a.candidate, job.id))
             for i, a in enumerate(page.items, 1)]
    return paged(items, page.has_next, page_number + 1 if page.has_next else None)


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
    blind.prefetch(current_user, [c.id for c in rows], job_id=job_id)
    items = [schemas.dump_candidate(c, blind.identity(current_user, c, job_id)) for c in rows]
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
    refused = check_if_match(application)
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


@bp.route("/campus/events/<int:event_id>/registrations")
@scope_required("campus:read")
@bp.response(200, schemas.RegistrationList)
def campus_registrations(event_id):
    """A drive's sign-ups (the campus team checks students in by name, so names are shown, as on the pages)."""
    event = campus.get_event(event_id)
    return jsonify(items=schemas.dumper(schemas.Registration, many=True).dump(campus.registrations(event.id)))


# --- clients -------------------------------------------------------------------------------------------------

@bp.route("/clients")
@scope_required("clients:read")
@bp.response(200, schemas.ClientList)
def client_list():
    """Clients by name."""
    return jsonify(items=schemas.dumper(schemas.Client, many=True).dump(jobs.list_clients()))


# --- interviews ------------------------------------------------------------------------------------------------

@bp.route("/interviews/mine")
@scope_required("interviews:read")
@bp.arguments(schemas.ListQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.AssignmentList)
def my_interviews(limit, cursor, updated_after):
    """The token's user's own interview assignments (all an interviewer's token may see)."""
    rows, more = api_listing.assignments_page(current_user.id, after=decode_cursor(cursor), limit=limit)
    return paged([schemas.dump_assignment(a) for a in rows], more, rows[-1].id if rows else None)


