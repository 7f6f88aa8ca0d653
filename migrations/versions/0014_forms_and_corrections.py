"""careers answers of experienced applicants, self-described groups, rejection reasons, names from resumes

The default rejection reasons are added by the app on first use (recruit.services.rejections).

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-02 03:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0012'
branch_labels = None
depends_on = None

def upgrade():
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_from_resume', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('current_employer', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('notice_period_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('current_ctc_lpa', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('expected_ctc_lpa', sa.Double(), nullable=True))
    with op.batch_alter_table('demographic_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('self_description', sa.String(length=200), nullable=True))
    with op.batch_alter_table('registration_demographics', schema=None) as batch_op:
        batch_op.add_column(sa.Column('self_description', sa.String(length=200), nullable=True))
    op.create_table(
        'rejection_reasons',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=120), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rejection_reasons')),
        sa.UniqueConstraint('label', name=op.f('uq_rejection_reasons_label')),
    )


def downgrade():
    op.drop_table('rejection_reasons')
    with op.batch_alter_table('registration_demographics', schema=None) as batch_op:
        batch_op.drop_column('self_description')
    with op.batch_alter_table('demographic_responses', schema=None) as batch_op:
        batch_op.drop_column('self_description')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('expected_ctc_lpa')
        batch_op.drop_column('current_ctc_lpa')
        batch_op.drop_column('notice_period_days')
        batch_op.drop_column('current_employer')
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_column('name_from_resume')
