"""Meetings from the Dag Hammarskjöld Library's tables: format and printed date on
``meetings``, and each meeting's agenda rows with their outcomes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 08:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("meetings", sa.Column("format", sa.String(length=20), nullable=True))
    op.add_column("meetings", sa.Column("date_text", sa.String(length=60), nullable=True))
    op.create_index(op.f("ix_meetings_date"), "meetings", ["date"], unique=False)
    op.create_index(op.f("ix_meetings_format"), "meetings", ["format"], unique=False)
    op.create_table(
        "meeting_agenda_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_symbol", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.String(length=120), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_text", sa.String(length=60), nullable=False),
        sa.Column("press_release", sa.String(length=120), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("outcome_documents", sa.JSON(), nullable=False),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_symbol"], ["meetings.symbol"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_symbol", "position"),
    )


def downgrade() -> None:
    op.drop_table("meeting_agenda_items")
    op.drop_index(op.f("ix_meetings_format"), table_name="meetings")
    op.drop_index(op.f("ix_meetings_date"), table_name="meetings")
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("date_text")
        batch.drop_column("format")
