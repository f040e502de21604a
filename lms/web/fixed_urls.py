"""Addresses that never change while the application runs (static files, pages without arguments), built once
per process and mount point instead of on every page: the header alone has a dozen of them."""
from flask import Flask, request, url_for

from lms.loaded_once import kept


def fixed_url(endpoint: str, filename: str | None = None) -> str:
    """url_for(endpoint) or url_for('static', filename=...), remembered per script root."""
    return kept("fixed_urls", (request.script_root, endpoint, filename),
                lambda: url_for(endpoint, filename=filename) if filename else url_for(endpoint))


def static_url(filename: str) -> str:
    return fixed_url("static", filename)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(fixed_url=fixed_url, static_url=static_url)
