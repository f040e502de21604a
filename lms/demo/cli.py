"""`lms demo`: migrate, seed a demo state if empty, print the logins, and serve."""
import secrets
from pathlib import Path

import click
from flask_migrate import upgrade

from lms import create_app
from lms.config import DevelopmentConfig


def demo_config(db_path: Path) -> type[DevelopmentConfig]:
    return type("DemoConfig", (DevelopmentConfig,), {
        "DEMO_MODE": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}",
    })


def ensure_secret_key(instance: Path) -> None:
    key_file = instance / "secret_key"
    if not key_file.exists():
        instance.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite file for the demo (default: instance/demo.db)")
@click.option("--password", default=None, help="Give every demo login this password")
@click.option("--no-serve", is_flag=True, help="Prepare and seed the database, then exit")
def demo(host: str, port: int, db_path: Path | None, password: str | None, no_serve: bool) -> None:
    """Run the seeded demo on the embedded SQLite database."""
    from lms.config import PROJECT_ROOT
    from lms.demo import seed

    instance = PROJECT_ROOT / "instance"
    ensure_secret_key(instance)
    db_path = (db_path or instance / "demo.db").resolve()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    app = create_app(demo_config(db_path), instance_path=str(instance))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        try:
            chosen = seed.seed_if_empty(password)
        except seed.DemoPasswordError as error:
            raise click.BadParameter(str(error), param_hint="--password") from error
    if chosen:
        click.echo(f"Seeded a demo state in {db_path}.")
        click.echo("Demo logins (all with the same password):")
        for email, role in seed.DEMO_LOGINS:
            click.echo(f"  {email:28} {role}")
        click.echo(f"Password: {chosen}")
    else:
        kept = "now have the password you gave" if password else "keep the password they were given"
        click.echo(f"Using the existing demo database {db_path}; its logins {kept}.")
        click.echo("Delete that file (or pass --db NEW.db) to seed afresh.")
    if no_serve:
        return
    click.echo(f"Serving the demo at http://{host}:{port}/  (Ctrl+C to stop)")
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)
