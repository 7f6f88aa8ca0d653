"""The API's serialisers, in one module so the webhooks can send the same shapes as the endpoints answer.

Marshmallow schemas describe each resource; flask-smorest turns them into the OpenAPI document. ``dump_*``
helpers take what blind review lets the viewer see (a ``blind.Identity``), never the viewer itself.
"""
from __future__ import annotations

from datetime import timezone
from functools import cache

from flask_smorest.fields import Upload
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from recruit.models import EDUCATION_LEVELS, EMPLOYMENT_TYPES, RATE_CARD_UNITS


@cache
def dumper(schema: type[Schema], many: bool = False):
    """One dumper per schema, reused: the schema compiled to a getter and a converter per field (``Compiled``),
    or the marshmallow schema itself where a field is of a kind it does not compile."""
    instance = schema(many=many)
    try:
        return Compiled(instance)
    except NotCompiled:
        return instance


class NotCompiled(Exception):
    pass


_MISSING = object()


def _converter(field):
    """What marshmallow's ``field._serialize`` does to a value that is not None, as one plain function."""
    if isinstance(field, fields.Nested):
        inner = Compiled(field.schema)
        return inner.dump
    if isinstance(field, (fields.DateTime, fields.Date)):  # AwareDateTime and the rest: isoformat by default
        convert = field.SERIALIZATION_FUNCS.get(field.format or field.DEFAULT_FORMAT)
        if convert is None:
            raise NotCompiled(field)
        return convert
    if isinstance(field, fields.Number) and not field.as_string and not isinstance(field, fields.Decimal):
        return field.num_type
    if type(field) is fields.String:
        return lambda value: value.decode() if isinstance(value, bytes) else str(value)
    if type(field) is fields.Boolean:
        return lambda value: True if value in field.truthy else False if value in field.falsy else bool(value)
    if type(field) is fields.List:
        each = _converter(field.inner)
        return lambda value: [None if item is None else each(item) for item in value]
    if type(field) is fields.Dict:
        keys = _converter(field.key_field) if field.key_field is not None else None
        values = _converter(field.value_field) if field.value_field is not None else None
        return lambda value: {keys(k) if keys and k is not None else k: values(v) if values and v is not None else v
                              for k, v in value.items()}
    raise NotCompiled(field)


class Compiled:
    """A marshmallow schema's ``dump``, compiled: a request listing 100 rows spent most of its time in
    marshmallow's per-field machinery (benchmarks/RESULTS.md, "JSON API under load"). Same answer for the
    field kinds it compiles (``tests/recruit/test_api_workflows.py`` compares them); any other kind keeps the
    schema's own ``dump``."""

    def __init__(self, schema: Schema):
        if schema.only or schema.exclude or getattr(schema, "_hooks", None) and any(schema._hooks.values()):
            raise NotCompiled(schema)
        self.schema, self.many = schema, schema.many
        self.plan = [(field.attribute or name, field.data_key or name, _converter(field))
                     for name, field in schema.dump_fields.items()]

    def dump(self, obj):
        return [self._one(item) for item in obj] if self.many else self._one(obj)

    def _one(self, obj) -> dict:
        get = obj.get if isinstance(obj, dict) else (lambda name, default: getattr(obj, name, default))
        out = {}
        for attribute, key, convert in self.plan:
            value = get(attribute, _MISSING)
            if value is not _MISSING:
                out[key] = None if value is None else convert(value)
        return out


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


class CampusEventDetail(CampusEvent):
    ends_at = fields.DateTime(allow_none=True)
    signup_opens_at = fields.DateTime(allow_none=True)
    signup_closes_at = fields.DateTime(allow_none=True)
    venue = fields.String()
    description = fields.String()
    eligible_degrees = fields.List(fields.String())
    eligible_branches = fields.List(fields.String())
    graduation_years = fields.List(fields.Integer())
    min_cgpa = fields.Float(allow_none=True)
    min_percentage = fields.Float(allow_none=True)
    no_active_backlogs = fields.Boolean()
    job_ids = fields.List(fields.Integer(), metadata={"description": "the jobs this drive recruits for"})
    team_ids = fields.List(fields.Integer(), metadata={"description": "the staff who go"})


class CampusEventList(Schema):
    items = fields.List(fields.Nested(CampusEvent))


class Registration(Schema):
    id = fields.Integer()
    event_id = fields.Integer()
    name = fields.String()
    email = fields.String(allow_none=True)
    status = fields.String()
    walk_in = fields.Boolean(metadata={"description": "registered at the door by the campus team"})
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


# --- interviews and feedback -------------------------------------------------------------------------------------

RATING = validate.Range(1, 5)


class Ratings(Strict):
    analysis = fields.Integer(required=True, validate=RATING, metadata={"description": "Analytical thinking"})
    domain = fields.Integer(required=True, validate=RATING, metadata={"description": "Domain knowledge"})
    communication = fields.Integer(required=True, validate=RATING,
                                   metadata={"description": "Written and spoken English"})
    tools = fields.Integer(required=True, validate=RATING, metadata={"description": "Tools (Excel, SQL, ...)"})
    fit = fields.Integer(required=True, validate=RATING, metadata={"description": "Fit for client work"})


class FeedbackIn(Strict):
    ratings = fields.Nested(Ratings, required=True, metadata={"description": "each criterion from 1 to 5"})
    recommendation = fields.String(required=True, validate=validate.OneOf(["strong_yes", "yes", "no", "strong_no"]))
    notes = fields.String(load_default="", validate=validate.Length(max=10000))


class Feedback(Schema):
    """One interviewer's feedback on one interview (``submitted_at`` null until they send it)."""

    assignment_id = fields.Integer()
    interview_id = fields.Integer()
    application_id = fields.Integer()
    interviewer_id = fields.Integer()
    interviewer = fields.String(metadata={"description": "the interviewer's name (a colleague, never hidden)"})
    submitted_at = fields.DateTime(allow_none=True)
    ratings = fields.Dict(keys=fields.String(), values=fields.Integer(), allow_none=True)
    recommendation = fields.String(allow_none=True)
    notes = fields.String(allow_none=True, metadata={"description": "as blind review lets the reader see them"})


class FeedbackSummary(Schema):
    application_id = fields.Integer()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(),
                         metadata={"description": "submitted reviews per recommendation"})
    averages = fields.Dict(keys=fields.String(), values=fields.Float(), metadata={"description": "per criterion"})
    submitted = fields.List(fields.Nested(Feedback))
    waiting = fields.List(fields.Nested(Feedback), metadata={"description": "assignments without feedback yet"})


def dump_feedback(assignment, notes: str | None) -> dict:
    """An assignment's feedback, its notes as the reader may see them (``interviews.summary``'s ``notes``)."""
    interview = assignment.interview
    return dumper(Feedback).dump({
        "assignment_id": assignment.id, "interview_id": interview.id, "application_id": interview.application_id,
        "interviewer_id": assignment.interviewer_id, "interviewer": assignment.interviewer.name,
        "submitted_at": assignment.submitted_at, "ratings": assignment.ratings if assignment.submitted_at else None,
        "recommendation": assignment.recommendation, "notes": notes})


# --- clients, job orders, submittals and decisions ------------------------------------------------------------

CLIENT_STATUSES = ["prospect", "active", "inactive"]


class ClientIn(Strict):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    status = fields.String(load_default="active", validate=validate.OneOf(CLIENT_STATUSES))
    industry = fields.String(allow_none=True, validate=validate.Length(max=120))
    size = fields.String(allow_none=True, validate=validate.Length(max=40))
    guidelines = fields.String(allow_none=True, validate=validate.Length(max=20000))
    notes = fields.String(allow_none=True, validate=validate.Length(max=20000))


class ClientUpdate(ClientIn):
    name = fields.String(validate=validate.Length(1, 200))
    status = fields.String(validate=validate.OneOf(CLIENT_STATUSES))


class ClientDetail(Schema):
    id = fields.Integer()
    name = fields.String()
    status = fields.String()
    industry = fields.String(allow_none=True)
    size = fields.String(allow_none=True)
    guidelines = fields.String(allow_none=True)
    notes = fields.String(allow_none=True)
    account_owner_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()


class JobOrderIn(Job):
    """A client's job order: a job of theirs, with what they ask for and the fee."""

    client_id = fields.Integer(dump_only=True)
    client_requirements = fields.String(allow_none=True, validate=validate.Length(max=20000))
    fee = fields.String(allow_none=True, validate=validate.Length(max=120),
                        metadata={"description": "e.g. 8.33% of annual CTC, or INR 1,20,000 per month"})
    service_line_id = fields.Integer(allow_none=True, validate=validate.Range(1, 2**31 - 1),
                                     metadata={"description": "the service line whose rate card floor applies"})
    fee_amount = fields.Float(allow_none=True, validate=validate.Range(min=0.01, max=1e12),
                              metadata={"description": "the fee as an amount, compared with the rate card's floor"})
    fee_currency = fields.String(allow_none=True, validate=validate.Regexp(r"^[A-Za-z]{3}$"),
                                 metadata={"description": "three letters; empty: the rate card's"})
    fee_unit = fields.String(allow_none=True, validate=validate.OneOf(list(RATE_CARD_UNITS)),
                             metadata={"description": "what the amount is per"})
    fee_reason = fields.String(load_only=True, allow_none=True, validate=validate.Length(max=500),
                               metadata={"description": "why, for the executive who approves a fee below the floor"})
    due_date = fields.Date(allow_none=True, metadata={"description": "needed by"})


class JobOrderUpdate(JobOrderIn):
    title = fields.String(validate=validate.Length(1, 200))


class JobOrder(JobOrderIn):
    fee_below_floor = fields.Boolean(dump_only=True, metadata={
        "description": "the fee is below the rate card's floor (or in another currency): the order stays held "
                       "until an executive approves it"})
    fee_approval = fields.String(dump_only=True, allow_none=True, validate=validate.OneOf(
        ["pending", "approved", "declined"]), metadata={"description": "the executive's answer on a fee below "
                                                                      "the floor, if one was asked for"})


class JobOrderList(Schema):
    items = fields.List(fields.Nested(JobOrder))
    next_cursor = fields.String(allow_none=True)


def ApplicationIds(description: str):  # noqa: N802 - a field factory, named like the fields it makes
    """Applications chosen on a job order (1 to 200 ids)."""
    return fields.List(fields.Integer(validate=validate.Range(1, 2**31 - 1)), required=True,
                       validate=validate.Length(1, 200), metadata={"description": description})


class SubmittalIn(Strict):
    application_ids = ApplicationIds("the job order's applications to send")
    notes = fields.Dict(keys=fields.String(validate=validate.Regexp(r"^[0-9]{1,10}$")),
                        values=fields.String(validate=validate.Length(max=1000)), load_default=dict,
                        metadata={"description": "a note per application id"})
    contact_id = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 2**31 - 1),
                                metadata={"description": "the client's contact who gets the link by email"})
    message = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5000))
    anonymise = fields.Boolean(load_default=True, metadata={"description": "anonymised profiles, else full resumes"})
    show_breakdown = fields.Boolean(load_default=False)
    expires_in_days = fields.Integer(load_default=14, validate=validate.Range(1, 90))


class SubmittalItemOut(Schema):
    id = fields.Integer()
    application_id = fields.Integer()
    candidate_id = fields.Integer()
    position = fields.Integer()
    note = fields.String(allow_none=True)
    conflict = fields.String(allow_none=True, metadata={"description": "submitted to another client recently"})
    decision = fields.String(allow_none=True, metadata={"description": "interested or not_interested"})
    comment = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)


class Submittal(Schema):
    id = fields.Integer()
    job_id = fields.Integer()
    client_id = fields.Integer()
    contact_id = fields.Integer(allow_none=True)
    message = fields.String(allow_none=True)
    anonymise = fields.Boolean()
    show_breakdown = fields.Boolean()
    expires_at = fields.DateTime()
    revoked_at = fields.DateTime(allow_none=True)
    views = fields.Integer()
    last_viewed_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    items = fields.List(fields.Nested(SubmittalItemOut))


class SubmittalCreated(Submittal):
    link = fields.String(allow_none=True, metadata={"description": "the client's share link: shown once (null on an "
                                                             "idempotent replay), only its hash is kept"})


class SubmittalList(Schema):
    items = fields.List(fields.Nested(Submittal))
    next_cursor = fields.String(allow_none=True)


class ConsentRequestIn(Strict):
    application_ids = ApplicationIds("applications to clients' job orders")


class ConsentRequests(Schema):
    asked = fields.Integer(metadata={"description": "candidates emailed the question"})
    problems = fields.List(fields.String(), metadata={"description": "why the others were not asked"})


class DecisionIn(Strict):
    item_id = fields.Integer(required=True, validate=validate.Range(1, 2**31 - 1),
                             metadata={"description": "the submittal's item (one candidate)"})
    decision = fields.String(required=True, validate=validate.OneOf(["interested", "not_interested"]))
    comment = fields.String(load_default="", validate=validate.Length(max=2000))


def dump_submittal(submittal, seen_for) -> dict:
    """A submittal and its candidates; each note as ``seen_for(application)`` (a ``blind.Identity``) lets it show."""
    items = []
    for item in submittal.items:
        application = item.application
        items.append({"id": item.id, "application_id": item.application_id, "candidate_id": application.candidate_id,
                      "position": item.position, "note": seen_for(application).scrub(item.note) or None,
                      "conflict": item.conflict, "decision": item.decision, "comment": item.comment,
                      "decided_at": item.decided_at})
    return dumper(Submittal).dump({
        "id": submittal.id, "job_id": submittal.job_id, "client_id": submittal.client_id,
        "contact_id": submittal.contact_id, "message": submittal.message, "anonymise": submittal.anonymise,
        "show_breakdown": submittal.show_breakdown, "expires_at": submittal.expires_at,
        "revoked_at": submittal.revoked_at, "views": submittal.views, "last_viewed_at": submittal.last_viewed_at,
        "created_at": submittal.created_at, "items": items})


# --- campus writes -----------------------------------------------------------------------------------------------

class CampusEventIn(Strict):
    """A campus drive, created as a draft (publish it on its page to open sign-up). Times are ISO 8601 with an
    offset; the event keeps its own time zone for the students' pages."""

    title = fields.String(required=True, validate=validate.Length(1, 200))
    school = fields.String(required=True, validate=validate.Length(1, 200))
    timezone = fields.String(load_default="Asia/Kolkata", validate=validate.Length(1, 60))
    starts_at = UTCDateTime(required=True)
    ends_at = UTCDateTime(load_default=None, allow_none=True)
    signup_opens_at = UTCDateTime(load_default=None, allow_none=True)
    signup_closes_at = UTCDateTime(load_default=None, allow_none=True)
    capacity = fields.Integer(required=True, validate=validate.Range(1, 100_000))
    venue = fields.String(load_default="", validate=validate.Length(max=300))
    description = fields.String(load_default="", validate=validate.Length(max=50000))
    eligible_degrees = fields.List(fields.String(validate=validate.Length(1, 100)), load_default=list,
                                   validate=validate.Length(max=50))
    eligible_branches = fields.List(fields.String(validate=validate.Length(1, 100)), load_default=list,
                                    validate=validate.Length(max=50))
    graduation_years = fields.List(fields.Integer(validate=validate.Range(1990, 2100)), load_default=list,
                                   validate=validate.Length(max=20))
    min_cgpa = fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 10))
    min_percentage = fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 100))
    no_active_backlogs = fields.Boolean(load_default=False)
    job_ids = fields.List(fields.Integer(validate=validate.Range(1, 2**31 - 1)), load_default=list,
                          validate=validate.Length(max=50))
    team_ids = fields.List(fields.Integer(validate=validate.Range(1, 2**31 - 1)), load_default=list,
                           validate=validate.Length(max=50))


class CampusEventUpdate(Strict):
    """A change to a campus drive: the fields sent replace the drive's, the rest stay."""

    title = fields.String(validate=validate.Length(1, 200))
    school = fields.String(validate=validate.Length(1, 200))
    timezone = fields.String(validate=validate.Length(1, 60))
    starts_at = UTCDateTime()
    ends_at = UTCDateTime(allow_none=True)
    signup_opens_at = UTCDateTime(allow_none=True)
    signup_closes_at = UTCDateTime(allow_none=True)
    capacity = fields.Integer(validate=validate.Range(1, 100_000))
    venue = fields.String(validate=validate.Length(max=300))
    description = fields.String(validate=validate.Length(max=50000))
    eligible_degrees = fields.List(fields.String(validate=validate.Length(1, 100)), validate=validate.Length(max=50))
    eligible_branches = fields.List(fields.String(validate=validate.Length(1, 100)), validate=validate.Length(max=50))
    graduation_years = fields.List(fields.Integer(validate=validate.Range(1990, 2100)), validate=validate.Length(max=20))
    min_cgpa = fields.Float(allow_none=True, validate=validate.Range(0, 10))
    min_percentage = fields.Float(allow_none=True, validate=validate.Range(0, 100))
    no_active_backlogs = fields.Boolean()
    job_ids = fields.List(fields.Integer(validate=validate.Range(1, 2**31 - 1)), validate=validate.Length(max=50))
    team_ids = fields.List(fields.Integer(validate=validate.Range(1, 2**31 - 1)), validate=validate.Length(max=50))


class RegistrationIn(Strict):
    """A student registered by the campus team (the consent is the student's, given to you)."""

    name = fields.String(required=True, validate=validate.Length(1, 200))
    email = fields.String(required=True, validate=validate.Length(1, 320))
    phone = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40))
    degree = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))
    branch = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))
    graduation_year = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1990, 2100))
    cgpa = fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 10))
    percentage = fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 100))
    active_backlogs = fields.Integer(load_default=0, validate=validate.Range(0, 99))
    consent = fields.Boolean(required=True, metadata={"description": "the student agreed to how their details are used"})


class RegistrationCreated(Registration):
    created = fields.Boolean(metadata={"description": "false when this email had signed up already (nothing changed)"})


class WalkInIn(RegistrationIn):
    """Someone who turned up without signing up, registered and checked in at once by the campus team."""

    early = fields.Boolean(load_default=False, metadata={
        "description": "you confirm registering walk-ins before the event's day (refused otherwise)"})


class CheckInIn(Strict):
    """Whom to check in: the token in their QR code (or the scanned link), or their registration's id."""

    token = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 500))
    registration_id = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 2**31 - 1))
    early = fields.Boolean(load_default=False, metadata={
        "description": "you confirm checking students in before the event's day (refused otherwise)"})
