"""The product as gunicorn serves it in the load benchmark: settings as JSON in LMS_BENCH_SETTINGS."""
import json
import os

from lms import create_app

app = create_app(json.loads(os.environ["LMS_BENCH_SETTINGS"]))
