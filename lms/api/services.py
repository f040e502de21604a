"""API tokens: created by an agency's training officer, shown once, kept as a SHA-256 hash, scoped to the
agency, revocable; creating, revoking and every use of the API are audited."""
import hashlib
import hmac
import re
import secrets

from sqlalchemy import select

from lms.agencies.models import Agency
from lms.api.models import ApiToken
from lms.audit import services as audit
from lms.database import utcnow
from lms.extensions import db
from lms.rules import RuleRefused

SCHEME = "cit_"
PREFIX_LENGTH = len(SCHEME) + 8  # 48 random bits: enough to find the row, far too few to guess the token
NAME_LENGTH = 80
TOKEN_SHAPE = re.compile(r"cit_[A-Za-z0-9_-]{43}")  # token_urlsafe(32) gives 43 characters


class ApiTokenError(RuleRefused):
    """A token step the rules refuse."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(agency: Agency, name: str, actor) -> tuple[ApiToken, str]:
    """Make a token for the agency; return the row and the token, which is never stored and cannot be shown again."""
    if actor.agency_id != agency.id:
        raise ApiTokenError("You can only create tokens for your own agency.")
    name = name.strip()
    if not name or len(name) > NAME_LENGTH:
        raise ApiTokenError(f"Name the system that will use the token, in at most {NAME_LENGTH} characters.", "name")
    while True:
        plaintext = SCHEME + secrets.token_urlsafe(32)
        prefix = plaintext[:PREFIX_LENGTH]
        if db.session.execute(select(ApiToken.id).where(ApiToken.prefix == prefix)).first() is None:
            break
    token = ApiToken(agency_id=agency.id, name=name, prefix=prefix, token_hash=_digest(plaintext),
                     created_by_id=actor.id)
    db.session.add(token)
    db.session.flush()
    audit.record("api_token.created", object_type="api_token", object_id=token.id, actor=actor,
                 details={"agency": agency.id, "name": name, "prefix": prefix})
    return token, plaintext


def revoke(token: ApiToken, actor) -> None:
    """Revoke a token of the actor's own agency; it is refused from the next request on."""
    if token.agency_id != actor.agency_id:
        raise ApiTokenError("You can only revoke your own agency's tokens.")
    if token.revoked:
        raise ApiTokenError(f"“{token.name}” was already revoked.")
    token.revoked_at = utcnow()
    token.revoked_by_id = actor.id
    db.session.flush()
    audit.record("api_token.revoked", object_type="api_token", object_id=token.id, actor=actor,
                 details={"agency": token.agency_id, "name": token.name, "prefix": token.prefix})


def tokens_of(agency_id: int) -> list[ApiToken]:
    """The agency's tokens, newest first, revoked ones included."""
    return list(db.session.execute(select(ApiToken).where(ApiToken.agency_id == agency_id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())).scalars())


def token_of(agency_id: int, token_id: int) -> ApiToken | None:
    """One of the agency's tokens; None for another agency's or an unknown id."""
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.agency_id == agency_id else None


def authenticate(header_value: str | None, resource: str) -> ApiToken | None:
    """The live token a request's `Authorization: Bearer ...` header carries, else None; either way the use is
    audited (the caller commits). Unknown, malformed and revoked tokens are all refused alike."""
    presented = _bearer(header_value)
    if presented is None:
        _refused("malformed" if header_value else "no token",
                 "api: malformed token" if header_value else "api: no token", resource)
        return None
    prefix = presented[:PREFIX_LENGTH]
    label = f"api token {prefix}…"
    token = db.session.execute(select(ApiToken).where(ApiToken.prefix == prefix)).scalar_one_or_none()
    if token is None or not hmac.compare_digest(token.token_hash, _digest(presented)):
        _refused("unknown token", label, resource)
        return None
    if token.revoked:
        _refused("revoked", label, resource, token)
        return None
    token.last_used_at = utcnow()
    audit.record("api.read", object_type="api_token", object_id=token.id, actor_label=label,
                 details={"agency": token.agency_id, "resource": resource})
    return token


def _bearer(header_value: str | None) -> str | None:
    """The token of a well-formed `Bearer cit_...` header, else None (no database lookup for junk)."""
    scheme, _, value = (header_value or "").strip().partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not TOKEN_SHAPE.fullmatch(value):
        return None
    return value


def _refused(reason: str, label: str, resource: str, token: ApiToken | None = None) -> None:
    details = {"reason": reason, "resource": resource} | ({"agency": token.agency_id} if token else {})
    audit.record("api.read", object_type="api_token", object_id=token.id if token else "unknown",
                 outcome="failure", actor_label=label, details=details)
