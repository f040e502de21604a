"""Pages that only read, marked on their view: their GET requests run their queries without a transaction on
PostgreSQL (lms.database.reads_only) and are refused any write."""
from collections.abc import Callable

from flask import Flask, request

READS = ("GET", "HEAD")


def read_only(view: Callable) -> Callable:
    """Mark a view whose GET requests never write (a POST to the same view is untouched)."""
    view.read_only = True
    return view


def init_app(app: Flask) -> None:
    """Registered before any hook that reads the signed-in account, so that read runs without a transaction too."""
    from lms.database import reads_only
    from lms.extensions import db

    @app.before_request
    def read_without_transaction():
        if request.method in READS and getattr(app.view_functions.get(request.endpoint), "read_only", False):
            reads_only(db.session)
