"""Pieces of a page rendered once per what they show and kept by each process, the least recently used dropped
first. A class day lists 30 volunteers and a scoring sheet 13 criteria; after a save only one of them has
changed, yet every reload rendered them all. A piece is a template macro called with plain, hashable values
only, and those values are its key: what it shows cannot change without its key changing."""
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from flask import current_app, get_template_attribute, request
from markupsafe import Markup

KEPT = 2048  # pieces per process: a row or a criterion is 2-5 KB, so at most about 10 MB
LARGEST_KEPT = 16_000  # characters: a larger piece is rendered each time, never kept
_lock = Lock()


def rendered(template: str, macro: str, *values, keep: bool = True) -> Markup:
    """`macro` of `template` called with `values`, rendered the first time and kept after that. keep=False for
    a piece that shows what a person sent back with its errors: it is shown once, and it may be anything."""
    def render() -> Markup:
        return Markup(get_template_attribute(template, macro)(*values))

    if not keep:
        return render()
    return kept_piece("rendered_fragments", (template, macro, request.script_root, values), render, KEPT, LARGEST_KEPT)


def kept_piece(store: str, key, make: Callable[[], Markup], count: int, largest: int) -> Markup:
    """make() the first time `key` is asked of the process's store `store`, kept after that; at most `count`
    pieces of at most `largest` characters (a larger one is made each time)."""
    pieces: OrderedDict = current_app.extensions.setdefault(store, OrderedDict())
    with _lock:
        found = pieces.get(key)
        if found is not None:
            pieces.move_to_end(key)
            return found
    found = make()
    if len(found) > largest:
        return found
    with _lock:
        pieces[key] = found
        while len(pieces) > count:
            pieces.popitem(last=False)
    return found
