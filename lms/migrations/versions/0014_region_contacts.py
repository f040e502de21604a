"""Each region's public contact on the advisory council, for the public directory.

Revision ID: 0014_region_contacts
Revises: 0013_api_tokens
Create Date: 2026-11-24 05:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_region_contacts'
down_revision = '0013_api_tokens'
branch_labels = None
depends_on = None

COLUMNS = (("contact_name", 160), ("contact_title", 160), ("contact_email", 254), ("contact_phone", 32))


def upgrade():
    with op.batch_alter_table('regions', schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))


def downgrade():
    with op.batch_alter_table('regions', schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
