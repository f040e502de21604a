"""Count the SQL statements a block of code sends, to prove pages do not grow queries with data."""
from contextlib import contextmanager

from sqlalchemy import event

from lms.extensions import db


@contextmanager
def counting_queries(app):
    """Collect the SQL statements sent to the application's database inside the block."""
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def collect(connection, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", collect)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", collect)
