"""TOTP codes: the current step (and one step of grace) match; nothing else does."""
from datetime import UTC, datetime, timedelta

import pyotp

from lms.accounts import mfa

SECRET = pyotp.random_base32()
NOW = datetime(2026, 11, 23, 12, 0, 15, tzinfo=UTC)


def code_at(moment: datetime) -> str:
    return pyotp.TOTP(SECRET).at(moment)


def test_the_current_code_matches_its_step():
    assert mfa.matching_step(SECRET, code_at(NOW), NOW) == int(NOW.timestamp()) // 30


def test_the_previous_code_is_accepted_once_typed_late_but_older_and_future_codes_are_not():
    assert mfa.matching_step(SECRET, code_at(NOW - timedelta(seconds=30)), NOW) is not None
    assert mfa.matching_step(SECRET, code_at(NOW - timedelta(seconds=60)), NOW) is None
    assert mfa.matching_step(SECRET, code_at(NOW + timedelta(seconds=30)), NOW) is None


def test_malformed_codes_do_not_match():
    for code in ("", "12345", "1234567", "abcdef", "12 34 5x"):
        assert mfa.matching_step(SECRET, code, NOW) is None


def test_seeds_are_encrypted_at_rest_and_need_the_key():
    token = mfa.encrypt_secret(SECRET, "key-one")
    assert SECRET.encode() not in token
    assert mfa.decrypt_secret(token, "key-one") == SECRET
    assert mfa.decrypt_secret(token, "key-two") is None


def test_recovery_codes_are_random_and_compared_by_hash():
    codes = mfa.new_recovery_codes()
    assert len(set(codes)) == 10
    assert mfa.recovery_code_hash(codes[0].upper().replace("-", " ")) == mfa.recovery_code_hash(codes[0])
