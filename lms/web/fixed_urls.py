"""Addresses that never change while the application runs (static files, pages without arguments), built once
per process and mount point instead of on every page: the header alone has a dozen of them."""
from flask import Flask, current_app, request, url_for


def fixed_url(endpoint: str, filename: str | None = None) -> str:
    """url_for(endpoint) or url_for('static', filename=...), remembered per script root."""
    known: dict = current_app.extensions.setdefault("fixed_urls", {})
    key = (request.script_root, endpoint, filename)
    found = known.get(key)
    if found is None:
        found = known[key] = url_for(endpoint, filename=filename) if filename else url_for(endpoint)
    return found


def static_url(filename: str) -> str:
    return fixed_url("static", filename)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(fixed_url=fixed_url, static_url=static_url)
