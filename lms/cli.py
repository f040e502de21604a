"""The `lms` command: Flask's CLI with the project's command groups."""
import click
from flask.cli import FlaskGroup

from lms import create_app


def _app_for_cli():
    return create_app(for_cli=True)


@click.group(cls=FlaskGroup, create_app=_app_for_cli, add_version_option=False, load_dotenv=False)
def main() -> None:
    """Run and manage the CIT learning management system."""


def _register() -> None:
    from lms.demo.cli import demo

    main.add_command(demo)  # builds its own demo application


_register()
