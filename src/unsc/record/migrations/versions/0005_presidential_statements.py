"""Presidential statements 2000-2026 and their paragraphs, from UN DGACM's machine-readable
documents.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "presidential_statements",
        sa.Column("symbol", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("agenda_item", sa.Text(), nullable=True),
        sa.Column("meeting_symbol", sa.String(length=40), nullable=True),
        sa.Column("corrigendum_of", sa.String(length=40), nullable=True),
        sa.Column("parse_note", sa.Text(), nullable=True),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.Column("source_ref", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("symbol"),
    )
    op.create_index(
        op.f("ix_presidential_statements_date"), "presidential_statements", ["date"], unique=False
    )
    op.create_index(
        op.f("ix_presidential_statements_meeting_symbol"),
        "presidential_statements",
        ["meeting_symbol"],
        unique=False,
    )
    op.create_table(
        "statement_paragraphs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_symbol", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_symbol"], ["presidential_statements.symbol"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("statement_symbol", "position"),
    )


def downgrade() -> None:
    op.drop_table("statement_paragraphs")
    op.drop_index(
        op.f("ix_presidential_statements_meeting_symbol"), table_name="presidential_statements"
    )
    op.drop_index(op.f("ix_presidential_statements_date"), table_name="presidential_statements")
    op.drop_table("presidential_statements")
