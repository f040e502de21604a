"""Where to send a person after signing in: only to paths of this site."""
from urllib.parse import urlsplit


def safe_next(target: str | None, default: str) -> str:
    """Return target if it is a local path (no scheme, host or protocol-relative trick), else default."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(ch) < 32 for ch in target):
        return default
    return target
