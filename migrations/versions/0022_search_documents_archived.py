"""search_documents.archived (a copy of whether the candidate is archived), so a search whose filters all read
the search documents ranks and pages its matches without joining every one of them to candidates; on SQLite an
index of the candidate id with what the usual filters read (archived, years, location); on PostgreSQL one GIN
index of the tsvector and the location's trigrams in place of one of each

Filled here from candidates.archived_at; kept by ``index_candidate`` and by archiving or restoring a candidate.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 13:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False))
    # Only the archived: every other row already reads false (the column's default).
    op.execute("UPDATE search_documents SET archived = true WHERE candidate_id IN "
               "(SELECT id FROM candidates WHERE archived_at IS NOT NULL)")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX IF NOT EXISTS ix_search_documents_filters ON search_documents "
                   "(candidate_id, archived, years, location)")
    else:
        op.execute("CREATE INDEX IF NOT EXISTS ix_search_documents_tsv_location ON search_documents "
                   "USING gin (tsv, location gin_trgm_ops)")
        op.execute("DROP INDEX IF EXISTS ix_search_documents_tsv")
        op.execute("DROP INDEX IF EXISTS ix_search_documents_location_trgm")


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_search_documents_filters")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX IF NOT EXISTS ix_search_documents_tsv ON search_documents USING gin (tsv)")
        op.execute("CREATE INDEX IF NOT EXISTS ix_search_documents_location_trgm ON search_documents "
                   "USING gin (location gin_trgm_ops)")
        op.execute("DROP INDEX IF EXISTS ix_search_documents_tsv_location")
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_column('archived')
