"""Signed credentials: an independent verifier that knows only the JWKS URL accepts every real credential and
rejects every tampered variant; a changed record shows as INVALID; rotated keys keep old credentials valid."""
import base64
import hashlib
import hmac
import json

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lms.certificates import signing
from lms.certificates.models import Certificate
from lms.extensions import db
from tests.certification import ready_academy


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def independent_verify(token: str, jwks: dict) -> dict | None:
    """A verifier written apart from the application: EdDSA only, keys only from the JWKS, no header keys."""
    head, body, signature = token.split(".")
    header = json.loads(unb64(head))
    if header.get("alg") != "EdDSA" or set(header) - {"alg", "kid", "typ"}:
        return None
    key = next((k for k in jwks["keys"] if k["kid"] == header.get("kid") and k["kty"] == "OKP"), None)
    if key is None:
        return None
    try:
        Ed25519PublicKey.from_public_bytes(unb64(key["x"])).verify(unb64(signature), f"{head}.{body}".encode())
    except Exception:
        return None
    return json.loads(unb64(body))


@pytest.fixture
def credential(app, client, sign_in, make_academy, make_account):
    class_id, coordinator, _ = ready_academy(app, make_academy, make_account)
    sign_in(coordinator)
    client.post(f"/certificates/classes/{class_id}")
    with app.app_context():
        certificate = db.session.execute(sa.select(Certificate)).scalar_one()
        return certificate.code, certificate.holder_name, certificate.number


def tampered_variants(token: str) -> dict[str, str]:
    head, body, signature = token.split(".")
    claims = json.loads(unb64(body))
    claims["vc"]["credentialSubject"]["name"] = "Mallory Forger"
    forged_body = b64(json.dumps(claims).encode())
    flipped = bytearray(unb64(signature))
    flipped[0] ^= 1
    none_head = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    hs_head = b64(json.dumps({"alg": "HS256", "kid": json.loads(unb64(head))["kid"]}).encode())
    attacker = Ed25519PrivateKey.generate()
    attacker_x = b64(attacker.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    jwk_head = b64(json.dumps({"alg": "EdDSA", "kid": "attacker",
                               "jwk": {"kty": "OKP", "crv": "Ed25519", "x": attacker_x}}).encode())
    jku_head = b64(json.dumps({"alg": "EdDSA", "kid": json.loads(unb64(head))["kid"],
                               "jku": "https://attacker.example/jwks.json"}).encode())
    return {
        "a changed claim": f"{head}.{forged_body}.{signature}",
        "a flipped signature byte": f"{head}.{body}.{b64(bytes(flipped))}",
        "alg none": f"{none_head}.{forged_body}.",
        "HS256 with the public key as secret": "{}.{}.{}".format(hs_head, forged_body, b64(hmac.new(
            b"public-key-bytes", f"{hs_head}.{forged_body}".encode(), hashlib.sha256).digest())),
        "an embedded jwk": f"{jwk_head}.{forged_body}.{b64(attacker.sign(f'{jwk_head}.{forged_body}'.encode()))}",
        "a jku header": f"{jku_head}.{body}.{signature}",
        "a truncated token": f"{head}.{body}",
    }


def test_an_independent_verifier_accepts_the_real_credential_and_rejects_every_tampered_one(app, credential):
    code, holder, number = credential
    public = app.test_client()
    jwks = public.get("/.well-known/jwks.json").get_json()
    response = public.get(f"/verify/{code}/credential.jwt")
    assert response.headers["Content-Type"] == "application/jwt"
    token = response.get_data(as_text=True)
    claims = independent_verify(token, jwks)
    assert claims["vc"]["credentialSubject"]["name"] == holder and claims["vc"]["certificateNumber"] == number
    assert claims["vc"]["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    with app.app_context():
        keys = signing.public_keys()
    for name, variant in tampered_variants(token).items():
        if variant.count(".") == 2:
            assert independent_verify(variant, jwks) is None, name
        with app.app_context(), pytest.raises(signing.InvalidCredential):
            signing.verify(variant, keys)


def test_a_changed_record_shows_as_invalid_on_the_public_page(app, credential):
    code, holder, _ = credential
    assert "The signature checks out" in app.test_client().get(f"/verify/{code}").get_data(as_text=True)
    with app.app_context():
        db.session.execute(sa.update(Certificate).values(hours=400.0))
        db.session.commit()
    page = app.test_client().get(f"/verify/{code}").get_data(as_text=True)
    assert "Signature INVALID" in page and "no longer matches what was signed" in page
    assert app.test_client().get(f"/verify/{code}.json").get_json()["signature"] == "invalid"


def test_after_a_key_rotation_old_credentials_still_verify(app, credential):
    code, _, _ = credential
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0 and "Now signing with" in result.output
    public = app.test_client()
    jwks = public.get("/.well-known/jwks.json").get_json()
    assert len(jwks["keys"]) == 2
    token = public.get(f"/verify/{code}/credential.jwt").get_data(as_text=True)
    assert independent_verify(token, jwks) is not None
    assert "The signature checks out" in public.get(f"/verify/{code}").get_data(as_text=True)
    with app.app_context():
        assert signing.current_key().kid != json.loads(unb64(token.split(".")[0]))["kid"]


def test_certificates_list_json_for_scripts(app, credential):
    code, holder, number = credential
    result = app.test_cli_runner().invoke(args=["certificates", "list", "--json"])
    rows = json.loads(result.output)
    assert rows == [{"number": number, "code": code, "holder": holder, "course": "tiny-course", "status": "active",
                     "issued_on": rows[0]["issued_on"], "expires_on": rows[0]["expires_on"]}]


def test_revocation_shows_in_the_signed_status_list_at_the_credentials_random_place(app, client, credential):
    import gzip

    from lms.certificates.status_list import SIZE, is_set
    from tests.factories import PASSWORD

    code, _, _ = credential
    public = app.test_client()
    jwks = public.get("/.well-known/jwks.json").get_json()
    token = public.get(f"/verify/{code}/credential.jwt").get_data(as_text=True)
    entry = next(e for e in independent_verify(token, jwks)["vc"]["credentialStatus"]
                 if e["statusPurpose"] == "revocation")
    index = int(entry["statusListIndex"])
    status_list = independent_verify(public.get("/status/revocation").get_data(as_text=True), jwks)
    encoded = status_list["vc"]["credentialSubject"]["encodedList"]
    assert len(gzip.decompress(unb64(encoded[1:]))) * 8 == SIZE >= 131_072
    assert not is_set(encoded, index)
    with app.app_context():
        certificate = db.session.execute(sa.select(Certificate)).scalar_one()
    client.post(f"/certificates/{certificate.id}", data={"to": "revoked", "reason": "issued-in-error",
                                                         "note": "Entered for the wrong academy.",
                                                         "password": PASSWORD})
    encoded = independent_verify(public.get("/status/revocation").get_data(as_text=True), jwks)[
        "vc"]["credentialSubject"]["encodedList"]
    assert is_set(encoded, index)
    suspension = independent_verify(public.get("/status/suspension").get_data(as_text=True), jwks)
    assert not is_set(suspension["vc"]["credentialSubject"]["encodedList"], index)
