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


def test_free_text_job_order_fees_survive_0021_and_are_read_where_they_can_be(app):
    """Do the fees typed as text before 0021 stay as written, with those that read as an amount in a currency per
    unit copied into the new columns (and the others left text only)?"""
    from sqlalchemy import text

    with app.app_context():
        db.drop_all()
        upgrade(revision="0020")
        fees = ["INR 1,20,000 per month", "$45/hour", "8.33% of annual CTC", "USD 18,000 fixed", None]
        with db.engine.begin() as conn:
            for n, fee in enumerate(fees):
                conn.execute(text(
                    "INSERT INTO jobs (title, slug, employment_type, description, required_skills, preferred_skills,"
                    " min_years, education, openings, status, created_at, updated_at, shortlist_size, blind_review,"
                    " blind_until_stage, public, fee) VALUES ('Analyst', :slug, 'full_time', '', '[]', '[]', 0, '',"
                    " 1, 'open', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 10, false, 'interview', false, :fee)"),
                    {"slug": f"analyst-{n}", "fee": fee})
        upgrade(revision="0021")
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT fee, fee_amount, fee_currency, fee_unit FROM jobs ORDER BY slug")).all()
        assert [tuple(r) for r in rows] == [
            ("INR 1,20,000 per month", 120000, "INR", "month"), ("$45/hour", 45, "USD", "hour"),
            ("8.33% of annual CTC", None, None, None), ("USD 18,000 fixed", 18000, "USD", "fixed"),
            (None, None, None, None)]
        downgrade(revision="0020")
        with db.engine.connect() as conn:
            assert [r[0] for r in conn.execute(text("SELECT fee FROM jobs ORDER BY slug"))] == fees
