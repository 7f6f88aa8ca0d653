"""SQLite: search_filters, a narrow copy of each search document's archived, years and location keyed by the
candidate id, kept by triggers on search_documents, so a word search checks each text match with one integer-key
seek in a small table (benchmarks/RESULTS.md, issue 24, s30). Filled here from search_documents. Nothing on
PostgreSQL (its search reads the documents through one GIN index).

Revision ID: 0025
Revises: 0023
Create Date: 2026-12-03 17:00:00

"""
from alembic import op


revision = '0025'
down_revision = '0023'
branch_labels = None
depends_on = None

# Written out, not imported from recruit.models.workflow, so this revision keeps meaning what it meant.
CREATE = (
    "CREATE TABLE IF NOT EXISTS search_filters (candidate_id INTEGER PRIMARY KEY, "
    "archived BOOLEAN NOT NULL DEFAULT 0, years FLOAT, location VARCHAR(200))",
    "CREATE TRIGGER IF NOT EXISTS search_filters_insert AFTER INSERT ON search_documents BEGIN "
    "INSERT OR REPLACE INTO search_filters (candidate_id, archived, years, location) "
    "VALUES (new.candidate_id, new.archived, new.years, new.location); END",
    "CREATE TRIGGER IF NOT EXISTS search_filters_update AFTER UPDATE OF candidate_id, archived, years, location "
    "ON search_documents BEGIN DELETE FROM search_filters WHERE candidate_id = old.candidate_id; "
    "INSERT OR REPLACE INTO search_filters (candidate_id, archived, years, location) "
    "VALUES (new.candidate_id, new.archived, new.years, new.location); END",
    "CREATE TRIGGER IF NOT EXISTS search_filters_delete AFTER DELETE ON search_documents BEGIN "
    "DELETE FROM search_filters WHERE candidate_id = old.candidate_id; END",
)


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in CREATE:
        op.execute(statement)
    op.execute("DELETE FROM search_filters")
    op.execute("INSERT INTO search_filters (candidate_id, archived, years, location) "
               "SELECT candidate_id, archived, years, location FROM search_documents")


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS search_filters_{trigger}")
    op.execute("DROP TABLE IF EXISTS search_filters")
