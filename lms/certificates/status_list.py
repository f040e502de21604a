"""W3C Bitstring Status Lists for revocation and suspension: 131,072 entries (16 KB) so one holder cannot be
picked out, each certificate at a random position, published as a signed credential."""
import base64
import gzip
import secrets
from datetime import datetime, timezone

from sqlalchemy import select

from lms.certificates.models import Certificate
from lms.extensions import db

SIZE = 131_072
PURPOSES = {"revocation": ("revoked",), "suspension": ("suspended",)}


def free_index() -> int:
    """A random position not yet used by any certificate."""
    taken = set(db.session.execute(select(Certificate.status_index)).scalars())
    if len(taken) >= SIZE:
        raise RuntimeError("The status list is full: start a second list.")
    while (index := secrets.randbelow(SIZE)) in taken:
        pass
    return index


def bitstring(indexes: set[int]) -> bytes:
    """The list as bytes: entry 0 is the most significant bit of the first byte."""
    bits = bytearray(SIZE // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def is_set(encoded: str, index: int) -> bool:
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded.removeprefix("u") + "=" * (-len(encoded[1:]) % 4)))
    return bool(raw[index // 8] & (0x80 >> (index % 8)))


def encode(indexes: set[int]) -> str:
    """Multibase base64url (prefix "u") of the GZIP-compressed bitstring, as the specification asks."""
    packed = gzip.compress(bitstring(indexes), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def entries(base_url: str, index: int) -> list[dict]:
    """What a credential carries to point at its place in both lists."""
    return [{"id": f"{base_url}/status/{purpose}#{index}", "type": "BitstringStatusListEntry",
             "statusPurpose": purpose, "statusListIndex": str(index),
             "statusListCredential": f"{base_url}/status/{purpose}"} for purpose in PURPOSES]


def list_claims(purpose: str, base_url: str) -> dict:
    """The status list credential's claims, from the current statuses (one query)."""
    indexes = set(db.session.execute(select(Certificate.status_index).where(
        Certificate.status.in_(PURPOSES[purpose]))).scalars())
    now = datetime.now(timezone.utc).replace(microsecond=0)
    url = f"{base_url}/status/{purpose}"
    return {"iss": base_url + "/", "jti": url, "iat": int(now.timestamp()), "vc": {
        "@context": ["https://www.w3.org/ns/credentials/v2"], "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": base_url + "/", "validFrom": now.isoformat().replace("+00:00", "Z"),
        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList", "statusPurpose": purpose,
                              "encodedList": encode(indexes), "ttl": 60_000}}}
