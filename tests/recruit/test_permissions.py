"""Every route against every role: who gets in, who is refused, who is sent to sign in."""
import pytest

from recruit.services import users
from tests.factories import CandidateFactory, JobFactory

ADMIN, RECRUITER, INTERVIEWER = "admin", "recruiter", "interviewer"
EVERYONE = {ADMIN, RECRUITER, INTERVIEWER}
STAFF = {ADMIN, RECRUITER}

# Endpoint -> roles allowed. Public endpoints are listed separately. A new route must be added here.
ACCESS = {
    "main.dashboard": EVERYONE,
    "auth.change_password": EVERYONE,
    "jobs.job_list": STAFF,
    "jobs.create": STAFF,
    "jobs.detail": STAFF,
    "jobs.edit": STAFF,
    "jobs.change_status": STAFF,
    "candidates.candidate_list": STAFF,
    "candidates.create": STAFF,
    "candidates.detail": STAFF,
    "candidates.edit": STAFF,
    "candidates.upload_resume": STAFF,
    "candidates.download_resume": STAFF,
    "candidates.add_to_job": STAFF,
    "candidates.archive": STAFF,
    "candidates.profile": STAFF,
    "candidates.reparse": STAFF,
    "candidates.decide_resume": STAFF,
    "candidates.parse_status": STAFF,
    "admin.user_list": {ADMIN},
    "admin.invite": {ADMIN},
    "admin.edit_user": {ADMIN},
    "admin.unlock": {ADMIN},
    "admin.reinvite": {ADMIN},
    "admin.audit_log": {ADMIN},
    "admin.bias_audit": {ADMIN},
    "admin.ll144_audit": {ADMIN},
    "admin.ll144_publish": {ADMIN},
    "admin.self_id_questions": {ADMIN},
    "admin.self_id_active": {ADMIN},
    "jobs.decision_log_csv": {ADMIN},
    "jobs.ranking": STAFF,
    "jobs.shortlist": STAFF,
    "jobs.shortlist_rule": STAFF,
    "jobs.ranking_csv": STAFF,
    "jobs.review": STAFF,
    "jobs.override": STAFF,
    "jobs.scoring_settings": {ADMIN},
    "jobs.bias": {ADMIN},
    "imports.batch_list": STAFF,
    "imports.create": STAFF,
    "imports.detail": STAFF,
    "imports.progress": STAFF,
    "imports.cancel": STAFF,
    "imports.retry": STAFF,
    "review.queue": STAFF,
    "review.resume": STAFF,
    "pipeline.board": STAFF,
    "pipeline.move": STAFF,
    "pipeline.email": STAFF,
    "pipeline.stages": {ADMIN},
    "pipeline.rejection_reasons": {ADMIN},
    "email.outbox": {ADMIN},
    "email.message": {ADMIN},
    "email.template_list": {ADMIN},
    "email.edit_template": {ADMIN},
    "email.compose": STAFF,
    "email.bulk": STAFF,
    "candidates.add_note": STAFF,
    "candidates.set_tags": STAFF,
    "candidates.saved_lists": STAFF,
    "candidates.create_list": STAFF,
    "candidates.list_detail": STAFF,
    "candidates.add_to_list": STAFF,
    "candidates.remove_from_list": STAFF,
    "candidates.save_search": STAFF,
    "candidates.delete_search": STAFF,
    "interviews.schedule": STAFF,
    "interviews.cancel": STAFF,
    "interviews.invite": STAFF,
    "interviews.mine": EVERYONE,
    "interviews.feedback": EVERYONE,  # and only one's own assignment (tests/recruit/test_workflow.py)
    "interviews.resume": EVERYONE,  # and only one's own assignment (tests/recruit/test_blind_review.py)
    "reports.index": STAFF,
    "reports.pipeline_csv": STAFF,
    "reports.export": STAFF,
    "campus.event_list": STAFF,
    "campus.create": STAFF,
    "campus.edit": STAFF,
    "campus.detail": STAFF,
    "campus.change_status": STAFF,
    "campus.poster": STAFF,
    "campus.checkin": STAFF,
    "campus.walk_in": STAFF,
    "campus.convert": STAFF,
    "campus.add_round": STAFF,
    "campus.round_detail": STAFF,
    "campus.report": STAFF,
    "clients.client_list": STAFF,
    "clients.create": STAFF,
    "clients.edit": STAFF,
    "clients.detail": STAFF,
    "clients.add_contact": STAFF,
    "clients.add_document": STAFF,
    "clients.document": STAFF,
    "clients.match": STAFF,
    "clients.submit": STAFF,
    "clients.revoke": STAFF,
    "clients.views": STAFF,
    "clients.placement": STAFF,
}
PUBLIC = {"static", "main.health", "main.favicon", "auth.login", "auth.logout", "auth.accept_invite", "auth.reset",
          # Public pages (tests/recruit/test_campus.py and test_careers.py check what they show)
          "public.careers", "public.careers_job", "public.careers_done", "public.careers_feed_json",
          "public.careers_feed_xml", "public.event_signup", "public.event_done", "public.registration",
          "public.cancel_registration", "public.privacy", "public.explanation", "public.bias_audit_summary", "public.shared", "public.representation"}


def _requests(app):
    """(endpoint, method, url) for every protected route, with ids of records that exist."""
    with app.app_context():
        job = JobFactory()
        candidate = CandidateFactory()
        from recruit.services.candidates import add_resume

        resume = add_resume(candidate.id, b"Jane Analyst\nExcel, research\n", "cv.txt", actor_id=None)
        user_id = users.create_user("someone@example.com", "Someone", "recruiter", "a long password 1").id
        from recruit.extensions import db
        from recruit.models import Application

        application = Application(candidate_id=candidate.id, job_id=job.id)
        db.session.add(application)
        db.session.commit()
        from recruit.models import ImportBatch

        batch = ImportBatch(source="web")
        db.session.add(batch)
        db.session.commit()
        from recruit.models import OutboxMessage

        message = OutboxMessage(candidate_id=candidate.id, to_address="jane@example.com", subject="Hello", body="Hi")
        db.session.add(message)
        db.session.commit()
        from datetime import timedelta

        from recruit.models import Interview, InterviewAssignment, SavedList, SavedSearch
        from recruit.models.base import utcnow

        interview = Interview(application_id=application.id, title="Interview", starts_at=utcnow() + timedelta(days=1),
                              uid="matrix@recruit")
        interview.assignments = [InterviewAssignment(interviewer_id=user_id)]
        saved_list, saved_search = SavedList(name="Pool"), SavedSearch(user_id=user_id, name="S", query="q=x")
        db.session.add_all([interview, saved_list, saved_search])
        db.session.commit()
        from recruit.models import CampusEvent, DriveRound

        event = CampusEvent(code="matrix1", title="Drive", school="School", starts_at=utcnow() + timedelta(days=9))
        event.rounds = [DriveRound(name="Aptitude", kind="aptitude")]
        db.session.add(event)
        db.session.commit()
        from recruit.models import Client, ClientDocument, Submittal

        client = Client(name="Matrix Client")
        db.session.add(client)
        db.session.commit()
        from recruit.services.resumes import store_file

        stored = store_file(b"Contract text for the matrix\n")
        document = ClientDocument(client_id=client.id, sha256=stored.sha256, filename="c.txt", mimetype="text/plain")
        submittal = Submittal(job_id=job.id, client_id=client.id, token_hash="0" * 64,
                              expires_at=utcnow() + timedelta(days=3))
        db.session.add_all([document, submittal])
        db.session.commit()
        from recruit.services import bias_audit

        question_id = bias_audit.questions()[0].id
        ids = {"client_id": client.id, "document_id": document.id, "submittal_id": submittal.id,
               "event_id": event.id, "round_id": event.rounds[0].id, "job_id": job.id, "candidate_id": candidate.id, "resume_id": resume.id, "user_id": user_id,
               "question_id": question_id,
               "application_id": application.id, "batch_id": batch.id, "message_id": message.id,
               "key": "rejection", "interview_id": interview.id, "assignment_id": interview.assignments[0].id,
               "list_id": saved_list.id, "search_id": saved_search.id, "name": "sources"}
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        url = rule.build({arg: ids[arg] for arg in rule.arguments}, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.append((rule.endpoint, method, url))
    return out


def test_every_route_is_in_the_matrix(app):
    """Is every route of the app either public or given its roles in this matrix?"""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - PUBLIC - set(ACCESS) == set()
    assert set(ACCESS) - endpoints == set(), "the matrix names routes that no longer exist"


@pytest.mark.parametrize("role", [None, ADMIN, RECRUITER, INTERVIEWER])
def test_role_matrix(app, client, login, role):
    """Does each role get exactly the routes it should, and anonymous users the sign-in page?"""
    requests = _requests(app)
    if role:
        login(role)
    failures = []
    for endpoint, method, url in requests:
        response = client.open(url, method=method, data={"csrf_token": client.csrf_token()})
        if role is None:
            ok = response.status_code == 302 and "/auth/login" in response.headers["Location"]
            expected = "302 to sign-in"
        elif role in ACCESS[endpoint]:
            ok = response.status_code not in (401, 403) and "/auth/login" not in response.headers.get("Location", "")
            expected = "allowed"
        else:
            ok = response.status_code == 403
            expected = "403"
        if not ok:
            failures.append(f"{role or 'anonymous'} {method} {url} ({endpoint}): got {response.status_code}, "
                            f"expected {expected}")
    assert failures == []


def test_every_form_post_needs_csrf(app, client, login):
    """Is a POST without a CSRF token refused on every route that takes one, with nothing changed?"""
    requests = [r for r in _requests(app) if r[1] == "POST"]
    login(ADMIN)
    assert requests
    for endpoint, method, url in requests:
        response = client.post(url, {}, csrf=False)
        assert response.status_code == 400, (endpoint, response.status_code)
        assert b"form expired" in response.data


def test_public_routes_need_no_login(client):
    """Can an anonymous visitor reach sign-in and the health check, and nothing private?"""
    assert client.get("/auth/login").status_code == 200
    assert client.get("/healthz").json == {"status": "ok"}
    with client.get("/static/css/app.css") as response:
        assert response.status_code == 200
