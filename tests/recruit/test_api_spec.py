"""A property-based run of the OpenAPI document against the real app (schemathesis): for generated requests to
every operation, no 5xx, and every answer matches the document (status, content type, schema)."""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from recruit.extensions import db
from recruit.services import tokens, users
from tests.factories import CandidateFactory, JobFactory

EXAMPLES = 30  # per operation: the whole run stays well under a minute on both databases
# Left out: "a schema-valid request is accepted". A job naming a client that does not exist, or moving an
# application to a stage that does not exist, is schema-valid and rightly refused (422 naming the field).
EXCLUDED = [positive_data_acceptance]


def test_the_api_keeps_its_document(app):
    """Does every generated request to every operation get a documented answer, never a server error?"""
    with app.app_context():
        job, candidate = JobFactory(), CandidateFactory()
        from recruit.services.candidates import add_to_job

        add_to_job(candidate.id, job.id, actor_id=None)
        db.session.commit()
        user_id = users.create_user("spec@example.com", "Spec", "admin", "a long password 1").id
        _token, secret = tokens.create_token(user_id, "spec", tokens.allowed_scopes("admin"), expires_days=7)
    headers = {"Authorization": f"Bearer {secret}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate(headers=headers, excluded_checks=EXCLUDED)

        check()
