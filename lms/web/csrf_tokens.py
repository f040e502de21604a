"""The signed CSRF token a page embeds, signed once a minute per session and process instead of on every page.

Flask-WTF signs the session's secret token with a timestamp for each request; a token signed a few seconds ago
is exactly as good (it is checked against the same secret and expires TIME_LIMIT after its own timestamp), so
each process keeps the latest signature of each session's token for up to REUSE_SECONDS."""
import time

from flask import Flask, current_app, g, session
from flask_wtf.csrf import generate_csrf

REUSE_SECONDS = 60
KEPT = 10_000  # sessions remembered per process before the memory starts over


def csrf_token() -> str:
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    if field not in g:
        signed: dict = current_app.extensions.setdefault("signed_csrf_tokens", {})
        raw, now = session.get(field), time.monotonic()
        kept = signed.get(raw) if raw else None
        if kept is not None and now - kept[1] < REUSE_SECONDS:
            setattr(g, field, kept[0])  # generate_csrf, and every form's token field, use it for this request
        else:
            token = generate_csrf()
            if len(signed) >= KEPT:
                signed.clear()
            signed[session[field]] = (token, now)
    return g.get(field)


def init_app(app: Flask) -> None:
    """In place of Flask-WTF's csrf_token() as a global (for imported macros); lms.web.templating puts it in
    every template's context too, where Flask-WTF's context processor put its own."""
    app.jinja_env.globals["csrf_token"] = csrf_token
