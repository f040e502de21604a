"""The certificate's PDF and its portability: rendered once at issue (the same bytes on every download), its QR
code read by a real QR reader leads to the verification page, a class ZIP, and certificates that follow the
officer to a new agency."""
import base64
import hashlib
import io
import subprocess
import zipfile
from datetime import date

import pytest
import sqlalchemy as sa
import zxingcpp

from lms.accounts.roles import Role
from lms.benchmarks.certificates import sample_certificate
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.people import services as people
from lms.people.models import Person
from tests.certification import ready_academy


@pytest.fixture
def issued(app, client, sign_in, make_academy, make_account):
    class_id, coordinator, _ = ready_academy(app, make_academy, make_account)
    sign_in(coordinator)
    client.post(f"/certificates/classes/{class_id}")
    with app.app_context():
        certificate = db.session.execute(sa.select(Certificate)).scalar_one()
        return class_id, certificate.id, certificate.code, certificate.person_id


def test_every_download_gives_the_bytes_rendered_at_issue(app, client, issued):
    _, certificate_id, _, _ = issued
    first = client.get(f"/certificates/{certificate_id}/certificate.pdf")
    second = client.get(f"/certificates/{certificate_id}/certificate.pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF") and first.data == second.data
    with app.app_context():
        stored = db.session.get(Certificate, certificate_id)
        assert hashlib.sha256(first.data).hexdigest() == stored.pdf_sha256 == first.headers["X-Content-SHA256"]


def test_the_qr_code_in_the_pdf_leads_to_the_verification_page(app, client, issued, tmp_path):
    _, certificate_id, code, _ = issued
    (tmp_path / "certificate.pdf").write_bytes(client.get(f"/certificates/{certificate_id}/certificate.pdf").data)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(tmp_path / "certificate.pdf"),
                    str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True, check=True)
    url = read.stdout.strip()
    assert url == f"{app.config['PUBLIC_BASE_URL']}/verify/{code}"
    assert "Active" in app.test_client().get(url.removeprefix(app.config["PUBLIC_BASE_URL"])).get_data(as_text=True)


def test_the_pdf_text_carries_the_number_and_the_code(app, client, issued, tmp_path):
    _, certificate_id, code, _ = issued
    (tmp_path / "c.pdf").write_bytes(client.get(f"/certificates/{certificate_id}/certificate.pdf").data)
    text = subprocess.run(["pdftotext", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    with app.app_context():
        number = db.session.get(Certificate, certificate_id).number
    assert number in text and code in text.replace("\n", "")


def test_the_coordinator_downloads_the_class_as_one_zip(client, issued):
    class_id, _, _, _ = issued
    response = client.get(f"/certificates/classes/{class_id}/certificates.zip")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = archive.namelist()
        assert len(names) == 1 and names[0].endswith(".pdf") and archive.read(names[0]).startswith(b"%PDF")


def test_a_certificate_follows_the_officer_to_a_new_agency(app, issued, sign_in, make_agency, make_account):
    _, certificate_id, code, person_id = issued
    with app.app_context():
        person = db.session.get(Person, person_id)
        old_agency = person.current_employment.agency
        old_trainer = make_account(Role.TRAINING_OFFICER, agency=old_agency)
    new_agency = make_agency(name="Juniper County Sheriff's Office")
    new_trainer = make_account(Role.TRAINING_OFFICER, agency=new_agency)
    old_desk, new_desk = app.test_client(), app.test_client()
    sign_in(old_trainer, via=old_desk)
    sign_in(new_trainer, via=new_desk)
    assert code[:6] and "Learner 0" in old_desk.get("/certificates/agency").get_data(as_text=True)
    assert "Learner 0" not in new_desk.get("/certificates/agency").get_data(as_text=True)
    with app.app_context():
        from lms.agencies.models import Agency

        person = db.session.get(Person, person_id)
        people.separate(person.current_employment, on=date.today(), reason="resigned")
        people.hire(person, db.session.get(Agency, new_agency.id), rank="officer", started_on=date.today())
        db.session.commit()
    assert "Learner 0" in new_desk.get("/certificates/agency").get_data(as_text=True)
    assert new_desk.get(f"/certificates/{certificate_id}/certificate.pdf").status_code == 200
    assert "Learner 0" not in old_desk.get("/certificates/agency").get_data(as_text=True)
    assert old_desk.get(f"/certificates/{certificate_id}/certificate.pdf").status_code == 404
    assert "Active" in app.test_client().get(f"/verify/{code}").get_data(as_text=True)


def _page_image(pdf_bytes: bytes, folder, name: str) -> bytes:
    (folder / f"{name}.pdf").write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-gray", "-r", "72", "-f", "1", "-l", "1", str(folder / f"{name}.pdf"),
                    str(folder / name)], check=True)
    return next(folder.glob(f"{name}*.pgm")).read_bytes()


def test_the_certificates_own_user_agent_stylesheet_draws_what_weasyprints_draws(app, tmp_path):
    """The certificate is rendered with a user-agent stylesheet of the few rules its template needs; an element
    added to the template without its rule would draw differently here."""
    from lms.certificates import pdf

    with app.test_request_context():
        for certificate in (sample_certificate(), sample_certificate(kind="completion", expires_on=None)):
            lean = _page_image(pdf.render(certificate), tmp_path, f"lean-{certificate.kind}")
            full = _page_image(pdf.render(certificate, lean=False), tmp_path, f"full-{certificate.kind}")
            assert lean == full


def test_each_fact_stays_on_its_own_line_whatever_white_space_a_stored_name_holds(app, tmp_path):
    from lms.certificates import pdf

    certificate = sample_certificate(agency_name="Cedar Hollow\tPolice\n\nDepartment ", officer_id=" UT-7\n")
    with app.test_request_context():
        (tmp_path / "c.pdf").write_bytes(pdf.render(certificate))
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Agency at issue Cedar Hollow Police Department" in lines
    assert "State officer ID UT-7" in lines
    assert "Valid until November 24, 2028" in lines
    assert pdf.facts(sample_certificate(expires_on=None))[-2:] == [
        ("Issued", "November 24, 2026"), ("Course version", "2026.1+0123456789ab")]


def test_the_qr_code_is_a_sharp_scannable_image_of_the_verification_address():
    from PIL import Image

    from lms.certificates import pdf

    url = "https://cit.example.gov/verify/" + "c" * 32
    png = base64.b64decode(pdf.qr_code(url).removeprefix("data:image/png;base64,"))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "L" and image.getextrema() == (0, 255)
    assert image.getpixel((0, 0)) == 255 and image.getpixel((4, 4)) == 0  # a white quiet zone, then a finder
    read = zxingcpp.read_barcode(image.resize((image.width * 8, image.height * 8), Image.Resampling.NEAREST))
    assert read is not None and read.text == url


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "static:../../lms/config.py", "static:css/missing.css", "http://example.com/seal.png",
    "data:image/svg+xml;base64,PHN2Zy8+", "data:text/html,<p>hello</p>", "data:image/png;base64,not*base64",
])
def test_the_pdf_renderer_fetches_nothing_but_static_files_and_its_own_inline_png(url):
    from lms.certificates import pdf

    fetcher = pdf._static_only_fetcher()
    with pytest.raises(ValueError):
        fetcher(url)
    inline = pdf.qr_code("https://cit.example.gov/verify/x")
    assert fetcher(inline).read().startswith(b"\x89PNG")
    assert fetcher("static:css/certificate.css").read().startswith(b"/* The certificate PDF")


def test_the_pdf_is_read_by_expat_and_a_name_xml_forbids_still_renders(app, tmp_path, monkeypatch):
    """The rendered template is well-formed XML, read by expat (a twentieth of the HTML5 parser's time); a stored
    value holding a character XML forbids falls back to the HTML5 parser, and the certificate still renders."""
    import weasyprint

    from lms.certificates import pdf

    parsed_as_html5 = []
    html5_parse = weasyprint.tinyhtml5.parse
    monkeypatch.setattr(weasyprint.tinyhtml5, "parse", lambda *args, **kwargs: parsed_as_html5.append(1) or
                        html5_parse(*args, **kwargs))
    with app.test_request_context():
        pdf.render(sample_certificate())
        assert parsed_as_html5 == []
        (tmp_path / "odd.pdf").write_bytes(pdf.render(sample_certificate(holder_name="Morgan \x07O'Fficer & Co")))
    assert parsed_as_html5 == [1]
    text = subprocess.run(["pdftotext", str(tmp_path / "odd.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "O'Fficer & Co" in text and "UT-CIT-2026-000001" in text
