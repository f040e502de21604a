"""Whole numbers from forms: only ASCII digits, and not too many of them."""
from lms.whole_numbers import whole_number


def test_digits_are_read_and_anything_else_is_none():
    assert whole_number("42") == 42 and whole_number(" 7 ") == 7
    assert whole_number("²") is None and whole_number("٣") is None  # isdigit() says yes to both
    assert whole_number("9" * 5000) is None and whole_number("") is None and whole_number(None) is None
    assert whole_number("-1") is None and whole_number("1.5") is None
