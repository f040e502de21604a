"""Whole numbers sent in forms (versions, scores), read without trusting what str.isdigit() accepts."""


def whole_number(text: str | None, *, digits: int = 9) -> int | None:
    """The number, or None for anything but up to `digits` ASCII digits ("²" and 5,000-digit strings included)."""
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= digits else None
