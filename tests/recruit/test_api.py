"""The JSON API: tokens, scopes and roles, problem+json, cursor pages, ETags, idempotency keys, rate limits,
blind review, and the OpenAPI document."""
from __future__ import annotations

import re

import pytest

from recruit.extensions import db
from recruit.services import tokens
from tests.factories import CandidateFactory, JobFactory


@pytest.fixture
def make_token(app, make_user):
    """``make_token('recruiter', ['jobs:read'])`` -> (headers, user_id)."""

    def make(role="recruiter", scopes=None, user_id=None):
        with app.app_context():
            if user_id is None:
                user_id, _email = make_user(role)
            scopes = scopes if scopes is not None else tokens.allowed_scopes(role)
            _token, secret = tokens.create_token(user_id, "test", scopes, expires_days=30)
        return {"Authorization": f"Bearer {secret}"}, user_id

    return make


def test_a_token_is_shown_once_and_kept_hashed(app, client, login):
    """Does the account page show a new token once, keep only its hash, and stop it working once revoked?"""
    login("recruiter")
    page = client.post("/auth/tokens", {"name": "sync script", "scopes": ["jobs:read"], "expires_days": "30"})
    assert page.status_code == 200
    secret = re.search(rb'id="new-token">(rct_[^<]+)<', page.data).group(1).decode()
    with app.app_context():
        from recruit.models import ApiToken

        stored = db.session.scalars(db.select(ApiToken)).one()
        assert stored.token_hash == tokens.digest(secret) and secret not in stored.token_hash
        token_id = stored.id
    assert secret.encode() not in client.get("/auth/tokens").data  # shown once
    api = app.test_client()
    assert api.get("/api/v1/jobs", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert b"ago" in client.get("/auth/tokens").data or b"just now" in client.get("/auth/tokens").data
    client.post(f"/auth/tokens/{token_id}/revoke")
    refused = api.get("/api/v1/jobs", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"


def test_an_interviewer_cannot_hold_candidates_write(app, client, login):
    """Is a scope beyond the user's role refused on the form and in the service?"""
    user_id = login("interviewer")
    page = client.post("/auth/tokens", {"name": "x", "scopes": ["candidates:write"], "expires_days": "30"})
    assert b"rct_" not in page.data
    with app.app_context():
        with pytest.raises(tokens.InvalidInput):
            tokens.create_token(user_id, "x", ["candidates:write"], expires_days=30)
        assert tokens.allowed_scopes("interviewer") == ["interviews:read", "interviews:write"]


def test_no_session_cookie_counts_on_the_api(app, client, login):
    """Does a signed-in browser session, without a token, get 401 from /api/v1 (so no CSRF is possible)?"""
    login("admin")
    response = client.get("/api/v1/jobs")
    assert response.status_code == 401
    assert response.json["status"] == 401


def test_scope_is_needed(app, make_token):
    """Is a token without the route's scope refused with 403?"""
    headers, _ = make_token("recruiter", ["candidates:read"])
    api = app.test_client()
    assert api.get("/api/v1/jobs", headers=headers).status_code == 403
    assert api.get("/api/v1/candidates", headers=headers).status_code == 200


def test_jobs_create_update_with_etag_and_idempotency(app, make_token):
    """Can a script create a job once (same key, same body, same answer), and is a stale If-Match refused?"""
    headers, _ = make_token("recruiter")
    api = app.test_client()
    body = {"title": "Equity Research Analyst", "required_skills": ["Excel", "Valuation"], "min_years": 2}
    first = api.post("/api/v1/jobs", json=body, headers={**headers, "Idempotency-Key": "k1"})
    assert first.status_code == 201, first.json
    again = api.post("/api/v1/jobs", json=body, headers={**headers, "Idempotency-Key": "k1"})
    assert again.status_code == 201 and again.json["id"] == first.json["id"]
    other = api.post("/api/v1/jobs", json={**body, "title": "Other"}, headers={**headers, "Idempotency-Key": "k1"})
    assert other.status_code == 422
    job_id = first.json["id"]
    assert first.json["created_at"].endswith("+00:00")
    read = api.get(f"/api/v1/jobs/{job_id}", headers=headers)
    etag = read.headers["ETag"]
    blind = api.patch(f"/api/v1/jobs/{job_id}", json={"openings": 5}, headers=headers)
    assert blind.status_code == 428 and blind.mimetype == "application/problem+json"  # If-Match is required
    changed = api.patch(f"/api/v1/jobs/{job_id}", json={"openings": 3}, headers={**headers, "If-Match": etag})
    assert changed.status_code == 200 and changed.json["openings"] == 3
    stale = api.patch(f"/api/v1/jobs/{job_id}", json={"openings": 4}, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412
    assert api.get(f"/api/v1/jobs/{job_id}", headers=headers).json["openings"] == 3
    with app.app_context():
        from recruit.models import Job

        assert db.session.query(Job).count() == 1
    posting = api.get(f"/api/v1/jobs/{job_id}/posting", headers=headers).json
    assert posting["@type"] == "JobPosting" and posting["title"] == "Equity Research Analyst"


def test_errors_name_the_wrong_field(app, make_token):
    """Does a bad value come back as problem+json naming the field?"""
    headers, _ = make_token("recruiter")
    api = app.test_client()
    response = api.post("/api/v1/jobs", json={"title": "A", "min_years": 99}, headers=headers)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert [e["field"] for e in response.json["errors"]] == ["min_years"]
    response = api.get("/api/v1/jobs?limit=1000", headers=headers)
    assert response.status_code == 422 and response.json["errors"][0]["field"] == "limit"
    response = api.get("/api/v1/jobs?cursor=@@@", headers=headers)
    assert response.status_code == 422 and response.json["errors"][0]["field"] == "cursor"
    # found by the schemathesis run: a time before year 1 in UTC was a 500
    response = api.get("/api/v1/jobs?updated_after=0001-01-01T00:00:00%2B00:01", headers=headers)
    assert response.status_code == 422 and response.json["errors"][0]["field"] == "updated_after"
    assert api.get("/api/v1/jobs/999999", headers=headers).status_code == 404
    # found by the schemathesis run on PostgreSQL: a NUL in a filter was a JSON error, not a problem
    response = api.get("/api/v1/applications?stage=a%00b", headers=headers)
    assert response.status_code in (200, 400) and (response.status_code == 200 or
                                                    response.mimetype == "application/problem+json")


def test_cursor_pages_follow_the_link_header(app, make_token):
    """Does following ``Link: rel=next`` visit every job once?"""
    with app.app_context():
        ids = [JobFactory().id for _ in range(5)]
    headers, _ = make_token("recruiter")
    api = app.test_client()
    seen, url = [], "/api/v1/jobs?limit=2"
    while url:
        response = api.get(url, headers=headers)
        seen += [j["id"] for j in response.json["items"]]
        link = response.headers.get("Link")
        url = re.match(r'<([^>]+)>; rel="next"', link).group(1) if link else None
    assert seen == ids


def test_applications_move_with_reason(app, make_token):
    """Can a token put a candidate forward, read the score breakdown and move the stage by the board's rules?"""
    with app.app_context():
        job_id, candidate_id = JobFactory().id, CandidateFactory().id
    headers, _ = make_token("recruiter")
    api = app.test_client()
    created = api.post("/api/v1/applications", json={"candidate_id": candidate_id, "job_id": job_id},
                       headers=headers)
    assert created.status_code == 201, created.json
    app_id = created.json["id"]
    twice = api.post("/api/v1/applications", json={"candidate_id": candidate_id, "job_id": job_id}, headers=headers)
    assert twice.status_code == 409
    refused = api.post(f"/api/v1/applications/{app_id}/stage", json={"stage": "rejected"}, headers=headers)
    assert refused.status_code == 422 and refused.json["errors"][0]["field"] == "stage"
    moved = api.post(f"/api/v1/applications/{app_id}/stage", json={"stage": "screening"}, headers=headers)
    assert moved.status_code == 200 and moved.json["stage"] == "screening"
    assert "score_breakdown" in api.get(f"/api/v1/applications/{app_id}", headers=headers).json
    listed = api.get(f"/api/v1/applications?job_id={job_id}&stage=screening", headers=headers).json["items"]
    assert [a["id"] for a in listed] == [app_id]
    stages = api.get("/api/v1/stages", headers=headers).json["items"]
    assert "screening" in [s["key"] for s in stages]


def test_blind_review_applies_to_the_api(app, make_token):
    """Does a recruiter's token see a blind job's applicant by label only, and an admin's by name?"""
    with app.app_context():
        job = JobFactory(blind_review=True)
        candidate = CandidateFactory(name="Meera Nair", email="meera@example.com")
        from recruit.services.candidates import add_to_job

        add_to_job(candidate.id, job.id, actor_id=None)
        db.session.commit()
        candidate_id = candidate.id
    api = app.test_client()
    headers, _ = make_token("recruiter")
    seen = api.get(f"/api/v1/candidates/{candidate_id}", headers=headers).json
    assert seen["hidden"] and seen["name"].startswith("Applicant") and seen["email"] is None
    listed = api.get("/api/v1/candidates", headers=headers)
    assert b"Meera" not in listed.data and b"meera@" not in listed.data
    admin_headers, _ = make_token("admin")
    assert api.get(f"/api/v1/candidates/{candidate_id}", headers=admin_headers).json["name"] == "Meera Nair"


@pytest.mark.parametrize("app_config", [{"API_RATE_LIMIT": "3 per minute"}], indirect=True)
def test_rate_limit_per_token(app, make_token):
    """Is each token limited on its own, with RateLimit-* and Retry-After headers?"""
    one, _ = make_token("recruiter")
    two, _ = make_token("recruiter")
    api = app.test_client()
    answers = [api.get("/api/v1/stages", headers=one) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0].headers["RateLimit-Limit"] == "3" and answers[0].headers["RateLimit-Remaining"] == "2"
    assert int(answers[3].headers["Retry-After"]) >= 0 and answers[3].mimetype == "application/problem+json"
    assert api.get("/api/v1/stages", headers=two).status_code == 200


def test_openapi_document_and_docs_page(app):
    """Is the OpenAPI 3.1 document served, and the docs page rendered from it with no outside asset?"""
    api = app.test_client()
    spec = api.get("/api/v1/openapi.json").json
    assert spec["openapi"] == "3.1.0" and "/api/v1/jobs" in spec["paths"]
    page = api.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert b"<code>GET /api/v1/jobs</code>" in page.data
    assert not re.search(rb'(src|href)="(https?:)?//', page.data)


def test_resume_upload_answers_at_once_and_the_ranking_follows(app, make_token):
    """Does an uploaded resume get an id and parse_status at once, parse on the worker, and reach the ranking?"""
    headers, _ = make_token("recruiter")
    api = app.test_client()
    job = api.post("/api/v1/jobs", json={"title": "Equity Research Analyst", "required_skills": ["Excel"]},
                   headers=headers).json
    text = b"Asha Rao\nasha.rao@example.com\nEquity Research Analyst, 4 years\nSkills: Excel, Valuation\n"
    import io

    sent = api.post("/api/v1/resumes", data={"resume": (io.BytesIO(text), "asha.txt"), "job_id": str(job["id"])},
                    headers={**headers, "Idempotency-Key": "upload-1"}, content_type="multipart/form-data")
    assert sent.status_code == 202, sent.json
    assert sent.json["parse_status"] in ("pending", "parsing", "done")
    again = api.post("/api/v1/resumes", data={"resume": (io.BytesIO(text), "asha.txt"), "job_id": str(job["id"])},
                     headers={**headers, "Idempotency-Key": "upload-1"}, content_type="multipart/form-data")
    assert again.json["id"] == sent.json["id"]
    status = api.get(f"/api/v1/resumes/{sent.json['id']}", headers=headers).json
    assert status["parse_status"] == "done"  # HUEY_IMMEDIATE: the task ran at commit
    ranking = api.get(f"/api/v1/jobs/{job['id']}/ranking", headers=headers).json["items"]
    assert [r["candidate_id"] for r in ranking] == [sent.json["candidate_id"]]
    assert ranking[0]["score"] is not None and ranking[0]["breakdown"]
    bad = api.post("/api/v1/resumes", data={"resume": (io.BytesIO(b"\x00\x01garbage"), "x.exe")}, headers=headers,
                   content_type="multipart/form-data")
    assert bad.status_code == 422 and bad.json["errors"][0]["field"] == "resume", bad.json


def test_json_resume_round_trip_notes_and_imports(app, make_token):
    """Can a script import a JSON Resume (parsed like an upload), export it back, note it, and run an import?"""
    headers, _ = make_token("recruiter")
    api = app.test_client()
    document = {"basics": {"name": "Ravi Menon", "email": "ravi.menon@example.com", "label": "Credit Analyst",
                           "location": {"city": "Pune"}},
                "work": [{"name": "Crisil", "position": "Credit Analyst", "startDate": "2019-06", "endDate": "2024-03"}],
                "education": [{"institution": "University of Pune", "studyType": "MBA", "area": "Finance"}],
                "skills": [{"name": "Financial Modeling"}, {"name": "Excel"}]}
    made = api.post("/api/v1/candidates/json-resume", json=document, headers=headers)
    assert made.status_code == 201, made.json
    again = api.post("/api/v1/candidates/json-resume", json=document, headers=headers)
    assert again.status_code == 409  # the same email: recognised, not a second record
    exported = api.get(f"/api/v1/candidates/{made.json['id']}/json-resume", headers=headers).json
    assert exported["basics"]["name"] == "Ravi Menon" and exported["basics"]["email"] == "ravi.menon@example.com"
    skills = " | ".join(s["name"] for s in exported["skills"]).lower()  # taxonomy names: "Microsoft Excel"
    assert "excel" in skills and "financial model" in skills
    assert any(w.get("name") == "Crisil" for w in exported["work"]), exported
    bad = api.post("/api/v1/candidates/json-resume", json={"basics": {"name": "X", "email": "not-an-email"}},
                   headers=headers)
    assert bad.status_code == 422 and bad.json["errors"][0]["field"] == "basics.email"
    note = api.post(f"/api/v1/candidates/{made.json['id']}/notes", json={"note": "Strong on credit models"},
                    headers=headers)
    assert note.status_code == 201 and note.json["text"] == "Strong on credit models"
    empty = api.post(f"/api/v1/candidates/{made.json['id']}/notes", json={"note": " "}, headers=headers)
    assert empty.status_code == 422 and empty.json["errors"][0]["field"] == "note"
    import io

    resume = (b"Neha Shah\nneha.shah@example.com\n\nExperience\nGartner | Research Analyst | 2020-01 - 2024-06\n"
              b"Market sizing and competitive intelligence for technology clients.\n\nSkills\nExcel, SQL, Tableau\n")
    started = api.post("/api/v1/imports", data={"files": [(io.BytesIO(resume), "neha.txt"),
                                                          (io.BytesIO(b""), "empty.txt")]},
                       headers=headers, content_type="multipart/form-data")
    assert started.status_code == 202, started.json
    progress = api.get(started.headers["Location"], headers=headers).json
    assert progress["total"] == 2 and progress["done"] and progress["counts"].get("failed") == 1


def test_an_interviewers_token_sees_only_their_assignments(app, make_token):
    """Does an interviewer's token list only their own interviews, and reach no candidate or job?"""
    from datetime import timedelta

    from recruit.models import Application, Interview, InterviewAssignment
    from recruit.models.base import utcnow

    headers, interviewer_id = make_token("interviewer")
    _other_headers, other_id = make_token("interviewer")
    with app.app_context():
        job, candidate = JobFactory(), CandidateFactory()
        application = Application(candidate_id=candidate.id, job_id=job.id)
        db.session.add(application)
        db.session.flush()
        for uid, who in ((interviewer_id, "mine"), (other_id, "theirs")):
            interview = Interview(application_id=application.id, title=who, uid=f"{who}@recruit",
                                  starts_at=utcnow() + timedelta(days=1))
            interview.assignments = [InterviewAssignment(interviewer_id=uid)]
            db.session.add(interview)
        db.session.commit()
        candidate_id = candidate.id
    api = app.test_client()
    mine = api.get("/api/v1/interviews/mine", headers=headers).json["items"]
    assert [a["title"] for a in mine] == ["mine"]
    assert api.get(f"/api/v1/candidates/{candidate_id}", headers=headers).status_code == 403
    assert api.get("/api/v1/jobs", headers=headers).status_code == 403
