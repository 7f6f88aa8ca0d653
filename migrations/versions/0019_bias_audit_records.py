"""self-identification questions and answers, the decision log, requests for human review

The gender answers already given are copied to self_id_answers as answers to the "sex" question.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 14:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'self_id_questions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('label', sa.String(length=200), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('sensitive_confirmed', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_self_id_questions')),
        sa.UniqueConstraint('key', name=op.f('uq_self_id_questions_key')),
    )
    op.create_table(
        'self_id_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=True),
        sa.Column('registration_id', sa.Integer(), nullable=True),
        sa.Column('question_key', sa.String(length=40), nullable=False),
        sa.Column('answer', sa.String(length=120), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_self_id_answers_application_id_applications'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'],
                                name=op.f('fk_self_id_answers_registration_id_registrations'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_self_id_answers')),
        sa.UniqueConstraint('application_id', 'question_key',
                            name=op.f('uq_self_id_answers_application_id')),
        sa.UniqueConstraint('registration_id', 'question_key',
                            name=op.f('uq_self_id_answers_registration_id')),
    )
    op.create_index(op.f('ix_self_id_answers_application_id'), 'self_id_answers', ['application_id'])
    op.create_index(op.f('ix_self_id_answers_registration_id'), 'self_id_answers', ['registration_id'])
    op.create_table(
        'decision_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=True),
        sa.Column('job_id', sa.Integer(), nullable=True),
        sa.Column('decision', sa.String(length=30), nullable=False),
        sa.Column('detail', sa.String(length=60), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('score', sa.Double(), nullable=True),
        sa.Column('scorer_version', sa.String(length=40), nullable=True),
        sa.Column('score_snapshot', sa.JSON(), nullable=True),
        sa.Column('human_review', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_decision_log_application_id_applications'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_decision_log_job_id_jobs'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_decision_log_actor_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_log')),
    )
    op.create_index(op.f('ix_decision_log_application_id'), 'decision_log', ['application_id'])
    op.create_index(op.f('ix_decision_log_job_id'), 'decision_log', ['job_id'])
    op.create_index(op.f('ix_decision_log_created_at'), 'decision_log', ['created_at'])
    op.create_table(
        'audit_publications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('published_by_id', sa.Integer(), nullable=True),
        sa.Column('summary', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['published_by_id'], ['users.id'],
                                name=op.f('fk_audit_publications_published_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_publications')),
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('human_review_requested', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('human_review_requested', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.execute("INSERT INTO self_id_answers (application_id, question_key, answer, created_at) "
               "SELECT application_id, 'sex', group_label, created_at FROM demographic_responses")
    op.execute("INSERT INTO self_id_answers (registration_id, question_key, answer, created_at) "
               "SELECT registration_id, 'sex', group_label, CURRENT_TIMESTAMP FROM registration_demographics")


def downgrade():
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_column('human_review_requested')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('human_review_requested')
    op.drop_table('audit_publications')
    op.drop_index(op.f('ix_decision_log_created_at'), table_name='decision_log')
    op.drop_index(op.f('ix_decision_log_job_id'), table_name='decision_log')
    op.drop_index(op.f('ix_decision_log_application_id'), table_name='decision_log')
    op.drop_table('decision_log')
    op.drop_index(op.f('ix_self_id_answers_registration_id'), table_name='self_id_answers')
    op.drop_index(op.f('ix_self_id_answers_application_id'), table_name='self_id_answers')
    op.drop_table('self_id_answers')
    op.drop_table('self_id_questions')
