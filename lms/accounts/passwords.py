"""Password rules (pure) and password hashing with argon2id."""
import gzip
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

DATA = Path(__file__).parent / "data"

# ASVS 5.0 Appendix C minimum for argon2id: t=2, m=19 MiB, p=1.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16)
_DUMMY_HASH = HASHER.hash("timing-equaliser-for-unknown-accounts")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    with gzip.open(DATA / "common-passwords.txt.gz", "rt", encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


@lru_cache(maxsize=1)
def site_words() -> tuple[str, ...]:
    lines = (DATA / "context-words.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _letters_and_digits(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


def context_words_for(*texts: str | None) -> list[str]:
    """Split names, emails and agency names into words worth refusing in a password."""
    words: list[str] = list(site_words())
    for text in texts:
        if text:
            words.extend(part for part in re.split(r"[\W_]+", text.lower()) if len(part) >= 3)
    return words


def password_problems(password: str, *, min_length: int, max_length: int, context_words: list[str]) -> list[str]:
    """Say why a new password is refused; an empty list means it is acceptable."""
    length = len(password)
    if length < min_length:
        return [f"Use at least {min_length} characters (this one has {length})."]
    if length > max_length:
        return [f"Use at most {max_length} characters."]
    problems = []
    folded = _letters_and_digits(password)
    if password.lower() in common_passwords() or folded in common_passwords():
        problems.append("This password is on the list of common or breached passwords. Choose another.")
    remainder = folded
    used = []
    for word in sorted(set(context_words), key=len, reverse=True):
        if word and word in remainder:
            used.append(word)
            remainder = remainder.replace(word, "")
    if used and len(remainder) < 6:
        problems.append(
            f"This password is mostly made of “{used[0]}”, a word tied to you or to this site. Choose another."
        )
    return problems


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password against its hash; spend the same time when there is no hash."""
    try:
        return HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return HASHER.check_needs_rehash(password_hash)
