"""The one kind of error that domain rules raise when they refuse a request."""


class RuleRefused(ValueError):
    """A request the rules refuse: the message is for the person; `field` names the form field it concerns."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
