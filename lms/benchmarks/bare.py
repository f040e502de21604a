"""The baseline of the load benchmark: a bare Flask application that renders a trivial template, served
under the same gunicorn settings as the product."""
from flask import Flask, render_template_string

app = Flask(__name__)
PAGE = "<!doctype html><html lang=en><title>{{ title }}</title><h1>{{ title }}</h1><p>{{ text }}</p></html>"


@app.route("/")
def index():
    return render_template_string(PAGE, title="Baseline", text="A trivial page.")
