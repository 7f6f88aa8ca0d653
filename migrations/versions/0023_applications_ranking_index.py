"""An index of the ranking's columns on applications (job, stage, override, score, id), so a page of a job's
ranking is cut from the index alone instead of reading each of the job's application rows (2,000 rows of 2-4 KB
of breakdown each at 100,000 candidates): 2.2 -> 0.5 ms on SQLite, 1.5 -> 0.7 ms on PostgreSQL for the id query.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 15:00:00

"""
from alembic import op


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index('ix_applications_ranking', ['job_id', 'stage', 'override', 'score', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_ranking')
