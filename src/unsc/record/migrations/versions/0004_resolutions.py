"""Resolutions 2000-2026 and their paragraphs, from UN DGACM's machine-readable documents.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolutions",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("symbol", sa.String(length=40), nullable=False),
        sa.Column("adopted", sa.Date(), nullable=False),
        sa.Column("meeting_symbol", sa.String(length=40), nullable=True),
        sa.Column("adoption", sa.Text(), nullable=False),
        sa.Column("agenda_item", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("draft_symbol", sa.String(length=60), nullable=True),
        sa.Column("chapter_vii", sa.Boolean(), nullable=True),
        sa.Column("sponsors", sa.JSON(), nullable=False),
        sa.Column("subjects", sa.JSON(), nullable=False),
        sa.Column("subjects_text", sa.Text(), nullable=False),
        sa.Column("yes", sa.Integer(), nullable=True),
        sa.Column("no", sa.Integer(), nullable=True),
        sa.Column("abstain", sa.Integer(), nullable=True),
        sa.Column("vote_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.Column("source_ref", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("number"),
        sa.UniqueConstraint("symbol"),
    )
    op.create_index(op.f("ix_resolutions_adopted"), "resolutions", ["adopted"], unique=False)
    op.create_index(
        op.f("ix_resolutions_draft_symbol"), "resolutions", ["draft_symbol"], unique=False
    )
    op.create_index(op.f("ix_resolutions_vote_id"), "resolutions", ["vote_id"], unique=False)
    op.create_table(
        "resolution_paragraphs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=True),
        sa.Column("parent", sa.String(length=30), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["resolution_number"], ["resolutions.number"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("resolution_number", "position"),
    )


def downgrade() -> None:
    op.drop_table("resolution_paragraphs")
    op.drop_index(op.f("ix_resolutions_vote_id"), table_name="resolutions")
    op.drop_index(op.f("ix_resolutions_draft_symbol"), table_name="resolutions")
    op.drop_index(op.f("ix_resolutions_adopted"), table_name="resolutions")
    op.drop_table("resolutions")
