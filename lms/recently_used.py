"""Values a process keeps per application for the keys most recently asked, the least recently used dropped
first once a store is full: rendered pieces of pages (lms.web.fragments) and figures kept until the next
audited change (lms.audit.unchanged). Each store is an ordered dict in the application's extensions."""
from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock

from flask import current_app

_lock = Lock()


class RecentlyUsed:
    """The store `name` of the current application, holding at most `count` values."""

    def __init__(self, name: str, count: int):
        self.name, self.count = name, count

    def _values(self) -> OrderedDict:
        return current_app.extensions.setdefault(self.name, OrderedDict())

    def get(self, key: Hashable):
        """The value kept for `key`, now the most recently used; None if there is none."""
        values = self._values()
        with _lock:
            found = values.get(key)
            if found is not None:
                values.move_to_end(key)
            return found

    def put(self, key: Hashable, value) -> None:
        values = self._values()
        with _lock:
            values[key] = value
            values.move_to_end(key)
            while len(values) > self.count:
                values.popitem(last=False)
