"""`?next=` only ever leads to a path on this site."""
import pytest

from lms.accounts.navigation import safe_next


@pytest.mark.parametrize("target", ["/dashboard", "/people/?q=ann", "/account/password"])
def test_local_paths_are_kept(target):
    assert safe_next(target, "/home") == target


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", None,
    "http:/evil.example", "/\x00/evil", "\\\\evil.example",
])
def test_other_sites_and_tricks_fall_back_to_the_default(target):
    assert safe_next(target, "/home") == "/home"
