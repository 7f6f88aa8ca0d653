"""search on PostgreSQL: a stored tsvector column with its GIN index

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 03:25:00

"""
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite searches its FTS5 table
    op.execute("DROP INDEX IF EXISTS ix_search_documents_fts")
    op.execute("ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS tsv tsvector "
               "GENERATED ALWAYS AS (to_tsvector('english', body)) STORED")
    op.execute("CREATE INDEX IF NOT EXISTS ix_search_documents_tsv ON search_documents USING gin (tsv)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_search_documents_tsv")
    op.execute("ALTER TABLE search_documents DROP COLUMN IF EXISTS tsv")
    op.execute("CREATE INDEX ix_search_documents_fts ON search_documents USING gin (to_tsvector('english', body))")
