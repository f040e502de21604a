"""Password rules: length, no composition rules, blocklists and context words (SECURITY.md 1)."""
import pytest

from lms.accounts.passwords import (
    common_passwords,
    context_words_for,
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)

WORDS = context_words_for("Dana Whitfield", "dana.whitfield@cedar.example", "Cedar Hollow Police Department", "State CIT Program")


def problems(password: str, min_length: int = 8) -> list[str]:
    return password_problems(password, min_length=min_length, max_length=256, context_words=WORDS)


def test_a_seven_character_password_is_refused_and_eight_is_accepted_for_learners():
    assert "at least 8 characters" in problems("zq7!mx2")[0]
    assert problems("zq7!mx2v") == []


def test_staff_need_twelve_characters():
    assert "at least 12" in problems("river-otter", min_length=12)[0]
    assert problems("river-otter-9", min_length=12) == []


def test_all_lowercase_words_with_spaces_are_accepted_without_composition_rules():
    assert problems("correcthorsebatterystaple") == []
    assert problems("my quiet kettle sings") == []


def test_unicode_and_sixty_four_characters_are_accepted():
    assert problems("ñandú-über-çava-日本語-пароль") == []
    assert problems("a" * 20 + "b7" * 22) == []


def test_common_and_breached_passwords_are_refused_with_the_reason():
    assert len(common_passwords()) >= 3000
    message = problems("password123")
    assert message and "common or breached" in message[0]


@pytest.mark.parametrize("password", ["CIT-CIT-CIT-1", "Cedarhollow!!", "DanaWhitfield1", "stateprogram", "policepolice"])
def test_passwords_built_from_words_tied_to_the_person_or_site_are_refused(password):
    message = problems(password)
    assert message and "word tied to you or to this site" in message[-1]


def test_a_context_word_inside_a_long_passphrase_is_fine():
    assert problems("cedar trees grow slowly on the ridge") == []


def test_hashes_are_argon2id_with_at_least_the_asvs_parameters():
    stored = hash_password("a perfectly fine passphrase")
    assert stored.startswith("$argon2id$v=19$")
    params = dict(part.split("=") for part in stored.split("$")[3].split(","))
    assert int(params["m"]) >= 19456 and int(params["t"]) >= 2 and int(params["p"]) >= 1
    assert not needs_rehash(stored)


def test_the_password_is_never_truncated():
    password = "x" * 64 + "A"
    stored = hash_password(password)
    assert verify_password(stored, password)
    assert not verify_password(stored, "x" * 64 + "B")
    assert not verify_password(stored, "x" * 64)


def test_verifying_against_no_hash_fails():
    assert not verify_password(None, "anything at all")
