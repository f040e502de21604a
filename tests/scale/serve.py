"""The application one test server runs: gunicorn loads `tests.scale.serve:application()`, which builds it from
the JSON in LMS_SCALE_SETTINGS (database URL, instance folder, overrides of the test settings)."""
import json
import os

from lms import create_app
from tests.conftest import settings_for


def application():
    """Build the app from LMS_SCALE_SETTINGS, with the test suite's settings for the same database."""
    wanted = json.loads(os.environ["LMS_SCALE_SETTINGS"])
    return create_app(settings_for(wanted["database_url"], **wanted["overrides"]),
                      instance_path=wanted["instance_path"])
