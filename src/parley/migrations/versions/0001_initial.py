"""Initial schema: articles, actors, actor mentions and the per-article fact tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FACTS = {
    "events": [sa.Column("type", sa.String(32)), sa.Column("modality", sa.String(16)),
               sa.Column("date_start", sa.String(32)), sa.Column("date_end", sa.String(32))],
    "statements": [sa.Column("speaker", sa.String(200))],
    "proposals": [sa.Column("name", sa.Text)],
    "positions": [sa.Column("stance", sa.String(32))],
    "timexes": [sa.Column("value", sa.String(64))],
}


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text), sa.Column("title", sa.Text),
        sa.Column("published", sa.String(32)), sa.Column("published_source", sa.String(16)),
        sa.Column("language", sa.String(16)), sa.Column("text", sa.Text, nullable=False),
        sa.Column("author", sa.Text), sa.Column("site", sa.Text), sa.Column("ingest_date", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False), sa.Column("flag", sa.String(16)),
        sa.Column("near_duplicate_of", sa.String(200)), sa.Column("version_of", sa.String(200)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_table(
        "actors",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False), sa.Column("type", sa.String(32)),
        sa.Column("country", sa.Text), sa.Column("role", sa.Text), sa.Column("wikidata", sa.String(32)),
        sa.Column("cameo", sa.String(32)), sa.Column("iso", sa.String(8)),
    )
    op.create_table(
        "actor_mentions",
        sa.Column("article_id", sa.String(200), primary_key=True),
        sa.Column("start", sa.Integer, primary_key=True), sa.Column("end", sa.Integer, primary_key=True),
        sa.Column("actor_id", sa.String(200), primary_key=True),
        sa.Column("text", sa.Text),
    )
    op.create_index("ix_actor_mentions_actor_id", "actor_mentions", ["actor_id"])
    for name, cols in FACTS.items():
        op.create_table(
            name,
            sa.Column("article_id", sa.String(200), primary_key=True),
            sa.Column("id", sa.String(200), primary_key=True),
            *cols,
            sa.Column("data", sa.JSON, nullable=False),
        )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_date_start", "events", ["date_start"])
    op.create_index("ix_statements_speaker", "statements", ["speaker"])


def downgrade() -> None:
    for name in [*FACTS, "actor_mentions", "actors", "articles"]:
        op.drop_table(name)
