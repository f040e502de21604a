"""Signing credentials: Ed25519 keys (private halves encrypted at rest), compact JWS (VC-JWT) with a `kid`, the
public keys as a JWKS, rotation that keeps old keys for verifying, and a verifier that pins the algorithm and
trusts only keys from our own set, never keys named in a token."""
import base64
import hashlib
import json
import secrets
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from flask import current_app
from sqlalchemy import select

from lms.audit import services as audit
from lms.certificates.models import SigningKey
from lms.database import utcnow
from lms.extensions import db

ALGORITHM = "EdDSA"
HEADER_KEYS = {"alg", "kid", "typ"}  # anything else (jwk, jku, x5u, x5c, crit...) is refused


class InvalidCredential(ValueError):
    """A token that is malformed, uses another algorithm or key, or whose signature does not match."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError):
        raise InvalidCredential("not base64url") from None


def _fernet() -> Fernet:
    material = current_app.config.get("SIGNING_KEY_ENCRYPTION_KEY") or current_app.config["SECRET_KEY"]
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"lms-signing-key:" + material.encode()).digest()))


def create_key() -> SigningKey:
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    key = SigningKey(kid=f"{utcnow():%Y%m%d}-{secrets.token_hex(4)}", public_key=public,
                     private_key=_fernet().encrypt(raw))
    db.session.add(key)
    db.session.flush()
    audit.record("signing_key.created", object_type="signing_key", object_id=key.kid)
    return key


def current_key() -> SigningKey:
    """The newest key in use, made on first need."""
    key = db.session.execute(select(SigningKey).where(SigningKey.retired_at.is_(None))
                             .order_by(SigningKey.created_at.desc()).limit(1)).scalar_one_or_none()
    return key or create_key()


def rotate() -> SigningKey:
    """Start signing with a new key; the old ones stay in the JWKS for verifying."""
    for key in db.session.execute(select(SigningKey).where(SigningKey.retired_at.is_(None))).scalars():
        key.retired_at = utcnow()
    return create_key()


def public_keys() -> dict[str, bytes]:
    return {key.kid: key.public_key for key in db.session.execute(select(SigningKey)).scalars()}


class KnownKeys:
    """The public keys for verifying, kept by each application process: keys are only ever added (a rotation),
    never changed or removed, so only a key id not seen yet reads them from the database again."""

    def get(self, kid: object) -> bytes | None:
        cache: dict = current_app.extensions.setdefault("verifying_keys", {})
        if kid not in cache:
            cache.update(public_keys())
        return cache.get(kid)


def jwks() -> dict:
    return {"keys": [{"kty": "OKP", "crv": "Ed25519", "x": _b64(public), "kid": kid, "alg": ALGORITHM, "use": "sig"}
                     for kid, public in sorted(public_keys().items())]}


def sign(claims: dict) -> str:
    key = current_key()
    try:
        raw = _fernet().decrypt(key.private_key)
    except InvalidToken:
        raise RuntimeError("The signing key cannot be decrypted: check SIGNING_KEY_ENCRYPTION_KEY.") from None
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": "JWT"}
    signing_input = f"{_b64(json.dumps(header, separators=(',', ':')).encode())}." \
                    f"{_b64(json.dumps(claims, separators=(',', ':'), sort_keys=True).encode())}"
    signature = Ed25519PrivateKey.from_private_bytes(raw).sign(signing_input.encode())
    return f"{signing_input}.{_b64(signature)}"


def verify(token: str, keys: "dict[str, bytes] | KnownKeys") -> dict:
    """The claims of a token signed by one of `keys` with EdDSA; InvalidCredential for anything else."""
    parts = token.strip().split(".")
    if len(parts) != 3 or not all(parts[:2]):
        raise InvalidCredential("not a compact JWS")
    try:
        header = json.loads(_unb64(parts[0]))
        claims = json.loads(_unb64(parts[1]))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InvalidCredential("header or claims are not JSON") from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise InvalidCredential("header or claims are not objects")
    if set(header) - HEADER_KEYS:
        raise InvalidCredential(f"header names keys or options we do not accept: {sorted(set(header) - HEADER_KEYS)}")
    if header.get("alg") != ALGORITHM:
        raise InvalidCredential(f"algorithm {header.get('alg')!r} is not allowed")
    public = keys.get(header.get("kid"))
    if public is None:
        raise InvalidCredential("unknown key id")
    if not _signature_holds(public, f"{parts[0]}.{parts[1]}".encode(), _unb64(parts[2])):
        raise InvalidCredential("the signature does not match")
    return claims


@lru_cache(maxsize=8192)
def _signature_holds(public: bytes, message: bytes, signature: bytes) -> bool:
    """Ed25519 verification, remembered per process: the answer for the same key, message and signature never
    changes, and the verification page checks the same few credentials over and over."""
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except InvalidSignature:
        return False
    return True
