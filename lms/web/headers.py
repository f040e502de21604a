"""Security headers on every response, with a per-request nonce for the few inline scripts."""
import secrets

from flask import Flask, g, request
from flask_login import current_user


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    return "; ".join((
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
        headers["X-Content-Type-Options"] = "nosniff"
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")  # a page may be stricter
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if app.config.get("HSTS"):
            headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        # A response that chose its caching already (the 503 page while the database is away) is left alone,
        # without asking the database who is signed in.
        if "Cache-Control" not in headers and request.endpoint != "static" and (
                current_user.is_authenticated or request.endpoint is None or not request.endpoint.startswith("home.")):
            headers["Cache-Control"] = "no-store"
        return response
