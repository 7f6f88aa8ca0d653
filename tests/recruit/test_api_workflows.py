"""The JSON API's consulting and campus work: interview feedback as the role allows (blind review as on the pages),
clients with ETag / If-Match, job orders, submittals and the client's decisions (and their webhook event), campus
events and registrations; each refused as the page's own form and service refuse it."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import (Activity, CampusEvent, Interview, InterviewAssignment, Registration,
                            RepresentationConsent, WebhookEvent)
from recruit.models.base import utcnow
from recruit.services import applications, campus, webhooks
from tests.factories import CandidateFactory, ClientFactory, JobFactory
from tests.recruit.test_api import make_token  # noqa: F401 (a fixture)

RATINGS = {"analysis": 4, "domain": 3, "communication": 5, "tools": 4, "fit": 4}


def _interview(app, interviewer_ids, *, blind=False, name="Meera Nair"):
    """An application of a candidate called ``name`` with one interview whose panel is ``interviewer_ids``."""
    with app.app_context():
        job = JobFactory(blind_review=blind)
        candidate = CandidateFactory(name=name, email="meera@example.com")
        application = applications.create(candidate.id, job.id, source="manual", actor_id=None)
        interview = Interview(application_id=application.id, title="Interview", uid=f"{application.id}@recruit",
                              starts_at=utcnow() + timedelta(days=1))
        interview.assignments = [InterviewAssignment(interviewer_id=uid) for uid in interviewer_ids]
        db.session.add(interview)
        db.session.commit()
        return application.id, [a.id for a in interview.assignments]


def test_an_interviewer_sends_and_reads_only_their_own_feedback(app, make_token):
    """Can an interviewer's token send and read feedback on their own assignment, and is anyone else's a 404, a
    wrong rating a 422 naming it, and the application's feedback out of its reach?"""
    headers, mine = make_token("interviewer")
    other_headers, theirs = make_token("interviewer")
    application_id, (my_assignment, their_assignment) = _interview(app, [mine, theirs])
    api = app.test_client()
    url = f"/api/v1/interviews/assignments/{my_assignment}/feedback"
    before = api.get(url, headers=headers)
    assert before.status_code == 200 and before.json["submitted_at"] is None and before.json["ratings"] is None
    sent = api.put(url, headers=headers, json={"ratings": RATINGS, "recommendation": "yes", "notes": "Sharp on DCF."})
    assert sent.status_code == 200, sent.json
    assert sent.json["recommendation"] == "yes" and sent.json["ratings"] == RATINGS and sent.json["submitted_at"]
    assert api.get(url, headers=headers).json["notes"] == "Sharp on DCF."
    # Someone else's assignment is not there at all, for reading or writing.
    elsewhere = f"/api/v1/interviews/assignments/{their_assignment}/feedback"
    assert api.get(elsewhere, headers=headers).status_code == 404
    refused = api.put(elsewhere, headers=headers, json={"ratings": RATINGS, "recommendation": "no"})
    assert refused.status_code == 404 and refused.mimetype == "application/problem+json"
    wrong = api.put(url, headers=headers, json={"ratings": RATINGS | {"tools": 7}, "recommendation": "yes"})
    assert wrong.status_code == 422 and wrong.json["errors"][0]["field"] == "ratings.tools"
    assert api.get(f"/api/v1/applications/{application_id}/feedback", headers=headers).status_code == 403
    with app.app_context():
        assignment = db.session.get(InterviewAssignment, my_assignment)
        assert (assignment.recommendation, assignment.ratings["tools"]) == ("yes", 4)  # the wrong one changed nothing
        assert db.session.scalar(select(Activity).where(Activity.kind == "feedback")) is not None


def test_a_cancelled_interview_takes_no_feedback(app, make_token):
    """Is feedback on a cancelled interview refused, as on the feedback form?"""
    headers, mine = make_token("interviewer")
    _application_id, (assignment_id,) = _interview(app, [mine])
    with app.app_context():
        db.session.get(InterviewAssignment, assignment_id).interview.cancelled_at = utcnow()
        db.session.commit()
    refused = app.test_client().put(f"/api/v1/interviews/assignments/{assignment_id}/feedback", headers=headers,
                                    json={"ratings": RATINGS, "recommendation": "yes"})
    assert refused.status_code == 422 and "cancelled" in refused.json["detail"]


def test_recruiters_read_an_applications_feedback_as_blind_review_allows(app, make_token):
    """Does a recruiter's token read the feedback summary with the candidate's name scrubbed from the notes on a
    blind job (as on the review page), and an admin's with it?"""
    interviewer_headers, interviewer_id = make_token("interviewer")
    application_id, (assignment_id,) = _interview(app, [interviewer_id], blind=True)
    api = app.test_client()
    api.put(f"/api/v1/interviews/assignments/{assignment_id}/feedback", headers=interviewer_headers,
            json={"ratings": RATINGS, "recommendation": "strong_yes", "notes": "Meera Nair knows IFRS 9 well."})
    recruiter, _ = make_token("recruiter")
    seen = api.get(f"/api/v1/applications/{application_id}/feedback", headers=recruiter)
    assert seen.status_code == 200
    assert seen.json["counts"]["strong_yes"] == 1 and seen.json["averages"]["communication"] == 5.0
    [review] = seen.json["submitted"]
    assert "Meera" not in review["notes"] and "Applicant A-" in review["notes"] and "IFRS 9" in review["notes"]
    assert seen.json["waiting"] == []
    admin, _ = make_token("admin")
    [review] = api.get(f"/api/v1/applications/{application_id}/feedback", headers=admin).json["submitted"]
    assert review["notes"] == "Meera Nair knows IFRS 9 well."


def test_clients_are_created_once_and_updated_with_if_match(app, make_token):
    """Is a client created once per idempotency key, a taken name a 409, a stale If-Match a 412 that changes nothing,
    and a fresh one applied (fields left out kept)?"""
    headers, _ = make_token("recruiter")
    api = app.test_client()
    body = {"name": "Northwind Analytics", "industry": "Banking", "status": "prospect"}
    first = api.post("/api/v1/clients", headers=headers | {"Idempotency-Key": "c-1"}, json=body)
    assert first.status_code == 201 and first.json["name"] == "Northwind Analytics"
    again = api.post("/api/v1/clients", headers=headers | {"Idempotency-Key": "c-1"}, json=body)
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    clash = api.post("/api/v1/clients", headers=headers, json={"name": "northwind analytics"})
    assert clash.status_code == 409 and clash.mimetype == "application/problem+json"
    accented = [api.post("/api/v1/clients", headers=headers, json={"name": "Çelik Analytics"}) for _ in range(2)]
    assert [r.status_code for r in accented] == [201, 409]  # SQLite's lower() leaves "Ç" as it is
    blank = api.post("/api/v1/clients", headers=headers, json={"name": "   "})
    assert blank.status_code == 422 and blank.json["errors"][0]["field"] == "name"  # the client form's own rule
    url = first.headers["Location"]
    etag = api.get(url, headers=headers).headers["ETag"]
    assert api.patch(url, headers=headers, json={"status": "active"}).status_code == 428  # If-Match is required
    changed = api.patch(url, headers=headers | {"If-Match": etag}, json={"status": "active"})
    assert changed.status_code == 200 and changed.json["status"] == "active" and changed.json["industry"] == "Banking"
    stale = api.patch(url, headers=headers | {"If-Match": etag}, json={"industry": "Insurance"})
    assert stale.status_code == 412
    assert api.get(url, headers=headers).json["industry"] == "Banking"
    assert changed.headers["ETag"] == api.get(url, headers=headers).headers["ETag"] != etag


def _hook(app):
    """An endpoint that wants client decisions (its deliveries fail at once: a closed port)."""
    with app.app_context():
        webhooks.save_endpoint({"url": "http://127.0.0.1:9/hook", "events": ["submittal.decided"]}, actor_id=None)


@pytest.mark.parametrize("app_config", [{"WEBHOOK_ALLOW_PRIVATE": True, "WEBHOOK_TIMEOUT": 0.5}], indirect=True)
def test_job_orders_submittals_and_the_clients_decision(app, make_token):
    """Can a consultant's token open job orders for a client and page through them, submit a consenting candidate
    (and not one who has not agreed), read the submittal, and record the client's decision, which goes onto the
    timeline and out as the submittal.decided event?"""
    _hook(app)
    headers, user_id = make_token("recruiter")
    api = app.test_client()
    with app.app_context():
        client_id, in_house = ClientFactory(name="Contoso Research").id, JobFactory().id
    orders = f"/api/v1/clients/{client_id}/job-orders"
    made = [api.post(orders, headers=headers | {"Idempotency-Key": f"o-{i}"},
                     json={"title": f"Credit Analyst {i}", "fee": "8.33% of annual CTC", "due_date": "2027-01-15",
                           "client_requirements": "CFA level 1"}) for i in range(3)]
    assert [m.status_code for m in made] == [201, 201, 201]
    order = made[0].json
    assert (order["client_id"], order["fee"], order["due_date"], order["status"]) == (
        client_id, "8.33% of annual CTC", "2027-01-15", "draft")
    page = api.get(f"{orders}?limit=2", headers=headers)
    assert [j["title"] for j in page.json["items"]] == ["Credit Analyst 0", "Credit Analyst 1"]
    rest = api.get(page.headers["Link"].split(";")[0].strip("<>"), headers=headers)
    assert [j["title"] for j in rest.json["items"]] == ["Credit Analyst 2"] and "Link" not in rest.headers
    assert api.get(f"/api/v1/job-orders/{order['id']}", headers=headers).json["client_requirements"] == "CFA level 1"
    assert api.get(f"/api/v1/job-orders/{in_house}", headers=headers).status_code == 404
    assert api.get(f"/api/v1/clients/999999/job-orders", headers=headers).status_code == 404

    with app.app_context():
        agreed, unasked = CandidateFactory(name="Ravi Iyer"), CandidateFactory(name="Anil Rao")
        yes = applications.create(agreed.id, order["id"], source="manual", actor_id=user_id).id
        no = applications.create(unasked.id, order["id"], source="manual", actor_id=user_id).id
        db.session.add(RepresentationConsent(candidate_id=agreed.id, client_id=client_id, status="granted",
                                             token_hash="2" * 64))
        db.session.commit()
        agreed_id = agreed.id
        unasked_id = unasked.id
    submittals = f"/api/v1/job-orders/{order['id']}/submittals"
    refused = api.post(submittals, headers=headers, json={"application_ids": [yes, no]})
    assert refused.status_code == 422 and "Anil Rao has not agreed" in refused.json["detail"]
    asked = api.post("/api/v1/consent-requests", headers=headers, json={"application_ids": [yes, no]})
    assert asked.json == {"asked": 1, "problems": []}  # Ravi agreed already: not asked again
    with app.app_context():
        assert db.session.scalar(select(RepresentationConsent.status).where(
            RepresentationConsent.candidate_id == unasked_id)) == "requested"
    body = {"application_ids": [yes], "notes": {str(yes): "Strong in credit risk"}, "expires_in_days": 7}
    sent = api.post(submittals, headers=headers | {"Idempotency-Key": "s-1"}, json=body)
    assert sent.status_code == 201, sent.json
    assert sent.json["link"].startswith("http") and sent.json["anonymise"] is True
    [item] = sent.json["items"]
    assert (item["application_id"], item["note"], item["decision"]) == (yes, "Strong in credit risk", None)
    replay = api.post(submittals, headers=headers | {"Idempotency-Key": "s-1"}, json=body)
    assert replay.json["link"] is None and replay.json["id"] == sent.json["id"]  # the secret link is kept nowhere
    listed = api.get(submittals, headers=headers).json["items"]
    assert [s["id"] for s in listed] == [sent.json["id"]]

    decision = api.post(f"/api/v1/submittals/{sent.json['id']}/decisions", headers=headers,
                        json={"item_id": item["id"], "decision": "interested", "comment": "Book a call"})
    assert decision.status_code == 200
    [decided] = decision.json["items"]
    assert (decided["decision"], decided["comment"]) == ("interested", "Book a call") and decided["decided_at"]
    assert api.get(f"/api/v1/submittals/{sent.json['id']}", headers=headers).json["items"][0]["decision"] == \
        "interested"
    wrong = api.post(f"/api/v1/submittals/{sent.json['id']}/decisions", headers=headers,
                     json={"item_id": item["id"] + 1000, "decision": "interested"})
    assert wrong.status_code == 404
    with app.app_context():
        [event] = db.session.scalars(select(WebhookEvent).where(WebhookEvent.type == "submittal.decided"))
        assert event.payload["data"] | {"decided_at": None} == {
            "submittal_id": sent.json["id"], "submittal_item_id": item["id"], "client_id": client_id,
            "job_id": order["id"], "application_id": yes, "candidate_id": agreed_id, "decision": "interested",
            "comment": "Book a call", "decided_at": None}
        entry = db.session.scalar(select(Activity).where(Activity.kind == "client_feedback"))
        assert entry.actor_id == user_id and "Interested" in entry.summary


def test_an_interviewers_token_reaches_no_client_or_campus_write(app, make_token):
    """Is every client, job-order and campus write refused to an interviewer's token (its role holds no such scope)?"""
    headers, _ = make_token("interviewer")
    api = app.test_client()
    with app.app_context():
        client_id = ClientFactory().id
    for method, url in (("post", "/api/v1/clients"), ("patch", f"/api/v1/clients/{client_id}"),
                        ("post", f"/api/v1/clients/{client_id}/job-orders"), ("post", "/api/v1/campus/events")):
        assert getattr(api, method)(url, headers=headers, json={"name": "x"}).status_code == 403


def _utc(days: int, hour: int = 4, minute: int = 30) -> str:
    moment = (datetime.now(timezone.utc) + timedelta(days=days)).replace(hour=hour, minute=minute, second=0,
                                                                         microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def test_campus_events_and_registrations(app, make_token):
    """Can the campus team's token plan a drive (UTC times kept, the event's zone for its pages), be refused as the
    planning form refuses, and register students while sign-up is open: eligibility checked, the same email once?"""
    headers, _ = make_token("recruiter")
    api = app.test_client()
    with app.app_context():
        job_id = JobFactory(title="Graduate Analyst").id
    event = {"title": "Analyst hiring day", "school": "Christ University", "timezone": "Asia/Kolkata",
             "starts_at": _utc(10), "capacity": 1, "eligible_degrees": ["B.Com", "BBA"], "graduation_years": [2026],
             "min_cgpa": 7, "no_active_backlogs": True, "job_ids": [job_id]}
    backwards = api.post("/api/v1/campus/events", headers=headers,
                         json=event | {"signup_opens_at": _utc(3), "signup_closes_at": _utc(2)})
    assert backwards.status_code == 422 and backwards.json["errors"][0]["field"] == "signup_closes_at"
    nowhere = api.post("/api/v1/campus/events", headers=headers, json=event | {"timezone": "Mars/Olympus"})
    assert nowhere.status_code == 422 and nowhere.json["errors"][0]["field"] == "timezone"
    made = api.post("/api/v1/campus/events", headers=headers | {"Idempotency-Key": "e-1"}, json=event)
    assert made.status_code == 201, made.json
    assert made.json["starts_at"].startswith(event["starts_at"][:16]) and made.json["status"] == "draft"
    event_id = made.json["id"]
    with app.app_context():
        stored = db.session.get(CampusEvent, event_id)
        assert [j.id for j in stored.jobs] == [job_id] and stored.no_active_backlogs and stored.min_cgpa == 7
    registrations = f"/api/v1/campus/events/{event_id}/registrations"
    student = {"name": "Priya Verma", "email": "priya@example.com", "degree": "B.Com", "graduation_year": 2026,
               "cgpa": 8.4, "consent": True}
    closed = api.post(registrations, headers=headers, json=student)
    assert closed.status_code == 422  # a draft takes no sign-ups, as on its public page
    with app.app_context():
        campus.set_status(event_id, "published", actor_id=None)
    first = api.post(registrations, headers=headers, json=student)
    assert first.status_code == 201 and first.json["created"] and first.json["status"] == "confirmed"
    twice = api.post(registrations, headers=headers, json=student | {"name": "Priya V."})
    assert twice.status_code == 200 and not twice.json["created"] and twice.json["id"] == first.json["id"]
    waitlisted = api.post(registrations, headers=headers, json=student | {"email": "asha@example.com"})
    assert waitlisted.json["status"] == "waitlisted"  # one place, taken
    ineligible = api.post(registrations, headers=headers, json=student | {"email": "dev@example.com", "cgpa": 6.1})
    assert ineligible.status_code == 422 and ineligible.json["errors"][0]["field"] == "eligibility"
    no_consent = api.post(registrations, headers=headers, json=student | {"email": "sam@example.com",
                                                                          "consent": False})
    assert no_consent.status_code == 422 and no_consent.json["errors"][0]["field"] == "consent"
    listed = api.get(registrations, headers=headers).json["items"]
    assert sorted(r["email"] for r in listed) == ["asha@example.com", "priya@example.com"]
    with app.app_context():
        assert db.session.scalar(select(Registration).where(Registration.email == "priya@example.com")).name == \
            "Priya Verma"  # the second sign-up changed nothing


def test_compiled_dumps_answer_what_marshmallow_answers(app):
    """Does every API schema's compiled dump give exactly what marshmallow's own dump gives, on real records and
    on the dicts the routes build (None, dates, nested lists, dicts of numbers)?"""
    from recruit.api import schemas
    from recruit.models import Application

    with app.app_context():
        client = ClientFactory(guidelines="No agencies")
        job = JobFactory(client_id=client.id, fee="8.33%", due_date=datetime(2027, 1, 15).date(), preferred_skills=[])
        candidate = CandidateFactory(headline=None)
        application = applications.create(candidate.id, job.id, source="manual", actor_id=None)
        db.session.flush()
        application.score, application.score_breakdown = 71.5, {"summary": "Strong", "breakdown": [{"points": 3}]}
        db.session.commit()
        application = db.session.get(Application, application.id)
        event = CampusEvent(code="dump0001", title="Drive", school="School", starts_at=utcnow(), capacity=5,
                            eligible_degrees=["B.Com"], graduation_years=[2026])
        db.session.add(event)
        db.session.flush()
        records = [(schemas.CampusEventDetail, event), (schemas.Job, job), (schemas.JobOrder, job),
                   (schemas.ClientDetail, client),
                   (schemas.Client, client), (schemas.Application, application),
                   (schemas.ApplicationDetail, application)]
        dicts = [
            (schemas.Candidate, {"id": 1, "hidden": True, "name": "Applicant A-00001", "email": None, "phone": None,
                                 "location": None, "headline": None, "source": "api", "created_at": utcnow(),
                                 "updated_at": utcnow()}),
            (schemas.Feedback, {"assignment_id": 1, "interview_id": 2, "application_id": 3, "interviewer_id": 4,
                                "interviewer": "Ivan", "submitted_at": None, "ratings": {"fit": 4},
                                "recommendation": None, "notes": None}),
            (schemas.ImportProgress, {"batch": 1, "total": 3, "finished": 1, "counts": {"done": 1}, "percent": 33.3,
                                      "per_second": None, "seconds_left": None, "review": 0, "cancelled": False,
                                      "done": False}),
            (schemas.JobList, {"items": [job, job], "next_cursor": None}),
            (schemas.SubmittalList, {"items": [{"id": 1, "items": [{"id": 2, "decision": None}],
                                                "expires_at": utcnow(), "anonymise": True}], "next_cursor": "5"}),
        ]
        for schema, obj in records + dicts:
            compiled = schemas.dumper(schema)
            assert isinstance(compiled, schemas.Compiled), schema
            assert compiled.dump(obj) == schema().dump(obj), schema.__name__
        assert schemas.dumper(schemas.Job, many=True).dump([job, job]) == schemas.Job(many=True).dump([job, job])


def test_the_review_page_scrubs_feedback_notes_as_the_api_does(app, client, login, make_token):
    """Does the review page show an interviewer's notes with the hidden candidate's name replaced by the label, as
    the API answers them, and the name to an admin?"""
    from recruit.models import Application

    interviewer_headers, interviewer_id = make_token("interviewer")
    application_id, (assignment_id,) = _interview(app, [interviewer_id], blind=True)
    app.test_client().put(f"/api/v1/interviews/assignments/{assignment_id}/feedback", headers=interviewer_headers,
                          json={"ratings": RATINGS, "recommendation": "yes", "notes": "Meera Nair is sharp on DCF."})
    with app.app_context():
        job_id = db.session.get(Application, application_id).job_id
    login("recruiter")
    page = client.get(f"/jobs/{job_id}/applications/{application_id}").data.decode()
    assert "is sharp on DCF." in page and "Meera" not in page and f"Applicant A-{application_id:05d} is sharp" in page
    client.post("/auth/logout")
    login("admin")
    assert "Meera Nair is sharp on DCF." in client.get(f"/jobs/{job_id}/applications/{application_id}").data.decode()


def test_a_job_order_fee_below_the_floor_is_held_over_the_api_as_on_the_page(app, client, login, make_token):
    """Does a job order made over the API meet the job form's fee rule: a fee below the rate card's floor holds
    the order and asks an executive, and the answer says so; a wrong unit is a 422 naming the field?"""
    from tests.recruit.test_briefs import _equity_rate_card

    line_id = _equity_rate_card(app, client, login)
    headers, _ = make_token("recruiter")
    api = app.test_client()
    with app.app_context():
        client_id = ClientFactory(name="Fabrikam Capital").id
    orders = f"/api/v1/clients/{client_id}/job-orders"
    low = api.post(orders, headers=headers, json={"title": "Equity Analyst", "service_line_id": line_id,
                                                  "fee_amount": 3500, "fee_unit": "month",
                                                  "fee_reason": "Pilot for a new desk"})
    assert low.status_code == 201, low.json
    assert (low.json["fee_amount"], low.json["fee_currency"], low.json["fee_unit"]) == (3500, "USD", "month")
    assert (low.json["fee_below_floor"], low.json["fee_approval"], low.json["status"]) == (True, "pending", "draft")
    with app.app_context():
        from recruit.models import FeeApproval

        approval = db.session.scalars(select(FeeApproval)).one()
        assert (approval.job_id, approval.amount, approval.reason) == (low.json["id"], 3500, "Pilot for a new desk")
    fair = api.post(orders, headers=headers, json={"title": "Equity Analyst II", "service_line_id": line_id,
                                                   "fee_amount": 4500, "fee_unit": "month"})
    assert (fair.json["fee_below_floor"], fair.json["fee_approval"]) == (False, None)
    wrong = api.post(orders, headers=headers, json={"title": "Equity Analyst III", "fee_amount": 10,
                                                    "fee_unit": "fortnight"})
    assert wrong.status_code == 422 and wrong.json["errors"][0]["field"] == "fee_unit"


def _rate_card_and_client(app, client, login, make_token, name: str):
    """The equity rate card (its service line's id), a recruiter's token headers, an API client and a client
    firm called ``name`` (its id)."""
    from tests.recruit.test_briefs import _equity_rate_card

    line_id = _equity_rate_card(app, client, login)
    headers, _ = make_token("recruiter")
    with app.app_context():
        client_id = ClientFactory(name=name).id
    return line_id, headers, app.test_client(), client_id


def _etag(api, url, headers) -> str:
    return api.get(url, headers=headers).headers["ETag"]


def test_a_job_order_is_updated_with_if_match_and_its_fee_rule(app, client, make_user, login, make_token):
    """Is a job-order update refused without If-Match (428) and on a stale one (412), changing nothing; does a fee
    lowered below the floor over the API hold the open order and ask an executive, as the job form does; and does
    the executive's approval on the approvals page open it again, as the API then shows?"""
    from recruit.models import FeeApproval, Job
    from recruit.services import jobs
    from tests.recruit.test_briefs import _sign_in

    line_id, headers, api, client_id = _rate_card_and_client(app, client, login, make_token, "Litware Equity")
    made = api.post(f"/api/v1/clients/{client_id}/job-orders", headers=headers,
                    json={"title": "Equity Analyst", "service_line_id": line_id, "fee_amount": 4500,
                          "fee_unit": "month"})
    url = made.headers["Location"]
    with app.app_context():
        jobs.set_status(made.json["id"], "open", actor_id=None)
    etag = _etag(api, url, headers)
    missing = api.patch(url, headers=headers, json={"openings": 4})
    assert missing.status_code == 428 and missing.json["errors"][0]["field"] == "If-Match"
    changed = api.patch(url, headers=headers | {"If-Match": etag}, json={"openings": 4, "due_date": "2027-03-01"})
    assert changed.status_code == 200 and (changed.json["openings"], changed.json["due_date"]) == (4, "2027-03-01")
    stale = api.patch(url, headers=headers | {"If-Match": etag}, json={"openings": 9})
    assert stale.status_code == 412 and api.get(url, headers=headers).json["openings"] == 4

    # Only the amount sent: the unit, currency and service line stay, and the rate card's floor applies.
    low = api.patch(url, headers=headers | {"If-Match": changed.headers["ETag"]},
                    json={"fee_amount": 3500, "fee_reason": "Pilot desk"})
    assert low.status_code == 200, low.json
    assert (low.json["fee_amount"], low.json["fee_unit"], low.json["fee_currency"]) == (3500, "month", "USD")
    assert (low.json["fee_below_floor"], low.json["fee_approval"], low.json["status"]) == (True, "pending", "on_hold")
    wrong = api.patch(url, headers=headers | {"If-Match": low.headers["ETag"]}, json={"fee_unit": "fortnight"})
    assert wrong.status_code == 422
    with app.app_context():
        approval = db.session.scalars(select(FeeApproval)).one()
        assert (approval.amount, approval.reason, approval.status) == (3500, "Pilot desk", "pending")

    _executive_id, executive = make_user("executive", name="Esha Executive")
    _sign_in(client, executive)
    page = client.post(f"/catalogue/approvals/{approval.id}", {"decision": "approve"}, follow_redirects=True)
    assert "The job order it held is open again." in page.data.decode()
    after = api.get(url, headers=headers).json
    assert (after["status"], after["fee_below_floor"], after["fee_approval"]) == ("open", True, "approved")

    # An executive's own token lowering the fee is approved at once: the order stays open.
    executive_headers, _ = make_token("executive")
    lower = api.patch(url, headers=executive_headers | {"If-Match": _etag(api, url, headers)},
                      json={"fee_amount": 3200})
    assert (lower.json["status"], lower.json["fee_approval"]) == ("open", "approved")
    with app.app_context():
        assert db.session.get(Job, made.json["id"]).fee_amount == 3200


def test_a_fee_sent_as_text_alone_is_read_and_meets_the_floor(app, client, login, make_token):
    """Is a job order's fee given only as terms ("USD 1,000 per month") read into its amount, on creation and on
    every update, so a lower fee typed as text is held for an executive like one typed as an amount, and the text
    and the amount compared never disagree?"""
    line_id, headers, api, client_id = _rate_card_and_client(app, client, login, make_token, "Tailspin Research")
    made = api.post(f"/api/v1/clients/{client_id}/job-orders", headers=headers,
                    json={"title": "Equity Analyst", "service_line_id": line_id, "fee": "USD 4,500 per month"})
    assert made.status_code == 201, made.json
    assert (made.json["fee_amount"], made.json["fee_unit"], made.json["fee_below_floor"]) == (4500, "month", False)
    url = made.headers["Location"]
    with app.app_context():
        from recruit.services import jobs

        jobs.set_status(made.json["id"], "open", actor_id=None)
    up = api.patch(url, headers=headers | {"If-Match": _etag(api, url, headers)}, json={"fee": "USD 6,000 per month"})
    assert (up.json["fee_amount"], up.json["status"]) == (6000, "open")
    down = api.patch(url, headers=headers | {"If-Match": up.headers["ETag"]},
                     json={"fee": "USD 1,000 per month", "fee_reason": "Trial month"})
    assert down.status_code == 200, down.json
    assert (down.json["fee"], down.json["fee_amount"], down.json["fee_currency"]) == ("USD 1,000 per month", 1000,
                                                                                      "USD")
    assert (down.json["fee_below_floor"], down.json["fee_approval"], down.json["status"]) == (True, "pending",
                                                                                              "on_hold")


def test_an_approval_reopens_only_an_order_its_fee_held(app, client, make_user, login):
    """Does an executive's approval on the page reopen a job order its fee put on hold, and leave as they are an
    order someone held by hand before its fee was lowered, and a draft?"""
    from recruit.models import FeeApproval, Job
    from tests.recruit.test_briefs import _client_with_brief, _equity_rate_card, _job_order, _sign_in

    line_id = _equity_rate_card(app, client, login)
    _, recruiter = make_user("recruiter")
    _, executive = make_user("executive")
    _sign_in(client, recruiter)
    client_id, _ = _client_with_brief(client)
    held = _job_order(client, client_id, line_id, fee_amount="3500", fee_currency="", fee_unit="month")
    by_hand = _job_order(client, client_id, line_id, fee_amount="4500", fee_currency="", fee_unit="month")
    client.post(f"/jobs/{by_hand}/status", {"status": "on_hold"})
    client.post(f"/jobs/{by_hand}/edit", {"title": "Equity research analyst", "client_id": str(client_id),
                                          "employment_type": "contract", "openings": "2", "min_years": "2",
                                          "education": "", "service_line_id": str(line_id), "fee_amount": "3400",
                                          "fee_currency": "USD", "fee_unit": "month"})
    draft = client.post("/jobs/new", {"title": "Draft order", "client_id": str(client_id), "employment_type":
                                      "contract", "openings": "1", "min_years": "0", "education": "",
                                      "status": "draft", "service_line_id": str(line_id), "fee_amount": "3300",
                                      "fee_currency": "", "fee_unit": "month"})
    draft = int(draft.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    with app.app_context():
        waiting = {a.job_id: a.id for a in db.session.scalars(select(FeeApproval))}
        assert set(waiting) == {held, by_hand, draft}
        assert {i: db.session.get(Job, i).status for i in waiting} == {held: "on_hold", by_hand: "on_hold",
                                                                       draft: "draft"}
    _sign_in(client, executive)
    for approval_id in waiting.values():
        client.post(f"/catalogue/approvals/{approval_id}", {"decision": "approve"})
    with app.app_context():
        assert {i: db.session.get(Job, i).status for i in waiting} == {held: "open", by_hand: "on_hold",
                                                                       draft: "draft"}


def test_the_job_order_list_gives_each_orders_own_fee_standing_in_constant_queries(app, client, make_user, login,
                                                                                  make_token):
    """Does the job-order list say for every order what its own page says (below the floor or not, the approval's
    state), for fees at, below and in another currency than the floor, approved, waiting and absent, with as many
    queries for six orders as for two?"""
    from sqlalchemy import event

    from recruit.models import FeeApproval
    from tests.recruit.test_briefs import _equity_rate_card

    line_id = _equity_rate_card(app, client, login)
    headers, _ = make_token("recruiter")
    executive_headers, _ = make_token("executive")
    api = app.test_client()
    with app.app_context():
        client_id = ClientFactory(name="Adatum Research").id
    orders = f"/api/v1/clients/{client_id}/job-orders"
    fees = [({"fee_amount": 3500, "fee_unit": "month"}, headers),  # below: waiting
            ({"fee_amount": 4500, "fee_unit": "month"}, headers),  # above
            ({"fee_amount": 3000, "fee_unit": "month"}, executive_headers),  # below, approved at once
            ({"fee_amount": 4500, "fee_unit": "month", "fee_currency": "EUR"}, headers),  # another currency
            ({"fee": "8.33% of annual CTC"}, headers),  # not comparable
            ({"fee_amount": 3900, "fee_unit": "month"}, headers)]  # below: declined below
    ids = [api.post(orders, headers=h, json={"title": f"Order {i}", "service_line_id": line_id, **fee}).json["id"]
           for i, (fee, h) in enumerate(fees)]
    with app.app_context():
        from recruit.services import catalogue

        last = db.session.scalars(select(FeeApproval).where(FeeApproval.job_id == ids[-1])).one()
        executive_id = db.session.scalars(select(FeeApproval.approved_by_id).where(
            FeeApproval.job_id == ids[2])).one()
        catalogue.decide_fee(last.id, False, "Too low", actor_id=executive_id)
    listed = {j["id"]: (j["fee_below_floor"], j["fee_approval"])
              for j in api.get(orders, headers=headers).json["items"]}
    each = {i: (j["fee_below_floor"], j["fee_approval"])
            for i, j in ((i, api.get(f"/api/v1/job-orders/{i}", headers=headers).json) for i in ids)}
    assert listed == each == {ids[0]: (True, "pending"), ids[1]: (False, None), ids[2]: (True, "approved"),
                              ids[3]: (True, "pending"), ids[4]: (False, None), ids[5]: (True, "declined")}

    def queries(limit: int) -> int:
        with app.app_context():
            engine = db.engine
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert len(api.get(f"{orders}?limit={limit}", headers=headers).json["items"]) == limit
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    assert queries(2) == queries(6)


def test_a_campus_event_is_updated_with_if_match_as_its_planning_page_edits_it(app, make_token):
    """Is a drive's update refused without If-Match and on a stale one, changing nothing; are the fields left out
    kept (every eligible degree too); is a capacity below the places given refused naming it, and does a larger one
    move the waitlist up, as the edit page does?"""
    headers, _ = make_token("recruiter")
    api = app.test_client()
    made = api.post("/api/v1/campus/events", headers=headers,
                    json={"title": "Analyst day", "school": "Loyola College", "starts_at": _utc(10), "capacity": 1,
                          "eligible_degrees": ["B.Com", "BBA"], "graduation_years": [2026, 2027]})
    assert made.status_code == 201 and made.json["eligible_degrees"] == ["B.Com", "BBA"]
    assert made.json["graduation_years"] == [2026, 2027]
    url = made.headers["Location"]
    event_id = made.json["id"]
    with app.app_context():
        campus.set_status(event_id, "published", actor_id=None)
    registrations = f"/api/v1/campus/events/{event_id}/registrations"
    for email in ("a@example.com", "b@example.com"):
        api.post(registrations, headers=headers, json={"name": email[0].upper() + " Student", "email": email,
                                                       "degree": "BBA", "graduation_year": 2026, "consent": True})
    etag = _etag(api, url, headers)
    assert api.patch(url, headers=headers, json={"venue": "Hall B"}).status_code == 428
    lower = api.patch(url, headers=headers | {"If-Match": etag}, json={"capacity": 1, "venue": "Hall B"})
    assert lower.status_code == 200  # one place given: one is not below it
    stale = api.patch(url, headers=headers | {"If-Match": etag}, json={"venue": "Hall C"})
    assert stale.status_code == 412 and api.get(url, headers=headers).json["venue"] == "Hall B"
    backwards = api.patch(url, headers=headers | {"If-Match": lower.headers["ETag"]},
                          json={"ends_at": _utc(9)})
    assert backwards.status_code == 422 and backwards.json["errors"][0]["field"] == "ends_at"
    grown = api.patch(url, headers=headers | {"If-Match": lower.headers["ETag"]},
                      json={"capacity": 2, "title": "Analyst hiring day"})
    assert grown.status_code == 200, grown.json
    body = grown.json
    assert (body["title"], body["school"], body["venue"], body["capacity"]) == (
        "Analyst hiring day", "Loyola College", "Hall B", 2)
    assert body["eligible_degrees"] == ["B.Com", "BBA"] and body["starts_at"].startswith(_utc(10)[:16])
    statuses = sorted(r["status"] for r in api.get(registrations, headers=headers).json["items"])
    assert statuses == ["confirmed", "confirmed"]  # the waitlisted student moved up
    too_low = api.patch(url, headers=headers | {"If-Match": _etag(api, url, headers)}, json={"capacity": 1})
    assert too_low.status_code == 422 and too_low.json["errors"][0]["field"] == "capacity"
    assert "2 students already have a place" in too_low.json["detail"]


def test_walk_ins_and_check_ins_over_the_api_as_on_the_check_in_page(app, make_token):
    """Can the campus team's token register a walk-in (checked in at once) and check a registered student in by
    their QR code's token or their registration, refused before the event's day unless confirmed early, the
    first check-in time kept, a cancelled or unknown student refused?"""
    headers, user_id = make_token("recruiter")
    api = app.test_client()
    event_id = api.post("/api/v1/campus/events", headers=headers,
                        json={"title": "Drive", "school": "St Xavier's", "starts_at": _utc(5),
                              "capacity": 10}).json["id"]
    with app.app_context():
        campus.set_status(event_id, "published", actor_id=None)
    base = f"/api/v1/campus/events/{event_id}"
    student = {"name": "Kiran Shah", "email": "kiran@example.com", "consent": True}
    early = api.post(f"{base}/walk-ins", headers=headers, json=student)
    assert early.status_code == 422 and "Nobody was registered" in early.json["detail"]
    walked = api.post(f"{base}/walk-ins", headers=headers | {"Idempotency-Key": "w-1"}, json=student | {"early": True})
    assert walked.status_code == 201, walked.json
    assert walked.json["walk_in"] is True and walked.json["checked_in_at"] and walked.json["status"] == "confirmed"
    assert api.post(f"{base}/walk-ins", headers=headers, json=student | {"early": True,
                                                                         "consent": False}).status_code == 422

    signed = api.post(f"{base}/registrations", headers=headers,
                      json={"name": "Neha Das", "email": "neha@example.com", "consent": True}).json
    with app.app_context():
        token = db.session.get(Registration, signed["id"]).token
    refused = api.post(f"{base}/check-ins", headers=headers, json={"token": token})
    assert refused.status_code == 422 and signed["checked_in_at"] is None
    checked = api.post(f"{base}/check-ins", headers=headers,
                       json={"token": f"https://recruit.example/e/c/{token}", "early": True})
    assert checked.status_code == 200 and checked.json["id"] == signed["id"] and checked.json["checked_in_at"]
    again = api.post(f"{base}/check-ins", headers=headers, json={"registration_id": signed["id"], "early": True})
    assert again.json["checked_in_at"] == checked.json["checked_in_at"]
    with app.app_context():
        registration = db.session.get(Registration, signed["id"])
        assert registration.checked_in_by_id == user_id
    assert api.post(f"{base}/check-ins", headers=headers, json={"token": "nope", "early": True}).status_code == 404
    other = api.post("/api/v1/campus/events", headers=headers,
                     json={"title": "Other", "school": "Elsewhere", "starts_at": _utc(5), "capacity": 5}).json["id"]
    elsewhere = api.post(f"/api/v1/campus/events/{other}/check-ins", headers=headers,
                         json={"registration_id": signed["id"], "early": True})
    assert elsewhere.status_code == 404  # another event's student
    reader, _ = make_token("recruiter", ["campus:read"])
    assert api.post(f"{base}/check-ins", headers=reader, json={"registration_id": signed["id"]}).status_code == 403
    assert api.patch(base, headers=reader | {"If-Match": "*"}, json={"venue": "x"}).status_code == 403


def test_a_submittal_is_withdrawn_over_the_api_as_on_its_page(app, client, login, make_token):
    """Does withdrawing a submittal over the API stop its share link showing anything, keep the submittal and its
    decisions on record, and change nothing when done again; and is it refused to a token that only reads?"""
    from recruit.models import Submittal, SubmittalItem
    from recruit.services import sharing

    headers, user_id = make_token("recruiter")
    with app.app_context():
        client_id = ClientFactory().id
        order = JobFactory(client_id=client_id)
        application = applications.create(CandidateFactory().id, order.id, source="manual", actor_id=None)
        token = "t" * 43
        submittal = Submittal(job_id=order.id, client_id=client_id, token_hash=sharing.token_hash(token),
                              expires_at=utcnow() + timedelta(days=7))
        submittal.items = [SubmittalItem(application_id=application.id)]
        db.session.add(submittal)
        db.session.commit()
        submittal_id = submittal.id
    api = app.test_client()
    assert client.get(f"/s/{token}").status_code == 200  # the client's page, before
    reader, _ = make_token("recruiter", ["clients:read"])
    url = f"/api/v1/submittals/{submittal_id}/withdraw"
    assert api.post(url, headers=reader).status_code == 403
    withdrawn = api.post(url, headers=headers)
    assert withdrawn.status_code == 200 and withdrawn.json["revoked_at"] and len(withdrawn.json["items"]) == 1
    again = api.post(url, headers=headers)
    assert again.json["revoked_at"] == withdrawn.json["revoked_at"]
    with app.app_context():
        from recruit.models import AuditEvent
        from recruit.services import clients

        assert clients.shared(token) is None
        assert len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "submittal.revoke")).all()) == 1
    assert client.get(f"/s/{token}").status_code == 404  # the client's page shows nothing now
    assert api.post("/api/v1/submittals/999999/withdraw", headers=headers).status_code == 404


def test_a_drives_etag_moves_with_its_team_and_jobs_not_with_its_sign_ups(app, make_user, make_token):
    """Does a drive's ETag change when its team or jobs change (so a second client's stale team edit is refused,
    412, instead of overwriting the first), and stay put when a student signs up (no refusal for a seat taken)?"""
    headers, _ = make_token("recruiter")
    first_id, _ = make_user("recruiter", name="Farah First")
    second_id, _ = make_user("recruiter", name="Sunil Second")
    api = app.test_client()
    with app.app_context():
        job_id = JobFactory(title="Graduate Analyst").id
    made = api.post("/api/v1/campus/events", headers=headers,
                    json={"title": "Analyst day", "school": "Loyola College", "starts_at": _utc(10), "capacity": 5})
    url, event_id = made.headers["Location"], made.json["id"]
    with app.app_context():
        campus.set_status(event_id, "published", actor_id=None)
    seen = _etag(api, url, headers)
    signed = api.post(f"/api/v1/campus/events/{event_id}/registrations", headers=headers,
                      json={"name": "A Student", "email": "a@example.com", "consent": True})
    assert signed.status_code == 201, signed.json
    assert _etag(api, url, headers) == seen
    venue = api.patch(url, headers=headers | {"If-Match": seen}, json={"venue": "Hall B"})
    assert venue.status_code == 200, venue.json
    teamed = api.patch(url, headers=headers | {"If-Match": venue.headers["ETag"]}, json={"team_ids": [first_id]})
    assert teamed.status_code == 200 and teamed.headers["ETag"] != venue.headers["ETag"]
    stale = api.patch(url, headers=headers | {"If-Match": venue.headers["ETag"]}, json={"team_ids": [second_id]})
    assert stale.status_code == 412
    with_job = api.patch(url, headers=headers | {"If-Match": teamed.headers["ETag"]}, json={"job_ids": [job_id]})
    assert with_job.status_code == 200 and with_job.headers["ETag"] != teamed.headers["ETag"]
    with app.app_context():
        event = db.session.get(CampusEvent, event_id)
        assert [u.id for u in event.team] == [first_id] and [j.id for j in event.jobs] == [job_id]


def test_two_clients_sending_the_same_etag_at_once_are_taken_one_after_the_other(app, make_token, monkeypatch):
    """Two API clients read a client record and send their changes at the same moment with the same ETag: does one
    change land and the other get 412, instead of the second silently overwriting the first?"""
    import threading
    import time

    from recruit.services import clients

    headers, _ = make_token("recruiter")
    made = app.test_client().post("/api/v1/clients", headers=headers, json={"name": "Contoso Research"})
    url = made.headers["Location"]
    etag = app.test_client().get(url, headers=headers).headers["ETag"]
    real = clients.save_client

    def slow_save(*args, **kwargs):
        time.sleep(0.4)  # both requests have compared their ETag before either writes, unless one waits
        return real(*args, **kwargs)

    monkeypatch.setattr(clients, "save_client", slow_save)
    answers = {}

    def send(industry):
        answers[industry] = app.test_client().patch(url, headers=headers | {"If-Match": etag},
                                                    json={"industry": industry}).status_code

    senders = [threading.Thread(target=send, args=(industry,)) for industry in ("Banking", "Insurance")]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=20)
    assert sorted(answers.values()) == [200, 412], answers
    kept = app.test_client().get(url, headers=headers).json["industry"]
    assert answers[kept] == 200
