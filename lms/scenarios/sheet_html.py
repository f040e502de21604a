"""The scoring page's criteria, each rendered once per what it shows (lms.web.fragments): an evaluator's sheet
shows 13 criteria of 8 choices, and a save changes one or two of them. Rubrics are content, loaded once and
unchanged while the application runs, so a criterion is named by its rubric's slug and its id."""
from markupsafe import Markup

from lms.scenarios import catalogue
from lms.web.fragments import rendered

COMMENT_MAX = 2000  # what a saved sheet keeps of a comment (lms.scenarios.services.save_draft)


def criterion_html(rubric, criterion, values: dict, error: str | None, *, critical: bool, comment: str) -> Markup:
    """`values` maps criterion ids to levels (None: not observed). A criterion shown back with an error shows
    what was sent, and is not kept."""
    return rendered("scoring/_criterion.html", "kept_criterion", rubric.slug, criterion.id,
                    values.get(criterion.id), criterion.id in values, error, critical, comment,
                    keep=error is None and len(comment) <= COMMENT_MAX)


def rubric_named(slug: str):
    """For the kept criterion's macro, which receives the rubric's slug only."""
    return catalogue.rubric(slug)
