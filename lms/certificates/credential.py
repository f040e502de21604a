"""The certificate as an Open Badges 3.0 AchievementCredential (a W3C Verifiable Credential) in VC-JWT form, and
the check that a record still matches what was signed."""
from datetime import date, datetime, time, timezone

from lms.certificates import signing, status_list
from lms.certificates.models import Certificate

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


def _epoch(day: date) -> int:
    return int(datetime.combine(day, time(0), tzinfo=timezone.utc).timestamp())


def claims(certificate: Certificate, base_url: str) -> dict:
    """What is signed: the frozen record's public facts (no officer ID, agency personnel data or scores)."""
    base = base_url.rstrip("/")
    url = f"{base}/verify/{certificate.code}"
    vc = {
        "@context": CONTEXTS,
        "id": url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": base + "/", "type": ["Profile"], "name": certificate.issuer},
        "validFrom": f"{certificate.issued_on.isoformat()}T00:00:00Z",
        "name": certificate.course_title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "achievement": {
                "id": f"{base}/courses/{certificate.course_slug}",
                "type": ["Achievement"],
                "achievementType": "License" if certificate.kind == "certification" else "Certificate",
                "name": certificate.course_title,
                "description": f"{certificate.hours:g} hours, course version {certificate.course_version}.",
                "criteria": {"narrative": "Every module's hours, the state written exam and the final role plays."
                             if certificate.kind == "certification" else "Every module of the course completed."},
            },
        },
        "certificateNumber": certificate.number,
        "hours": certificate.hours,
        "certifiedOn": certificate.certified_on.isoformat(),
        "credentialStatus": status_list.entries(base, certificate.status_index),
    }
    token = {"iss": base + "/", "jti": url, "sub": certificate.holder_name, "nbf": _epoch(certificate.issued_on),
             "vc": vc}
    if certificate.expires_on:
        vc["validUntil"] = f"{certificate.expires_on.isoformat()}T23:59:59Z"
        token["exp"] = _epoch(certificate.expires_on) + 86399
    return token


def check(certificate: Certificate, base_url: str, keys: "dict[str, bytes] | signing.KnownKeys") -> str | None:
    """None when the stored credential verifies with our keys and says exactly what the record says; otherwise
    why not (the record was changed, or the signature is bad)."""
    try:
        signed = signing.verify(certificate.credential, keys)
    except signing.InvalidCredential as problem:
        return f"the signature does not check out ({problem})"
    if signed != claims(certificate, base_url):
        return "the record no longer matches what was signed"
    return None
