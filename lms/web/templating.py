"""Template globals: navigation by role, the program's name, demo mode, role labels."""
from flask import Flask, current_app
from flask_login import current_user

from lms.accounts.roles import Role
from lms.web import csrf_tokens, fixed_urls
from lms.web.assets import USWDS
from lms.web.navigation import navigation_for


def init_app(app: Flask) -> None:
    fixed_urls.init_app(app)
    csrf_tokens.init_app(app)

    @app.context_processor
    def page_context():
        return {
            "program_name": current_app.config["PROGRAM_NAME"],
            "demo_mode": current_app.config.get("DEMO_MODE", False),
            "navigation": navigation_for(current_user),
            "Role": Role,
            "uswds": USWDS,
            "csrf_token": csrf_tokens.csrf_token,  # registered after Flask-WTF's processor: replaces its own
        }
