"""client briefs and problems, contact log, service lines and rate card, fee approvals, partner KPO firms
with standards, contacts and engagements; clients' account owner; placement feedback

Revision ID: 0017
Revises: 0014
Create Date: 2026-12-02 13:51:38.101414

"""
from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('partner_firms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('capabilities', sa.JSON(), nullable=False),
    sa.Column('locations', sa.JSON(), nullable=False),
    sa.Column('time_zones', sa.JSON(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('capacity_note', sa.String(length=300), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_firms')),
    sa.UniqueConstraint('name', name=op.f('uq_partner_firms_name'))
    )
    op.create_table('service_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_lines')),
    sa.UniqueConstraint('name', name=op.f('uq_service_lines_name'))
    )
    op.create_table('firm_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=120), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['partner_firms.id'], name=op.f('fk_firm_contacts_firm_id_partner_firms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_firm_contacts'))
    )
    with op.batch_alter_table('firm_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_contacts_firm_id'), ['firm_id'], unique=False)

    op.create_table('firm_standards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('standard', sa.String(length=120), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('certificate_sha256', sa.String(length=64), nullable=True),
    sa.Column('certificate_filename', sa.String(length=255), nullable=True),
    sa.Column('certificate_mimetype', sa.String(length=120), nullable=True),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_firm_standards_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['certificate_sha256'], ['stored_files.sha256'], name=op.f('fk_firm_standards_certificate_sha256_stored_files')),
    sa.ForeignKeyConstraint(['firm_id'], ['partner_firms.id'], name=op.f('fk_firm_standards_firm_id_partner_firms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_firm_standards')),
    sa.UniqueConstraint('firm_id', 'standard', name=op.f('uq_firm_standards_firm_id'))
    )
    with op.batch_alter_table('firm_standards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_standards_firm_id'), ['firm_id'], unique=False)

    op.create_table('partner_firm_service_lines',
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('service_line_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['partner_firms.id'], name=op.f('fk_partner_firm_service_lines_firm_id_partner_firms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_line_id'], ['service_lines.id'], name=op.f('fk_partner_firm_service_lines_service_line_id_service_lines'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('firm_id', 'service_line_id', name=op.f('pk_partner_firm_service_lines'))
    )
    op.create_table('rate_card_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_line_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('floor_rate', sa.Double(), nullable=False),
    sa.Column('standard_rate', sa.Double(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['service_line_id'], ['service_lines.id'], name=op.f('fk_rate_card_entries_service_line_id_service_lines'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_rate_card_entries_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rate_card_entries')),
    sa.UniqueConstraint('service_line_id', 'unit', name=op.f('uq_rate_card_entries_service_line_id'))
    )
    with op.batch_alter_table('rate_card_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rate_card_entries_service_line_id'), ['service_line_id'], unique=False)

    op.create_table('client_briefs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_briefs_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_client_briefs_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_client_briefs_owner_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_briefs'))
    )
    with op.batch_alter_table('client_briefs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_briefs_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_briefs_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_briefs_owner_id'), ['owner_id'], unique=False)

    op.create_table('brief_problems',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('brief_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('service_line_id', sa.Integer(), nullable=True),
    sa.Column('work', sa.Text(), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('volume', sa.String(length=200), nullable=True),
    sa.Column('timeline', sa.String(length=200), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('budget_amount', sa.Double(), nullable=True),
    sa.Column('budget_unit', sa.String(length=20), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('required_standards', sa.JSON(), nullable=False),
    sa.Column('min_years', sa.Double(), nullable=False),
    sa.Column('quote_amount', sa.Double(), nullable=True),
    sa.Column('quote_unit', sa.String(length=20), nullable=True),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['brief_id'], ['client_briefs.id'], name=op.f('fk_brief_problems_brief_id_client_briefs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_brief_problems_job_id_jobs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['service_line_id'], ['service_lines.id'], name=op.f('fk_brief_problems_service_line_id_service_lines'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_brief_problems'))
    )
    with op.batch_alter_table('brief_problems', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_brief_problems_brief_id'), ['brief_id'], unique=False)

    op.create_table('contact_log_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('brief_id', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('happened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('next_step', sa.String(length=300), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['brief_id'], ['client_briefs.id'], name=op.f('fk_contact_log_entries_brief_id_client_briefs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_contact_log_entries_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['client_contacts.id'], name=op.f('fk_contact_log_entries_contact_id_client_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_contact_log_entries_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_log_entries'))
    )
    with op.batch_alter_table('contact_log_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_log_entries_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_log_entries_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_log_entries_user_id'), ['user_id'], unique=False)

    op.create_table('engagements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('brief_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('service_line_id', sa.Integer(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('comments', sa.Text(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['brief_id'], ['client_briefs.id'], name=op.f('fk_engagements_brief_id_client_briefs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_engagements_client_id_clients'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_engagements_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['firm_id'], ['partner_firms.id'], name=op.f('fk_engagements_firm_id_partner_firms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_line_id'], ['service_lines.id'], name=op.f('fk_engagements_service_line_id_service_lines'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_engagements'))
    )
    with op.batch_alter_table('engagements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagements_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagements_firm_id'), ['firm_id'], unique=False)

    op.create_table('fee_approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('problem_id', sa.Integer(), nullable=True),
    sa.Column('service_line_id', sa.Integer(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('amount', sa.Double(), nullable=False),
    sa.Column('floor', sa.Double(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_fee_approvals_approved_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_fee_approvals_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_fee_approvals_job_id_jobs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['problem_id'], ['brief_problems.id'], name=op.f('fk_fee_approvals_problem_id_brief_problems'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_fee_approvals_requested_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['service_line_id'], ['service_lines.id'], name=op.f('fk_fee_approvals_service_line_id_service_lines'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_approvals'))
    )
    with op.batch_alter_table('fee_approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_approvals_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fee_approvals_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fee_approvals_problem_id'), ['problem_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fee_approvals_status'), ['status'], unique=False)

    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('account_owner_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_clients_account_owner_id'), ['account_owner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_clients_account_owner_id_users'), 'users', ['account_owner_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feedback_rating', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('feedback', sa.Text(), nullable=True))



def downgrade():
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.drop_column('feedback')
        batch_op.drop_column('feedback_rating')

    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_clients_account_owner_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_clients_account_owner_id'))
        batch_op.drop_column('account_owner_id')

    with op.batch_alter_table('fee_approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_approvals_status'))
        batch_op.drop_index(batch_op.f('ix_fee_approvals_problem_id'))
        batch_op.drop_index(batch_op.f('ix_fee_approvals_job_id'))
        batch_op.drop_index(batch_op.f('ix_fee_approvals_client_id'))

    op.drop_table('fee_approvals')
    with op.batch_alter_table('engagements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagements_firm_id'))
        batch_op.drop_index(batch_op.f('ix_engagements_client_id'))

    op.drop_table('engagements')
    with op.batch_alter_table('contact_log_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_log_entries_user_id'))
        batch_op.drop_index(batch_op.f('ix_contact_log_entries_due_date'))
        batch_op.drop_index(batch_op.f('ix_contact_log_entries_client_id'))

    op.drop_table('contact_log_entries')
    with op.batch_alter_table('brief_problems', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_brief_problems_brief_id'))

    op.drop_table('brief_problems')
    with op.batch_alter_table('client_briefs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_briefs_owner_id'))
        batch_op.drop_index(batch_op.f('ix_client_briefs_created_at'))
        batch_op.drop_index(batch_op.f('ix_client_briefs_client_id'))

    op.drop_table('client_briefs')
    with op.batch_alter_table('rate_card_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rate_card_entries_service_line_id'))

    op.drop_table('rate_card_entries')
    op.drop_table('partner_firm_service_lines')
    with op.batch_alter_table('firm_standards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_firm_standards_firm_id'))

    op.drop_table('firm_standards')
    with op.batch_alter_table('firm_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_firm_contacts_firm_id'))

    op.drop_table('firm_contacts')
    op.drop_table('service_lines')
    op.drop_table('partner_firms')
