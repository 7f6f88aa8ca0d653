"""a job order's fee as the rate card writes it (service line, amount, currency, unit) beside its terms as text,
so a fee below the floor is held for an executive; fee approvals keep the floor's currency

Existing fees stay as written (jobs.fee); those that read as one amount in a currency per unit ("INR 1,20,000
per month", "$45/hour") get it copied into the new columns. A percentage of salary or words around the amount
stay text only. The reading below is this revision's own copy of ``catalogue.parse_fee`` as it was when written:
a migration must give the same result whatever the application's code becomes.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 18:30:00

"""
import re

from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "Rs.": "INR", "Rs": "INR"}
UNITS = {"hour": ("hour", "hr", "h", "hourly"), "day": ("day", "daily"),
         "month": ("month", "mo", "mth", "pm", "p.m.", "monthly"),
         "item": ("item", "report", "piece", "deliverable", "each"),
         "fixed": ("fixed", "flat", "fixed fee", "flat fee", "one-off", "lump sum", "in total")}
CURRENCY = re.compile(r"US\$|Rs\.?(?=\s|\d)|[$€£₹]|\b[A-Z]{3}\b")
AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?")
PER = re.compile(r"^(?:(?:per|an|a)\b|/)\s*|^\s+", re.IGNORECASE)


def read_fee(text):
    text = " ".join((text or "").split())
    currencies, amounts = CURRENCY.findall(text), AMOUNT.findall(text)
    if "%" in text or len(currencies) != 1 or len(amounts) != 1:
        return None
    rest, unit = AMOUNT.sub(" ", CURRENCY.sub(" ", text, count=1), count=1).strip(), None
    while rest:
        unit = next((name for name, words in UNITS.items() if rest.lower().rstrip(".") in words
                     or rest.lower() in words), None)
        per = PER.match(rest)
        if unit or not per or not per.end():
            break
        rest = rest[per.end():]
    amount = float(amounts[0].replace(",", ""))
    if unit is None or amount <= 0:
        return None
    return {"amount": amount, "currency": SIGNS.get(currencies[0], currencies[0]), "unit": unit}


def upgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('service_line_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('fee_amount', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('fee_currency', sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column('fee_unit', sa.String(length=20), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_jobs_service_line_id_service_lines'), 'service_lines',
                                    ['service_line_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('fee_approvals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('floor_currency', sa.String(length=3), nullable=True))
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE fee_approvals SET floor_currency = currency"))
    jobs = sa.table('jobs', sa.column('id', sa.Integer()), sa.column('fee_amount', sa.Double()),
                    sa.column('fee_currency', sa.String()), sa.column('fee_unit', sa.String()))
    for job_id, fee in bind.execute(sa.text("SELECT id, fee FROM jobs WHERE fee IS NOT NULL")).all():
        read = read_fee(fee)
        if read:
            bind.execute(jobs.update().where(jobs.c.id == job_id).values(
                fee_amount=read["amount"], fee_currency=read["currency"], fee_unit=read["unit"]))


def downgrade():
    with op.batch_alter_table('fee_approvals', schema=None) as batch_op:
        batch_op.drop_column('floor_currency')
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_jobs_service_line_id_service_lines'), type_='foreignkey')
        batch_op.drop_column('fee_unit')
        batch_op.drop_column('fee_currency')
        batch_op.drop_column('fee_amount')
        batch_op.drop_column('service_line_id')
