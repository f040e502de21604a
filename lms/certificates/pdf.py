"""The certificate as a PDF: rendered once, at issue, from the frozen record, with a QR code of its public
verification address; WeasyPrint may fetch nothing but our own static files."""
import atexit
import base64
import hashlib
import io
import mimetypes
import threading
from pathlib import Path
from xml.etree import ElementTree

import zxingcpp
from flask import current_app, render_template
from PIL import Image

from lms.certificates.models import Certificate

STATIC = Path(__file__).resolve().parents[2] / "static"


INLINE_PNG = "data:image/png;base64,"


def _static_only_fetcher():
    """WeasyPrint's URL fetcher: `static:<path>` inside static/ and inline PNG images, nothing else (no network,
    no other files); anything else stops the rendering. The inline PNG (the QR code) is decoded here: urllib's
    data handler and its e-mail style headers took about a twentieth of a render."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(INLINE_PNG):
                return URLFetcherResponse(url, base64.b64decode(url.removeprefix(INLINE_PNG), validate=True))
            if not url.startswith("static:"):
                raise ValueError(f"refused to fetch {url!r}")
            path = (STATIC / url.removeprefix("static:").lstrip("/")).resolve()
            if STATIC not in path.parents or not path.is_file():
                raise ValueError(f"refused to fetch {url!r}")
            return URLFetcherResponse(url, path.read_bytes(),
                                      {"Content-Type": mimetypes.guess_type(path.name)[0] or "application/octet-stream"})

    return StaticOnly(allowed_protocols={"static", "data"}, fail_on_errors=True)


def verification_url(certificate: Certificate) -> str:
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/verify/{certificate.code}"


_prepared: dict = {}
_lock = threading.Lock()


def _renderer():
    """WeasyPrint, the certificate's stylesheets and its fonts, loaded once per process and reused (the caller
    holds the lock: renders share the font configuration, so they take turns)."""
    if not _prepared:
        import cssselect2
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        fetcher, fonts = _static_only_fetcher(), FontConfiguration()
        user_agent = CSS(url="static:css/certificate-ua.css", url_fetcher=fetcher)

        class LeanHTML(HTML):
            """The certificate's document: read by expat (C, 0.03 ms) when the rendered template is well-formed
            XML, as it is unless a stored value holds a character XML forbids; else by WeasyPrint's HTML5 parser
            (pure Python, 0.7 ms: a twentieth of a render). The same tree either way (the user-agent
            stylesheet test draws the page both ways)."""

            def __init__(self, string: str, **options):
                try:
                    root = ElementTree.fromstring(string)
                except ElementTree.ParseError:
                    super().__init__(string=string, **options)
                    return
                self.base_url, self.url_fetcher, self.media_type = options["base_url"], options["url_fetcher"], "print"
                self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
                self.etree_element = self.wrapper_element.etree_element

            def _ua_stylesheets(self, forms=False):
                return [user_agent]

            def _ph_stylesheets(self):
                return []

        _prepared.update(HTML=HTML, LeanHTML=LeanHTML, fetcher=fetcher, fonts=fonts, css=CSS(
            url="static:css/certificate.css", url_fetcher=fetcher, font_config=fonts))
        atexit.register(_prepared.clear)  # let the fonts go while the interpreter can still clean them up
    return _prepared


def qr_code(url: str) -> str:
    """The QR code as a grayscale PNG of one pixel per module with its quiet zone, drawn unsmoothed
    (image-rendering: pixelated) so it is sharp at any size. zxing-cpp encodes it (C++, 0.1 ms; segno, pure
    Python, took 1.4 ms, a tenth of a render) and Pillow writes the PNG. Grayscale because WeasyPrint embeds an
    8-bit gray image as it is, where it would turn a 1-bit one into RGB and write it twice."""
    modules = memoryview(zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
                         .to_image(scale=1, add_quiet_zones=True))
    height, width = modules.shape
    encoded = io.BytesIO()
    Image.frombytes("L", (width, height), modules.tobytes()).save(encoded, format="PNG")
    return INLINE_PNG + base64.b64encode(encoded.getvalue()).decode()


LONG_DATE = "%B %-d, %Y"


def facts(certificate: Certificate) -> list[tuple[str, str]]:
    """The certificate's facts as (label, value) lines, each value on one line (the paragraph keeps white space,
    so a tab or a line break in a stored name would break the alignment)."""
    lines = [("Certificate number", certificate.number), ("State officer ID", certificate.officer_id),
             ("Agency at issue", certificate.agency_name), ("Issued", f"{certificate.issued_on:{LONG_DATE}}")]
    if certificate.expires_on:
        lines.append(("Valid until", f"{certificate.expires_on:{LONG_DATE}}"))
    lines.append(("Course version", certificate.course_version))
    return [(label, " ".join(str(value or "").split())) for label, value in lines]


def render(certificate: Certificate, lean: bool = True) -> bytes:
    """The certificate's PDF. `lean` (always, but in the test that compares the two) takes the certificate's own
    user-agent stylesheet instead of WeasyPrint's HTML5 one."""
    url = verification_url(certificate)
    html = render_template("certificates/pdf.html", certificate=certificate, url=url, qr=qr_code(url),
                           facts=facts(certificate))
    with _lock:
        prepared = _renderer()
        document = prepared["LeanHTML" if lean else "HTML"]
        return document(string=html, base_url="static:", url_fetcher=prepared["fetcher"]).write_pdf(
            stylesheets=[prepared["css"]], font_config=prepared["fonts"], pdf_variant="pdf/ua-1",
            pdf_identifier=certificate.code.encode()[:32])


def attach(certificate: Certificate) -> None:
    """Render the PDF and keep it with the record, with its SHA-256: every download gives these bytes."""
    certificate.pdf = render(certificate)
    certificate.pdf_sha256 = hashlib.sha256(certificate.pdf).hexdigest()
