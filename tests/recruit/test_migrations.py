"""The migrations build the schema the models describe, on SQLite and PostgreSQL, and go back down."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from recruit.extensions import db
from recruit.models.workflow import include_object


def test_upgrade_to_head_matches_models_and_downgrades(app):
    with app.app_context():
        db.drop_all()
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True,
                                                                          "include_object": include_object}), db.metadata)
        assert diff == [], "models and migrations differ; run `recruit db migrate`"
        tables = set(inspect(db.engine).get_table_names())
        assert {"users", "jobs", "candidates", "resumes", "stored_files", "applications", "activities",
                "audit_log", "clients", "client_contacts"} <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
