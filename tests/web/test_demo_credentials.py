"""Done-when check for certificates: an independent verifier that knows only the JWKS URL verifies every active
credential of the seeded demo and rejects each tampered variant."""
import json

from click.testing import CliRunner

from lms import create_app
from lms.cli import main
from lms.demo.cli import demo_config
from tests.web.test_signed_credentials import independent_verify, tampered_variants


def test_every_active_demo_credential_verifies_and_no_tampered_one_does(tmp_path, monkeypatch):
    import lms.config

    monkeypatch.setattr(lms.config, "PROJECT_ROOT", tmp_path)
    seeded = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "demo.db"), "--password",
                                       "walrus harbor lantern", "--no-serve"])
    assert seeded.exit_code == 0, seeded.output
    app = create_app(demo_config(tmp_path / "demo.db"), instance_path=str(tmp_path / "instance"))
    listed = json.loads(app.test_cli_runner().invoke(args=["certificates", "list", "--json"]).output)
    assert {row["status"] for row in listed} == {"active", "suspended", "revoked", "expired", "superseded"}
    public = app.test_client()
    jwks = public.get("/.well-known/jwks.json").get_json()  # all the verifier knows
    active = [row for row in listed if row["status"] == "active"]
    assert len(active) >= 3
    for row in active:
        token = public.get(f"/verify/{row['code']}/credential.jwt").get_data(as_text=True)
        claims = independent_verify(token, jwks)
        assert claims is not None and claims["vc"]["certificateNumber"] == row["number"], row["number"]
        for name, variant in tampered_variants(token).items():
            if variant.count(".") == 2:
                assert independent_verify(variant, jwks) is None, f"{row['number']}: {name}"
