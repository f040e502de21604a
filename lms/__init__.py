"""The CIT learning management system: a Flask application factory."""
import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from lms.config import PROJECT_ROOT, Config


def create_app(
    config: type[Config] | dict[str, Any] | None = None, *, for_cli: bool = False, instance_path: str | None = None
) -> Flask:
    """Build the application: settings, extensions, blueprints, security hooks."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=instance_path or str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
    )
    app.config.from_object(Config)
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    _settle_secrets_and_database(app, for_cli=for_cli)

    if app.config["TRUSTED_PROXY_COUNT"]:
        count = app.config["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    from lms import extensions

    extensions.db.init_app(app)
    from lms import pool_ping

    pool_ping.init_app(app)
    extensions.migrate.init_app(
        app, extensions.db, directory=str(Path(__file__).parent / "migrations"),
        render_as_batch=True, compare_type=True,
    )
    app.teardown_request(lambda error: extensions.db.session.remove())
    extensions.csrf.init_app(app)
    extensions.login_manager.init_app(app)

    from lms import models  # noqa: F401  (register every table on the metadata)
    from lms.accounts import sessions
    from lms.web import errors, headers, rate_limit, read_only, templating

    from lms.curriculum import catalogue

    catalogue.init_app(app)
    read_only.init_app(app)  # before the hooks that read the signed-in account
    sessions.init_app(app)
    headers.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    rate_limit.init_app(app)

    from lms.accounts.views import bp as accounts_bp
    from lms.admin.views import bp as admin_bp
    from lms.agencies.views import bp as agencies_bp
    from lms.audit.views import bp as audit_bp
    from lms.curriculum.views import bp as curriculum_bp
    from lms.academies.views import bp as academies_bp
    from lms.attendance.views import bp as teaching_bp
    from lms.applications.views import bp as applications_bp
    from lms.learning.views import bp as learning_bp
    from lms.home.views import bp as home_bp
    from lms.people.views import bp as people_bp
    from lms.assessments.views import bp as exams_bp
    from lms.scenarios.views import bp as scoring_bp
    from lms.certificates.views import bp as certificates_bp
    from lms.coverage.views import bp as coverage_bp
    from lms.exports.views import bp as exports_bp
    from lms.directory.views import bp as directory_bp
    from lms.dashboards.views import bp as dashboards_bp
    from lms.api.views import bp as api_bp

    for blueprint in (home_bp, accounts_bp, admin_bp, agencies_bp, people_bp, audit_bp, curriculum_bp, learning_bp,
                      applications_bp, academies_bp, teaching_bp, exams_bp, scoring_bp, certificates_bp, coverage_bp,
                      exports_bp, api_bp, directory_bp, dashboards_bp):
        app.register_blueprint(blueprint)

    from lms.accounts.cli import users
    from lms.audit.cli import audit
    from lms.certificates.cli import certificates, jobs, keys
    from lms.curriculum.cli import content
    from lms.synthetic.cli import seed
    from lms.backups.cli import backup, restore

    for group in (users, audit, content, keys, certificates, jobs, seed, backup, restore):
        app.cli.add_command(group)
    return app


def _settle_secrets_and_database(app: Flask, *, for_cli: bool) -> None:
    """Take the secret key and database from settings or the instance folder; refuse to run without a key."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        key_file = Path(app.instance_path) / "secret_key"
        if key_file.exists():
            app.config["SECRET_KEY"] = key_file.read_text().strip()
        elif for_cli:
            # Commands that never serve a session may run with a throwaway key.
            app.config["SECRET_KEY"] = secrets.token_urlsafe(32)
        else:
            raise RuntimeError(
                "No secret key: set LMS_SECRET_KEY or put one in the instance folder's secret_key file."
            )
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + str(Path(app.instance_path) / "lms.db")
