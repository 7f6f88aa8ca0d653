"""The JSON API at /api/v1: personal access tokens, problem+json errors, cursor pages, ETags and idempotency keys,
documented as OpenAPI 3.1 by flask-smorest."""
