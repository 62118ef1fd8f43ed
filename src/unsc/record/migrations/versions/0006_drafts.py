"""Drafts not adopted (2023-2025) and their paragraphs, from UN DGACM's machine-readable
documents.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 11:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("symbol", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("sponsors", sa.JSON(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.Column("source_ref", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("symbol"),
    )
    op.create_index(op.f("ix_drafts_date"), "drafts", ["date"], unique=False)
    op.create_index(op.f("ix_drafts_vote_id"), "drafts", ["vote_id"], unique=False)
    op.create_table(
        "draft_paragraphs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_symbol", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=True),
        sa.Column("parent", sa.String(length=30), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["draft_symbol"], ["drafts.symbol"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("draft_symbol", "position"),
    )


def downgrade() -> None:
    op.drop_table("draft_paragraphs")
    op.drop_index(op.f("ix_drafts_vote_id"), table_name="drafts")
    op.drop_index(op.f("ix_drafts_date"), table_name="drafts")
    op.drop_table("drafts")
