"""The search index: one row per thing search can find, with a full-text index (FTS5 on
SQLite, a generated tsvector column with a GIN index on PostgreSQL).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TSV = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(extra, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(body, '')), 'C')"
)
"""The PostgreSQL document vector: the title weighs most, then the other ways to find it,
then the text (``unsc.record.search`` queries the same column)."""


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("symbol", sa.String(length=80), nullable=False),
        sa.Column("symbol_key", sa.String(length=80), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_search_documents_kind"), "search_documents", ["kind"])
    op.create_index(op.f("ix_search_documents_symbol_key"), "search_documents", ["symbol_key"])
    op.create_index(op.f("ix_search_documents_date"), "search_documents", ["date"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({TSV}) "
            "STORED"
        )
        op.execute("CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)")
    else:
        # External content: the text lives once, in search_documents; the index is rebuilt
        # whole at the end of each build ('rebuild').
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, extra, "
            "content='search_documents', content_rowid='id', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_index(op.f("ix_search_documents_date"), table_name="search_documents")
    op.drop_index(op.f("ix_search_documents_symbol_key"), table_name="search_documents")
    op.drop_index(op.f("ix_search_documents_kind"), table_name="search_documents")
    op.drop_table("search_documents")
