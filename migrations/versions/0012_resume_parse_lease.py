"""resume parse lease: when a parse started and how many times it was tried

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 04:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('resumes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parse_started_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('parse_attempts', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('resumes', schema=None) as batch_op:
        batch_op.drop_column('parse_attempts')
        batch_op.drop_column('parse_started_at')
