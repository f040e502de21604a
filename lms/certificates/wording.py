"""How a certificate names its course in print: on the PDF and the public verification page."""


def course_and_hours(title: str, hours: float) -> str:
    """"Title (40 hours)"; the title alone when it already ends with the same hours (the academy's title says
    "(40 hours)", and a certificate must not say it twice)."""
    stated = f"({hours:g} hours)"
    return title if title.endswith(stated) else f"{title} {stated}"
