"""The behaviour anchors of a rubric's criteria as the scoring pages show them, rendered once per application:
they are content (rubrics are loaded once and do not change while the application runs), and an evaluator's
page shows every criterion's anchors, 13 criteria of 7 levels each."""
from flask import current_app, get_template_attribute
from markupsafe import Markup


def anchor_list(rubric, criterion) -> Markup:
    rendered: dict = current_app.extensions.setdefault("rubric_anchors", {})
    key = (rubric.slug, criterion.id)
    found = rendered.get(key)
    if found is None:
        found = rendered[key] = get_template_attribute("scoring/_anchors.html", "anchor_list")(rubric, criterion)
    return found
