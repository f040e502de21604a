"""The certificate as a PDF: rendered once, at issue, from the frozen record, with a QR code of its public
verification address; WeasyPrint may fetch nothing but our own static files."""
import atexit
import hashlib
import mimetypes
import threading
from pathlib import Path

import segno
from flask import current_app, render_template

from lms.certificates.models import Certificate

STATIC = Path(__file__).resolve().parents[2] / "static"


def _static_only_fetcher():
    """WeasyPrint's URL fetcher: `static:<path>` inside static/ and inline `data:` images, nothing else (no
    network, no other files); anything else stops the rendering."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:image/"):
                return super().fetch(url, headers)
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
    """WeasyPrint, the certificate's stylesheet and its fonts, loaded once per process and reused (the caller
    holds the lock: renders share the font configuration, so they take turns)."""
    if not _prepared:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        fetcher, fonts = _static_only_fetcher(), FontConfiguration()
        _prepared.update(HTML=HTML, fetcher=fetcher, fonts=fonts, css=CSS(
            url="static:css/certificate.css", url_fetcher=fetcher, font_config=fonts))
        atexit.register(_prepared.clear)  # let the fonts go while the interpreter can still clean them up
    return _prepared


def qr_code(url: str) -> str:
    """The QR code as a PNG of one pixel per module, drawn unsmoothed (image-rendering: pixelated) so it is sharp at
    any size. The mask is fixed: every mask gives a valid code, and segno's search for the best of the eight took
    most of a render's time (6 ms of 16)."""
    return segno.make(url, error="m", mask=0).png_data_uri(scale=1, border=4)


def render(certificate: Certificate) -> bytes:
    url = verification_url(certificate)
    qr = qr_code(url)
    html = render_template("certificates/pdf.html", certificate=certificate, url=url, qr=qr)
    with _lock:
        prepared = _renderer()
        return prepared["HTML"](string=html, base_url="static:", url_fetcher=prepared["fetcher"]).write_pdf(
            stylesheets=[prepared["css"]], font_config=prepared["fonts"], pdf_variant="pdf/ua-1",
            pdf_identifier=certificate.code.encode()[:32])


def attach(certificate: Certificate) -> None:
    """Render the PDF and keep it with the record, with its SHA-256: every download gives these bytes."""
    certificate.pdf = render(certificate)
    certificate.pdf_sha256 = hashlib.sha256(certificate.pdf).hexdigest()
