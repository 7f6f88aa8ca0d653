"""search at scale: search_documents.location (trigram-indexed on PostgreSQL), the skills and job titles
candidates have for suggestions, and search_documents.name (lower case, indexed) for name suggestions

Skills are copied from search_documents here; job titles arrive as candidates are indexed again
(``recruit search reindex``), since they live in parsed resumes only.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 14:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'search_terms',
        sa.Column('folded', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('folded', 'kind', name=op.f('pk_search_terms')),
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('location', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('name', sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f('ix_search_documents_name'), ['name'], unique=False)
    op.execute("UPDATE search_documents SET location = (SELECT lower(candidates.location) FROM candidates "
               "WHERE candidates.id = search_documents.candidate_id), name = (SELECT lower(candidates.name) "
               "FROM candidates WHERE candidates.id = search_documents.candidate_id)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX IF NOT EXISTS ix_search_documents_location_trgm ON search_documents "
                   "USING gin (location gin_trgm_ops)")
    # Skills are stored lower-cased in search_documents ("|sql|financial modelling|"): suggest them so.
    bind = op.get_bind()
    terms = set()
    for (bar,) in bind.execute(sa.text("SELECT skills FROM search_documents")):
        terms.update(s.strip()[:200] for s in (bar or "").split("|") if s.strip())
    table = sa.table('search_terms', sa.column('folded'), sa.column('kind'), sa.column('value'))
    rows = [{"folded": t, "kind": "skill", "value": t} for t in sorted(terms)]
    for i in range(0, len(rows), 1000):
        op.bulk_insert(table, rows[i:i + 1000])


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_search_documents_location_trgm")
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_documents_name'))
        batch_op.drop_column('name')
        batch_op.drop_column('location')
    op.drop_table('search_terms')
