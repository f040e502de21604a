"""The behaviour anchors of a rubric's criteria as the scoring pages show them, rendered once per application:
they are content (rubrics are loaded once and do not change while the application runs), and an evaluator's
page shows every criterion's anchors, 13 criteria of 7 levels each."""
from flask import get_template_attribute
from markupsafe import Markup

from lms.loaded_once import kept


def anchor_list(rubric, criterion) -> Markup:
    return kept("rubric_anchors", (rubric.slug, criterion.id),
                lambda: get_template_attribute("scoring/_anchors.html", "anchor_list")(rubric, criterion))
