"""Pieces of a page rendered once per what they show and kept by each process, the least recently used dropped
first. A class day lists 30 volunteers and a scoring sheet 13 criteria; after a save only one of them has
changed, yet every reload rendered them all. A piece is a template macro called with plain, hashable values
only, and those values are its key: what it shows cannot change without its key changing."""
from collections import OrderedDict
from threading import Lock

from flask import current_app, get_template_attribute, request
from markupsafe import Markup

KEPT = 2048  # pieces per process: a row or a criterion is 2-5 KB, so at most about 10 MB
LARGEST_KEPT = 16_000  # characters: a larger piece is rendered each time, never kept
_lock = Lock()


def rendered(template: str, macro: str, *values, keep: bool = True) -> Markup:
    """`macro` of `template` called with `values`, rendered the first time and kept after that. keep=False for
    a piece that shows what a person sent back with its errors: it is shown once, and it may be anything."""
    if not keep:
        return Markup(get_template_attribute(template, macro)(*values))
    store: OrderedDict = current_app.extensions.setdefault("rendered_fragments", OrderedDict())
    key = (template, macro, request.script_root, values)
    with _lock:
        found = store.get(key)
        if found is not None:
            store.move_to_end(key)
            return found
    found = Markup(get_template_attribute(template, macro)(*values))
    if len(found) > LARGEST_KEPT:
        return found
    with _lock:
        store[key] = found
        while len(store) > KEPT:
            store.popitem(last=False)
    return found
