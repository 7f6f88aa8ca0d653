"""The API's serialisers, in one module so the webhooks can send the same shapes as the endpoints answer.

Marshmallow schemas describe each resource; flask-smorest turns them into the OpenAPI document. ``dump_*``
helpers take what blind review lets the viewer see (a ``blind.Identity``), never the viewer itself.
"""
from __future__ import annotations

from datetime import timezone
from functools import cache

from flask_smorest.fields import Upload
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from recruit.models import EDUCATION_LEVELS, EMPLOYMENT_TYPES


@cache
def dumper(schema: type[Schema], many: bool = False) -> Schema:
    """One instance per schema, reused (building a marshmallow schema costs more than dumping a row with it)."""
    return schema(many=many)


class Strict(Schema):
    class Meta:
        unknown = EXCLUDE
        ordered = True


class UTCDateTime(fields.AwareDateTime):
    """An ISO 8601 time with its offset, read as UTC (a time that has no UTC equivalent is refused)."""

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(timezone.utc)
        except OverflowError:
            raise ValidationError("Not a time that can be expressed in UTC.") from None


def Cursor():  # noqa: N802 - a field factory, named like the fields it makes
    """The ``next_cursor`` of the page before (opaque to clients; any such value is a valid start)."""
    return fields.String(load_default=None, validate=validate.Regexp(r"^[0-9]{1,10}$"),
                         metadata={"description": "next_cursor of the previous page"})


class Problem(Schema):
    """RFC 9457 problem details."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.List(fields.Dict(), metadata={"description": "one entry per wrong field: field, message"})


class ListQuery(Strict):
    limit = fields.Integer(load_default=25, validate=validate.Range(1, 100))
    cursor = Cursor()
    updated_after = UTCDateTime(load_default=None)


class JobListQuery(ListQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(["draft", "open", "on_hold", "closed"]))


class FilterQuery(ListQuery):
    job_id = fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1))
    stage = fields.String(load_default=None, validate=validate.Length(max=30))


class ApplicationListQuery(FilterQuery):
    candidate_id = fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1))


class Job(Strict):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(1, 200))
    status = fields.String(dump_only=True)
    client_id = fields.Integer(allow_none=True, validate=validate.Range(1, 2**31 - 1))
    location = fields.String(allow_none=True, validate=validate.Length(max=200))
    employment_type = fields.String(validate=validate.OneOf(list(EMPLOYMENT_TYPES)))
    description = fields.String(validate=validate.Length(max=50000))
    required_skills = fields.List(fields.String(validate=validate.Length(1, 100)), validate=validate.Length(max=100))
    preferred_skills = fields.List(fields.String(validate=validate.Length(1, 100)), validate=validate.Length(max=100))
    min_years = fields.Float(validate=validate.Range(0, 50))
    education = fields.String(validate=validate.OneOf(list(EDUCATION_LEVELS)))
    openings = fields.Integer(validate=validate.Range(1, 10000))
    public = fields.Boolean(dump_only=True)
    blind_review = fields.Boolean(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class JobUpdate(Job):
    title = fields.String(validate=validate.Length(1, 200))


class JobList(Schema):
    items = fields.List(fields.Nested(Job))
    next_cursor = fields.String(allow_none=True)


class Candidate(Schema):
    id = fields.Integer()
    hidden = fields.Boolean(metadata={"description": "blind review hides who this is from the token's user"})
    name = fields.String(metadata={"description": "the name, or the blind label (Applicant A-00012)"})
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    location = fields.String(allow_none=True)
    headline = fields.String(allow_none=True)
    source = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class CandidateDetail(Candidate):
    profile = fields.Dict(allow_none=True, metadata={"description": "the parsed profile with its evidence spans"})


class CandidateList(Schema):
    items = fields.List(fields.Nested(Candidate))
    next_cursor = fields.String(allow_none=True)


class Application(Strict):
    id = fields.Integer(dump_only=True)
    candidate_id = fields.Integer(required=True, validate=validate.Range(1, 2**31 - 1))
    job_id = fields.Integer(required=True, validate=validate.Range(1, 2**31 - 1))
    stage = fields.String(dump_only=True)
    stage_reason = fields.String(dump_only=True, allow_none=True)
    stage_changed_at = fields.DateTime(dump_only=True)
    score = fields.Float(dump_only=True, allow_none=True)
    source = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class ApplicationDetail(Application):
    score_breakdown = fields.Dict(dump_only=True, allow_none=True)


class ApplicationList(Schema):
    items = fields.List(fields.Nested(Application))
    next_cursor = fields.String(allow_none=True)


class StageMove(Strict):
    stage = fields.String(required=True, validate=validate.Length(1, 30))
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class Stage(Schema):
    key = fields.String()
    label = fields.String()
    position = fields.Integer()
    kind = fields.String()
    active = fields.Boolean()


class StageList(Schema):
    items = fields.List(fields.Nested(Stage))


class ResumeUpload(Strict):
    resume = Upload(required=True, metadata={"description": "PDF, DOCX or text, checked by content"})


class ResumeUploadForm(Strict):
    candidate_id = fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1),
                                  metadata={"description": "add to this candidate; without it a new candidate "
                                                           "is created, named from the resume once parsed"})
    job_id = fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1),
                            metadata={"description": "with a new candidate: apply them to this job"})


class Resume(Schema):
    id = fields.Integer()
    candidate_id = fields.Integer()
    filename = fields.String()
    file_type = fields.String()
    size = fields.Integer()
    parse_status = fields.String(metadata={"description": "pending, parsing, done or failed; the worker parses"})
    parse_error = fields.String(allow_none=True)
    uploaded_at = fields.DateTime()
    parsed_at = fields.DateTime(allow_none=True)


class RankingQuery(Strict):
    limit = fields.Integer(load_default=25, validate=validate.Range(1, 100))
    cursor = Cursor()


class RankedApplication(Schema):
    rank = fields.Integer()
    application_id = fields.Integer()
    candidate_id = fields.Integer()
    applicant = fields.String(metadata={"description": "the name, or the blind label"})
    score = fields.Float(allow_none=True)
    summary = fields.String(allow_none=True, metadata={"description": "the reasons in a line"})
    stage = fields.String()
    breakdown = fields.List(fields.Dict())


class Ranking(Schema):
    items = fields.List(fields.Nested(RankedApplication))
    next_cursor = fields.String(allow_none=True)


class NoteIn(Strict):
    note = fields.String(required=True, validate=validate.Length(max=100000),
                         metadata={"description": "the note; @name mentions a colleague (the service sets the limits)"})
    application_id = fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1))


class Note(Schema):
    id = fields.Integer()
    candidate_id = fields.Integer()
    application_id = fields.Integer(allow_none=True)
    text = fields.String()
    created_at = fields.DateTime()


class JsonResumeIn(Strict):
    basics = fields.Dict(required=True)
    work = fields.List(fields.Dict(), validate=validate.Length(max=200))
    education = fields.List(fields.Dict(), validate=validate.Length(max=100))
    skills = fields.List(fields.Dict(), validate=validate.Length(max=500))
    languages = fields.List(fields.Dict(), validate=validate.Length(max=100))
    certificates = fields.List(fields.Dict(), validate=validate.Length(max=200))


class JsonResumeQuery(Strict):
    job_id = fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1),
                            metadata={"description": "apply the new candidate to this job"})


class ImportUpload(Strict):
    files = fields.List(Upload(), required=True, metadata={"description": "resumes, or zips of them"})


class ImportForm(Strict):
    job_id = fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1))
    label = fields.String(load_default="", validate=validate.Length(max=255))


class ImportProgress(Schema):
    batch = fields.Integer()
    total = fields.Integer()
    finished = fields.Integer()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    percent = fields.Float()
    per_second = fields.Float(allow_none=True)
    seconds_left = fields.Integer(allow_none=True)
    review = fields.Integer()
    cancelled = fields.Boolean()
    done = fields.Boolean()


class CampusEvent(Schema):
    id = fields.Integer()
    code = fields.String()
    title = fields.String()
    school = fields.String()
    starts_at = fields.DateTime()
    timezone = fields.String()
    capacity = fields.Integer()
    status = fields.String()
    created_at = fields.DateTime()


class CampusEventList(Schema):
    items = fields.List(fields.Nested(CampusEvent))


class Registration(Schema):
    id = fields.Integer()
    event_id = fields.Integer()
    name = fields.String()
    email = fields.String(allow_none=True)
    status = fields.String()
    checked_in_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()


class RegistrationList(Schema):
    items = fields.List(fields.Nested(Registration))


class Client(Schema):
    id = fields.Integer()
    name = fields.String()
    status = fields.String()
    created_at = fields.DateTime()


class ClientList(Schema):
    items = fields.List(fields.Nested(Client))


class Assignment(Schema):
    id = fields.Integer()
    interview_id = fields.Integer()
    application_id = fields.Integer()
    title = fields.String()
    starts_at = fields.DateTime()
    duration_minutes = fields.Integer()
    timezone = fields.String()
    cancelled = fields.Boolean()
    submitted_at = fields.DateTime(allow_none=True)
    recommendation = fields.String(allow_none=True)


class AssignmentList(Schema):
    items = fields.List(fields.Nested(Assignment))
    next_cursor = fields.String(allow_none=True)


def dump_candidate(candidate, seen, *, profile: dict | None = None, detail: bool = False) -> dict:
    """A candidate as ``seen`` (``blind.identity``) lets them be shown."""
    out = {"id": candidate.id, "hidden": seen.hidden, "name": seen.name, "email": seen.email, "phone": seen.phone,
           "location": seen.location, "headline": None if seen.hidden else candidate.headline,
           "source": candidate.source, "created_at": candidate.created_at, "updated_at": candidate.updated_at}
    if detail:
        out["profile"] = profile
        return dumper(CandidateDetail).dump(out)
    return dumper(Candidate).dump(out)


def dump_assignment(assignment) -> dict:
    interview = assignment.interview
    return dumper(Assignment).dump({
        "id": assignment.id, "interview_id": interview.id, "application_id": interview.application_id,
        "title": interview.title, "starts_at": interview.starts_at, "duration_minutes": interview.duration_minutes,
        "timezone": interview.timezone, "cancelled": interview.cancelled_at is not None,
        "submitted_at": assignment.submitted_at, "recommendation": assignment.recommendation})


def dump_resume(resume, seen) -> dict:
    """A resume's record (not its text); its file name scrubbed where blind review hides the person."""
    return dumper(Resume).dump({"id": resume.id, "candidate_id": resume.candidate_id, "filename": seen.scrub(resume.filename),
                          "file_type": resume.file_type, "size": resume.size, "parse_status": resume.parse_status,
                          "parse_error": resume.parse_error, "uploaded_at": resume.uploaded_at,
                          "parsed_at": resume.parsed_at})


def dump_ranked(rank: int, application, seen) -> dict:
    breakdown = application.score_breakdown or {}
    return dumper(RankedApplication).dump({
        "rank": rank, "application_id": application.id, "candidate_id": application.candidate_id,
        "applicant": seen.name, "score": application.score, "summary": seen.scrub(breakdown.get("summary")) or None,
        "stage": application.stage, "breakdown": breakdown.get("breakdown", [])})


def dump_note(activity, seen) -> dict:
    """A note as the viewer may read it (names scrubbed under blind review)."""
    return dumper(Note).dump({"id": activity.id, "candidate_id": activity.candidate_id,
                        "application_id": activity.application_id, "text": seen.scrub(activity.summary),
                        "created_at": activity.created_at})
