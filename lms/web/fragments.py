"""Pieces of a page rendered once per what they show and kept by each process, the least recently used dropped
first. A class day lists 30 volunteers and a scoring sheet 13 criteria; after a save only one of them has
changed, yet every reload rendered them all. A piece is a template macro called with plain, hashable values
only, and those values are its key: what it shows cannot change without its key changing."""
from collections.abc import Callable

from flask import get_template_attribute, request
from markupsafe import Markup

from lms.recently_used import RecentlyUsed

KEPT = 2048  # pieces per process: a row or a criterion is 2-5 KB, so at most about 10 MB
LARGEST_KEPT = 16_000  # characters: a larger piece is rendered each time, never kept
_PIECES = RecentlyUsed("rendered_fragments", KEPT)


def rendered(template: str, macro: str, *values, keep: bool = True) -> Markup:
    """`macro` of `template` called with `values`, rendered the first time and kept after that. keep=False for
    a piece that shows what a person sent back with its errors: it is shown once, and it may be anything."""
    def render() -> Markup:
        return Markup(get_template_attribute(template, macro)(*values))

    if not keep:
        return render()
    return kept_piece(_PIECES, (template, macro, request.script_root, values), render, LARGEST_KEPT)


def kept_piece(store: RecentlyUsed, key, make: Callable[[], Markup], largest: int) -> Markup:
    """make() the first time `key` is asked of `store`, kept after that unless longer than `largest` characters
    (a larger piece is made each time)."""
    found = store.get(key)
    if found is None:
        found = make()
        if len(found) <= largest:
            store.put(key, found)
    return found
