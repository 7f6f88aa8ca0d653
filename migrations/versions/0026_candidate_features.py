"""Stored scorer features per candidate (``candidate_features``), written when a candidate is indexed, so matching
the talent pool reads one compact row per candidate instead of their whole resume and text.

The table starts empty: ``recruit search reindex --features`` fills it for the candidates already there (the
features come from the resume parser's output and the scorer's code, which a migration should not run); until
then the match computes a missing candidate's features as it did before.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03 17:00:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'candidate_features',
        sa.Column('candidate_id', sa.Integer(), nullable=False),
        sa.Column('format', sa.String(length=60), nullable=False),
        sa.Column('data', sa.JSON(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'],
                                name=op.f('fk_candidate_features_candidate_id_candidates'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('candidate_id', name=op.f('pk_candidate_features')),
    )


def downgrade():
    op.drop_table('candidate_features')
