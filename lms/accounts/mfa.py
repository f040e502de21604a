"""Time-based one-time passwords (TOTP) and recovery codes, with seeds encrypted at rest."""
import base64
import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken

STEP_SECONDS = 30
RECOVERY_CODE_COUNT = 10


def new_totp_secret() -> str:
    return pyotp.random_base32()  # 160 bits


def _fernet(key_material: str) -> Fernet:
    digest = hashlib.sha256(b"lms-totp-seed-key:" + key_material.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt_secret(secret: str, key_material: str) -> bytes:
    return _fernet(key_material).encrypt(secret.encode())


def decrypt_secret(token: bytes, key_material: str) -> str | None:
    try:
        return _fernet(key_material).decrypt(token).decode()
    except InvalidToken:
        return None


def matching_step(secret: str, code: str, now: datetime, *, grace_steps: int = 1) -> int | None:
    """Return the time step a code belongs to (now, or up to grace_steps earlier), or None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret, interval=STEP_SECONDS)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in range(current, current - grace_steps - 1, -1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def provisioning_uri(secret: str, account_name: str, issuer: str) -> str:
    return pyotp.TOTP(secret, interval=STEP_SECONDS).provisioning_uri(name=account_name, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """An inline SVG QR code for the authenticator app (no external request)."""
    return segno.make(uri, error="m").svg_inline(scale=5, dark="#1b1b1b", light="#ffffff", title="QR code for your authenticator app")


def new_recovery_codes() -> list[str]:
    """Ten codes of 60 random bits each, shown once as xxxxx-xxxxx-xxxxx."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()[:15]
        codes.append(f"{raw[:5]}-{raw[5:10]}-{raw[10:]}")
    return codes


def recovery_code_hash(code: str) -> str:
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()
