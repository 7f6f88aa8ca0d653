"""Every route against every role: who gets in, who is refused, who is sent to sign in."""
import secrets

import pytest

from recruit.services import users
from tests.factories import CandidateFactory, JobFactory

ADMIN, RECRUITER, INTERVIEWER, EXECUTIVE = "admin", "recruiter", "interviewer", "executive"
EVERYONE = {ADMIN, RECRUITER, INTERVIEWER, EXECUTIVE}
STAFF = {ADMIN, RECRUITER, EXECUTIVE}
EXECUTIVES = {ADMIN, EXECUTIVE}

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
    "candidates.suggest": STAFF,
    "admin.user_list": {ADMIN},
    "admin.invite": {ADMIN},
    "admin.edit_user": {ADMIN},
    "admin.unlock": {ADMIN},
    "admin.reinvite": {ADMIN},
    "admin.audit_log": {ADMIN},
    "admin.bias_audit": {ADMIN},
    "admin.webhook_list": {ADMIN},
    "admin.new_webhook": {ADMIN},
    "admin.webhook": {ADMIN},
    "admin.webhook_ping": {ADMIN},
    "admin.webhook_secret": {ADMIN},
    "admin.redeliver": {ADMIN},

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
    "auth.api_tokens": EVERYONE,
    "auth.revoke_token": EVERYONE,  # and only one's own token (tests/recruit/test_api.py)
    # The JSON API: a token of the role with every scope the role allows; anonymous gets 401, not a redirect.
    "api.job_list": STAFF,
    "api.job_create": STAFF,
    "api.job_detail": STAFF,  # GET and PATCH
    "api.job_posting": STAFF,
    "api.job_ranking": STAFF,
    "api.resume_upload": STAFF,
    "api.resume_detail": STAFF,
    "api.candidate_list": STAFF,
    "api.candidate_detail": STAFF,
    "api.application_list": STAFF,
    "api.application_create": STAFF,
    "api.application_detail": STAFF,
    "api.application_move": STAFF,
    "api.stage_list": STAFF,
    "api.my_interviews": EVERYONE,
    "api.candidate_json_resume": STAFF,
    "api.candidate_import_json_resume": STAFF,
    "api.candidate_note": STAFF,
    "api.import_start": STAFF,
    "api.import_progress": STAFF,
    "api.campus_events": STAFF,
    "api.campus_registrations": STAFF,
    "api.client_list": STAFF,
    "api.client_create": STAFF,
    "api.client_detail": STAFF,  # GET and PATCH
    "api.client_job_orders": STAFF,  # GET and POST
    "api.job_order_detail": STAFF,  # GET and PATCH
    "api.job_order_submittals": STAFF,  # GET and POST
    "api.submittal_detail": STAFF,
    "api.submittal_decision": STAFF,
    "api.consent_requests": STAFF,
    "api.campus_event_create": STAFF,
    "api.campus_event_detail": STAFF,  # GET and PATCH
    "api.campus_walk_in": STAFF,
    "api.campus_check_in": STAFF,
    "api.submittal_withdraw": STAFF,
    "api.assignment_feedback": EVERYONE,  # GET and PUT, and only one's own assignment (tests/recruit/test_api.py)
    "api.application_feedback": STAFF,
    "clients.placement_feedback": STAFF,
    "briefs.create": STAFF,
    "briefs.detail": STAFF,
    "briefs.edit": STAFF,
    "briefs.add_problem": STAFF,
    "briefs.quote": STAFF,
    "briefs.to_job": STAFF,
    "briefs.match": STAFF,
    "briefs.log_contact": STAFF,  # and only the account owner or an executive (tests/recruit/test_briefs.py)
    "briefs.follow_up_done": STAFF,  # the same
    "briefs.set_owner": STAFF,  # the owner, an executive or an admin (tests/recruit/test_briefs.py)
    "catalogue.service_lines": EXECUTIVES,
    "catalogue.set_rate": EXECUTIVES,
    "catalogue.approvals": STAFF,
    "catalogue.decide": {EXECUTIVE},
    "partners.firm_list": STAFF,
    "partners.create": STAFF,
    "partners.edit": STAFF,
    "partners.detail": STAFF,
    "partners.add_standard": STAFF,
    "partners.certificate": STAFF,
    "partners.add_contact": STAFF,
    "partners.add_engagement": STAFF,
    "recommendations.create": STAFF,  # and only with access to the client (test_recommendation_report.py)
    "recommendations.detail": STAFF,  # and only with access to the client (test_recommendation_report.py)
    "recommendations.version": STAFF,  # and only with access to the client (test_recommendation_report.py)
    "recommendations.save": STAFF,  # and only with access to the client (test_recommendation_report.py)
    "recommendations.issue": STAFF,  # and only with access to the client (test_recommendation_report.py)
    "recommendations.download": STAFF,  # and only with access to the client (test_recommendation_report.py)
    "recommendations.send": STAFF,  # and only with access to the client (test_recommendation_report.py)
    "recommendations.revoke": STAFF,  # and only with access to the client (test_recommendation_report.py)
}
# The API's scope per endpoint ("endpoint METHOD" where one URL has methods of different scopes): a token without
# it is refused, a token with only it gets in.
API_SCOPES = {
    "api.job_list": "jobs:read", "api.job_create": "jobs:write", "api.job_detail": "jobs:read",
    "api.job_detail PATCH": "jobs:write", "api.job_posting": "jobs:read", "api.job_ranking": "applications:read",
    "api.resume_upload": "candidates:write", "api.resume_detail": "candidates:read", "api.candidate_list": "candidates:read",
    "api.candidate_detail": "candidates:read", "api.application_list": "applications:read",
    "api.application_create": "applications:write", "api.application_detail": "applications:read",
    "api.application_move": "applications:write", "api.stage_list": "applications:read",
    "api.my_interviews": "interviews:read", "api.candidate_json_resume": "candidates:read",
    "api.candidate_import_json_resume": "candidates:write", "api.candidate_note": "candidates:write",
    "api.import_start": "imports:write", "api.import_progress": "imports:write", "api.campus_events": "campus:read",
    "api.campus_registrations": "campus:read", "api.client_list": "clients:read",
    "api.campus_registrations POST": "campus:write", "api.campus_event_create": "campus:write",
    "api.client_create": "clients:write", "api.client_detail": "clients:read", "api.client_detail PATCH": "clients:write",
    "api.client_job_orders": "clients:read", "api.client_job_orders POST": "clients:write",
    "api.job_order_detail": "clients:read", "api.job_order_detail PATCH": "clients:write",
    "api.job_order_submittals": "clients:read", "api.submittal_withdraw": "clients:write",
    "api.campus_event_detail": "campus:read", "api.campus_event_detail PATCH": "campus:write",
    "api.campus_walk_in": "campus:write", "api.campus_check_in": "campus:write",
    "api.job_order_submittals POST": "clients:write", "api.submittal_detail": "clients:read",
    "api.submittal_decision": "clients:write", "api.consent_requests": "clients:write", "api.assignment_feedback": "interviews:read",
    "api.assignment_feedback PUT": "interviews:write", "api.application_feedback": "applications:read",
}
PUBLIC = {"static", "main.health", "main.favicon", "auth.login", "auth.logout", "auth.accept_invite", "auth.reset",
          # Public pages (tests/recruit/test_campus.py and test_careers.py check what they show)
          "public.careers", "public.careers_job", "public.careers_done", "public.careers_feed_json",
          "public.careers_feed_xml", "public.event_signup", "public.event_done", "public.registration",
          "public.cancel_registration", "public.privacy", "public.explanation", "public.bias_audit_summary", "public.bias_audit_pdf", "public.shared", "public.representation",
          # The API's own document and its reference page (tests/recruit/test_api.py)
          "api.openapi", "api.docs",
          # A recommendation report's link (tests/recruit/test_recommendation_report.py checks what it shows)
          "public.report", "public.report_file"}

MATRIX_REPORT = {"title": "Matrix report", "client": "Matrix Client", "subject": "Job", "subject_kind": "job order",
                 "prepared_by": "recruit", "anonymised": True, "parts": [], "recommendations": [],
                 "firms": [], "criteria": [], "considered": 0, "left_out": [],
                 "sections": {"needs": "", "summary": "", "reasoning": "", "method": ""}}


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
        from recruit.models import WebhookDelivery, WebhookEndpoint, WebhookEvent

        endpoint = WebhookEndpoint(url="http://127.0.0.1:9/hook", secret="whsec_c2VjcmV0", events=["ping"])
        hook_event = WebhookEvent(event_id="evt_matrix", type="ping", payload={"type": "ping"})
        delivery = WebhookDelivery(endpoint=endpoint, event=hook_event, status="failed", attempts=7)
        db.session.add_all([endpoint, hook_event, delivery])
        db.session.commit()
        from recruit.services import tokens

        api_token, _secret = tokens.create_token(user_id, "matrix", ["jobs:read"], expires_days=7)
        from recruit.models import (BriefProblem, ClientBrief, ContactLogEntry, FeeApproval, FirmStandard,
                                    PartnerFirm, ServiceLine)

        line = ServiceLine(name="Matrix research")
        brief = ClientBrief(client_id=client.id, title="Matrix brief")
        brief.problems = [BriefProblem(title="Matrix problem")]
        firm = PartnerFirm(name="Matrix Partners")
        firm.standards = [FirmStandard(standard="ISO 27001", certificate_sha256=stored.sha256,
                                       certificate_filename="c.pdf", certificate_mimetype="application/pdf")]
        entry = ContactLogEntry(client_id=client.id, summary="Call", next_step="Send deck")
        db.session.add_all([line, brief, firm, entry])
        db.session.flush()
        approval = FeeApproval(client_id=client.id, problem_id=brief.problems[0].id, unit="hour", amount=10, floor=20)
        from datetime import date

        from recruit.models import Placement

        placement = Placement(application_id=application.id, client_id=client.id, start_date=date(2026, 1, 5), rate=1)
        db.session.add_all([approval, placement])
        db.session.commit()
        ids = {"brief_id": brief.id, "problem_id": brief.problems[0].id, "firm_id": firm.id,
               "standard_id": firm.standards[0].id, "entry_id": entry.id, "approval_id": approval.id,
               "service_line_id": line.id, "placement_id": placement.id}
        from recruit.models import RecommendationReport, ReportShare, ReportVersion

        report = RecommendationReport(client_id=client.id, job_id=job.id, title="Matrix report")
        report.versions = [ReportVersion(number=1, content=MATRIX_REPORT)]
        db.session.add(report)
        db.session.commit()
        share = ReportShare(version_id=report.versions[0].id, token_hash="1" * 64,
                            expires_at=utcnow() + timedelta(days=3))
        db.session.add(share)
        db.session.commit()
        from recruit.services import bias_audit

        question_id = bias_audit.questions()[0].id
        ids |= {"token_id": api_token.id, "endpoint_id": endpoint.id, "delivery_id": delivery.id, "client_id": client.id, "document_id": document.id, "submittal_id": submittal.id,
               "event_id": event.id, "round_id": event.rounds[0].id, "job_id": job.id, "candidate_id": candidate.id, "resume_id": resume.id, "user_id": user_id,
               "question_id": question_id,
               "application_id": application.id, "batch_id": batch.id, "message_id": message.id,
               "key": "rejection", "interview_id": interview.id, "assignment_id": interview.assignments[0].id,
               "list_id": saved_list.id, "search_id": saved_search.id, "name": "sources",
               "report_id": report.id, "number": 1, "share_id": share.id, "kind": "pdf"}
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


def _token(app, role, scopes=None) -> dict:
    """Headers with a new token of a new user of ``role`` (every scope the role allows, unless ``scopes``)."""
    from recruit.services import tokens

    with app.app_context():
        user_id = users.create_user(f"api-{role}-{len(scopes or [])}-{secrets.token_hex(4)}@example.com", "Api", role,
                                    "a long password 1").id
        _t, secret = tokens.create_token(user_id, "matrix", scopes or tokens.allowed_scopes(role), expires_days=7)
    return {"Authorization": f"Bearer {secret}"}


def _scope_key(endpoint: str, method: str) -> str:
    return f"{endpoint} {method}" if f"{endpoint} {method}" in API_SCOPES else endpoint


def _open_api(app, method, url, headers):
    return app.test_client().open(url, method=method, headers=headers, json={})


@pytest.mark.parametrize("role", [None, ADMIN, RECRUITER, INTERVIEWER, EXECUTIVE])
def test_role_matrix(app, client, login, role):
    """Does each role get exactly the routes it should, and anonymous users the sign-in page (401 on the API)?"""
    requests = _requests(app)
    if role:
        login(role)
    headers = _token(app, role) if role else {}
    failures = []
    for endpoint, method, url in requests:
        if endpoint.startswith("api."):
            response = _open_api(app, method, url, headers)
            if role is None:
                ok, expected = response.status_code == 401, "401"
            elif role in ACCESS[endpoint]:
                ok, expected = response.status_code not in (401, 403), "allowed"
            else:
                ok, expected = response.status_code == 403, "403"
            if not ok:
                failures.append(f"{role or 'anonymous'} token {method} {url} ({endpoint}): got "
                                f"{response.status_code}, expected {expected}")
            continue
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
    requests = [r for r in _requests(app) if r[1] == "POST" and not r[0].startswith("api.")]
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


def test_every_api_route_has_its_scope(app):
    """Is every API route given its scope here, and is that the scope the route checks?"""
    checked = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and rule.endpoint not in PUBLIC:
            view = app.view_functions[rule.endpoint]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                handler = getattr(view.view_class, method.lower()) if hasattr(view, "view_class") else view
                checked[_scope_key(rule.endpoint, method)] = handler.scope
    assert checked == API_SCOPES


@pytest.mark.parametrize("role", [ADMIN, RECRUITER, INTERVIEWER])
def test_api_scopes(app, role):
    """Is a token without an endpoint's scope refused, and one holding only that scope let in (if the role may)?"""
    from recruit.services import tokens

    requests = [r for r in _requests(app) if r[0].startswith("api.")]
    allowed = tokens.allowed_scopes(role)
    failures = []
    for scope in sorted(set(API_SCOPES.values()) & set(allowed)):
        headers = _token(app, role, [scope])
        for endpoint, method, url in requests:
            status = _open_api(app, method, url, headers).status_code
            needed = API_SCOPES[_scope_key(endpoint, method)]
            if needed == scope and status in (401, 403):
                failures.append(f"{role} token with {scope} refused {method} {url}: {status}")
            if needed != scope and status != 403:
                failures.append(f"{role} token with only {scope} got {status} from {method} {url}, expected 403")
    assert failures == []


def test_api_ignores_the_session(app, client, login):
    """Does a signed-in browser session without a token get 401 from every API route (so CSRF cannot reach it)?"""
    requests = [r for r in _requests(app) if r[0].startswith("api.")]
    login(ADMIN)
    for endpoint, method, url in requests:
        response = client.open(url, method=method, json={})
        assert response.status_code == 401, (endpoint, response.status_code)
