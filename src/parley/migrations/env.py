"""Alembic environment: parley passes an open connection in ``config.attributes``."""

from alembic import context
from sqlalchemy import create_engine

from parley.store import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # e.g. `alembic upgrade head` from a command line with a URL set
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///parley.db")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
