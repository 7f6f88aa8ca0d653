"""recommendation reports: versions (issued ones kept unchanged), client links, answers per recommendation

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 13:27:56.418920

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recommendation_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('brief_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('anonymise', sa.Boolean(), nullable=False),
    sa.Column('show_breakdown', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_recommendation_reports_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_recommendation_reports_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_recommendation_reports_job_id_jobs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['brief_id'], ['client_briefs.id'], name=op.f('fk_recommendation_reports_brief_id_client_briefs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation_reports'))
    )
    with op.batch_alter_table('recommendation_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_reports_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_reports_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_reports_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_reports_brief_id'), ['brief_id'], unique=False)

    op.create_table('report_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('erasure_note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_report_versions_issued_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['recommendation_reports.id'], name=op.f('fk_report_versions_report_id_recommendation_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_versions')),
    sa.UniqueConstraint('report_id', 'number', name=op.f('uq_report_versions_report_id'))
    )
    with op.batch_alter_table('report_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_versions_report_id'), ['report_id'], unique=False)

    op.create_table('report_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['report_versions.id'], name=op.f('fk_report_decisions_version_id_report_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_decisions')),
    sa.UniqueConstraint('version_id', 'key', name=op.f('uq_report_decisions_version_id'))
    )
    with op.batch_alter_table('report_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_decisions_version_id'), ['version_id'], unique=False)

    op.create_table('report_shares',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('emailed', sa.Boolean(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('views', sa.Integer(), nullable=False),
    sa.Column('last_viewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['client_contacts.id'], name=op.f('fk_report_shares_contact_id_client_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_report_shares_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['version_id'], ['report_versions.id'], name=op.f('fk_report_shares_version_id_report_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_shares')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_report_shares_token_hash'))
    )
    with op.batch_alter_table('report_shares', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_shares_version_id'), ['version_id'], unique=False)



def downgrade():
    with op.batch_alter_table('report_shares', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_shares_version_id'))

    op.drop_table('report_shares')
    with op.batch_alter_table('report_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_decisions_version_id'))

    op.drop_table('report_decisions')
    with op.batch_alter_table('report_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_versions_report_id'))

    op.drop_table('report_versions')
    with op.batch_alter_table('recommendation_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_reports_job_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_reports_brief_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_reports_created_at'))
        batch_op.drop_index(batch_op.f('ix_recommendation_reports_client_id'))

    op.drop_table('recommendation_reports')
